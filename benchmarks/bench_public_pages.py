"""The public pages under load beside /healthz, on SQLite and PostgreSQL (issue 17).

    .venv/bin/python benchmarks/bench_public_pages.py [--items 2000] [--backend sqlite|postgres|both]
        [--seconds 5] [--clients 8] [--serve-arg=--workers=2 …] [--pg-name NAME]

For each backend: a fresh data directory in a temporary folder (and, for PostgreSQL, its own scratch
database at GONGKAI_TEST_POSTGRES_URL's server, dropped afterwards), `gongkai demo --no-serve --items N`,
then `gongkai serve` in its own process. Each page is loaded for --seconds by --clients concurrent
connections with wrk (a C load generator: `apt-get install -y wrk`; wrk keeps connections alive and sends
no cookies, so every request is a first visit of an anonymous visitor, served from the public-page cache
after the first). Prints, per page, req/s, p50 and p99 latency, the ratio to /healthz of the same run, and
non-2xx answers. Aims (issue 17): every public page ≥ 0.30 × /healthz and p99 < 100 ms at 8 clients.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_public_submissions import GONGKAI, REPO, SETTINGS, free_port, postgres_database

PAGES = (
    ("/healthz", "/healthz"),
    ("static CSS", "/static/gongkai/site.css"),
    ("home", "/"),
    ("agency page", "/agencies/{org}/"),
    ("catalogue", "/publishing/catalogue/"),
    ("catalogue, agency + 主题", "/publishing/catalogue/?org={org}&topic={topic}"),
    ("catalogue search", "/publishing/catalogue/?q=%E4%BD%8E%E4%BF%9D"),  # 低保
    ("item", "/publishing/catalogue/{item}/"),
    ("指南", "/publishing/guide/{org}/"),
    ("annual reports list", "/annual/reports/"),
    ("annual reports of an agency", "/annual/reports/agency/{org}/"),
    ("annual report page", "/annual/reports/{org}/2023/"),
    ("application form", "/requests/apply/?org={org}"),
    ("tracking", "/requests/track/"),
)
LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def ids(env: dict[str, str]) -> dict[str, int]:
    code = (
        "import django, json; django.setup();"
        "from gongkai.orgs.models import Organisation as O; from gongkai.publishing.models import Item as I;"
        "o = O.objects.get(name='大寨乡'); i = I.objects.public().filter(org=o).order_by('-pk').first();"
        "print(json.dumps({'org': o.pk, 'item': i.pk, 'topic': i.topic_id}))"
    )
    result = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS},
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def wrk(url: str, seconds: int, clients: int) -> dict[str, float]:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--latency", url],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    latency = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(out)}
    non_2xx = NON_2XX.search(out)
    return {"rate": float(RATE.search(out).group(1)), "p50": latency["50"], "p99": latency["99"],  # type: ignore[union-attr]
            "bad": int(non_2xx.group(1)) if non_2xx else 0}


def run_backend(name: str, database_url: str, data_dir: Path, args: argparse.Namespace) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": database_url, "GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_HTTPS": "0",
                "PYTHONUNBUFFERED": "1"})
    loaded = subprocess.run([*GONGKAI, "demo", "--no-serve", "--items", str(args.items)], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=7200)
    if loaded.returncode:
        print(f"{name}: gongkai demo failed:\n{loaded.stderr[-3000:]}")
        return False
    values = ids(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*GONGKAI, "serve", "--port", str(port), *args.serve_arg], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    rows = []
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "Serving on" in line:
                break
        else:
            print(f"{name}: gongkai serve stopped (exit {server.wait()})")
            return False
        threading.Thread(target=lambda: server.stdout and server.stdout.read(), daemon=True).start()
        wrk(f"{base}/healthz", 2, args.clients)  # warm-up: the server's threads and the worker beside it
        for label, path in PAGES:
            url = base + path.format(**values)
            with urllib.request.urlopen(url, timeout=60) as response:  # warm: the first rendering is stored
                response.read()
            rows.append((label, wrk(url, args.seconds, args.clients)))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    health = rows[0][1]["rate"]
    print(f"\n{name}, {args.items} items, {args.clients} clients × {args.seconds} s each (wrk), "
          f"gongkai serve {' '.join(args.serve_arg)}")
    print("| page | req/s | p50 / p99 ms | × healthz | non-2xx |\n|---|---|---|---|---|")
    good = True
    for label, row in rows:
        ratio = row["rate"] / health
        print(f"| {label} | {row['rate']:,.0f} | {row['p50']:.1f} / {row['p99']:.1f} | {ratio:.2f} | {row['bad']} |")
        good &= row["bad"] == 0 and (label == "/healthz" or (ratio >= 0.30 and row["p99"] < 100))
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--serve-arg", action="append", default=[], help="passed to gongkai serve (repeatable)")
    parser.add_argument("--pg-name", default="", help="the scratch PostgreSQL database's name (dropped afterwards)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk not found: apt-get install -y wrk", file=sys.stderr)
        return 2
    good = True
    with tempfile.TemporaryDirectory() as folder:
        if args.backend in ("sqlite", "both"):
            data = Path(folder) / "sqlite"
            good &= run_backend("SQLite", f"sqlite:///{data / 'gongkai.sqlite3'}", data, args)
        if args.backend in ("postgres", "both"):
            url, drop = postgres_database(args.pg_name)
            try:
                good &= run_backend("PostgreSQL", url, Path(folder) / "postgres", args)
            finally:
                drop()
    print("\nall aims met" if good else "\nsome aims not met (≥ 0.30 × /healthz, p99 < 100 ms, no errors)")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
