"""Load: 200 concurrent online applications to `gongkai serve` on 127.0.0.1, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/load_public_submissions.py [--count 200] [--backend sqlite|postgres|both]
                                                           [--hostile-upload FILE] [--pg-name NAME]

For each backend: a fresh database (an SQLite file in a temporary folder; a scratch PostgreSQL database at
GONGKAI_TEST_POSTGRES_URL's server, dropped afterwards), `gongkai demo --no-serve`, then `gongkai serve`
in its own process. `--count` clients each open the public form (CSRF cookie) and submit an application
to 大寨乡, all at once, while a probe asks /healthz every 50 ms. With `--hostile-upload FILE`, a staff member
of the county uploads FILE to the annual reports' bulk check at the same time (the reader's limits keep the
server answering). Afterwards the database is read: every application stored, each with its own number
and tracking code. Prints the figures; exits 1 when anything failed or /healthz ever took 1 s or more.
Bounded: every request has a timeout and the server is stopped at the end.

The per-address limit of the public form is raised for the run (all clients come from 127.0.0.1).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GONGKAI = [sys.executable, "-m", "gongkai.cli"]
PG_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/gongkai")
TIMEOUT = 60  # seconds, any one request
SETTINGS = "gongkai.web.settings.production"
APPLICANT = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "110101199001011237", "phone": "13800000000", "email": "zhang@example.com",
    "description": "本乡2024年度惠民惠农财政补贴资金发放明细", "provision_form": "electronic", "delivery_way": "online",
}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def session() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def form_token(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(url, timeout=TIMEOUT) as response:
        match = CSRF_INPUT.search(response.read().decode())
    if not match:
        raise RuntimeError(f"no CSRF token on {url}")
    return match.group(1)


def submit(base: str, org_id: int, n: int) -> tuple[bool, float, str]:
    """One applicant: open the form, submit; (stored, seconds, what went wrong)."""
    opener = session()
    started = time.monotonic()
    try:
        token = form_token(opener, f"{base}/requests/apply/")
        data = {**APPLICANT, "applicant_name": f"申请人{n:03d}", "org": str(org_id), "csrfmiddlewaretoken": token}
        request = urllib.request.Request(f"{base}/requests/apply/", urllib.parse.urlencode(data).encode(),
                                         headers={"Referer": f"{base}/requests/apply/"})
        with opener.open(request, timeout=TIMEOUT) as response:
            ok = response.url.endswith("/requests/apply/done/")
            detail = "" if ok else f"form shown again: {response.read().decode()[:200]}"
    except Exception as exc:  # every failure is counted and shown, none ends the run
        return False, time.monotonic() - started, f"{type(exc).__name__}: {exc}"
    return ok, time.monotonic() - started, detail


def hostile_upload(base: str, path: Path) -> str:
    """A county staff member uploads `path` to the bulk check of their own organisation."""
    opener = session()
    token = form_token(opener, f"{base}/accounts/login/")
    login = urllib.parse.urlencode({"username": "county_admin", "password": "demo12345",
                                    "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", login,
                                       headers={"Referer": f"{base}/accounts/login/"}), timeout=TIMEOUT).close()
    with opener.open(f"{base}/annual/", timeout=TIMEOUT) as response:
        found = re.search(r'/annual/supervise/(\d+)/', response.read().decode())
    org = found.group(1) if found else "1"
    url = f"{base}/annual/supervise/{org}/check/"
    token = form_token(opener, url)
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + path.read_bytes() + \
        f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": url})
    started = time.monotonic()
    try:
        with opener.open(request, timeout=TIMEOUT * 5) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return f"hostile upload {path.name}: HTTP {status} in {time.monotonic() - started:.1f} s"


def probe(base: str, stop: threading.Event, times: list[float], failures: list[str]) -> None:
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                json.load(response)
            times.append(time.monotonic() - started)
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
        stop.wait(0.05)


def stored(env: dict[str, str]) -> dict[str, Any]:
    """What the database holds: applications, distinct numbers and tracking codes (read in a subprocess)."""
    code = (
        "import django, json; django.setup();"
        "from gongkai.applications.models import Request as R;"
        "rows = list(R.objects.filter(applicant_name__startswith='申请人').values_list('org_id', 'year', 'serial',"
        " 'tracking_code'));"
        "print(json.dumps({'stored': len(rows), 'numbers': len({r[:3] for r in rows}),"
        " 'codes': len({r[3] for r in rows})}))"
    )
    result = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS},
                            capture_output=True, text=True, timeout=120)
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_backend(name: str, database_url: str, data_dir: Path, count: int, hostile: Path | None) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": database_url, "GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_HTTPS": "0",
                "GONGKAI_APPLY_PER_HOUR": str(count * 2), "PYTHONUNBUFFERED": "1"})
    subprocess.run([*GONGKAI, "demo", "--no-serve"], env=env, cwd=REPO, capture_output=True, timeout=600, check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*GONGKAI, "serve", "--port", str(port)], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "Serving on" in line:
                break
        else:
            print(f"{name}: gongkai serve stopped (exit {server.wait()})")
            return False
        threading.Thread(target=lambda: server.stdout and server.stdout.read(), daemon=True).start()
        opener = session()
        with opener.open(f"{base}/requests/apply/", timeout=TIMEOUT) as response:
            page = response.read().decode()
        org_id = int(re.search(r'<option value="(\d+)"[^>]*>大寨乡</option>', page).group(1))  # type: ignore[union-attr]

        stop, health, health_failures = threading.Event(), [], []
        prober = threading.Thread(target=probe, args=(base, stop, health, health_failures))
        prober.start()
        extra = []
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=count + 1) as pool:
            hostile_job = pool.submit(hostile_upload, base, hostile) if hostile else None
            results = list(pool.map(lambda n: submit(base, org_id, n), range(count)))
            if hostile_job:
                extra.append(hostile_job.result())
        elapsed = time.monotonic() - started
        stop.set()
        prober.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = [detail for ok, _, detail in results if not ok]
    seconds = sorted(s for _, s, _ in results)
    db = stored(env)
    worst = max(health, default=float("inf"))
    print(f"{name}: {count} concurrent submissions in {elapsed:.1f} s — stored {db['stored']}, "
          f"distinct numbers {db['numbers']}, distinct tracking codes {db['codes']}, errors {len(errors)}; "
          f"submission median {statistics.median(seconds):.2f} s, slowest {seconds[-1]:.2f} s; "
          f"/healthz {len(health)} probes, median {statistics.median(health) * 1000:.0f} ms, "
          f"slowest {worst * 1000:.0f} ms, failed {len(health_failures)}")
    for line in extra:
        print(f"  {line}")
    for detail in errors[:5]:
        print(f"  error: {detail}")
    return (not errors and not health_failures and worst < 1.0
            and db["stored"] == db["numbers"] == db["codes"] == count)


def postgres_database(name: str = "") -> tuple[str, Any]:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(PG_URL)
    params = {"host": cfg["HOST"] or "127.0.0.1", "port": int(cfg["PORT"] or 5432), "user": cfg["USER"] or "postgres"}
    name = name or f"gongkai_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgresql://{params['user']}@{params['host']}:{params['port']}/{name}", drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--hostile-upload", type=Path, help="a file to upload to the bulk check during the run "
                        "(benchmarks/hostile_bundle.py writes one that takes the reader to each of its limits)")
    parser.add_argument("--pg-name", default="", help="the scratch PostgreSQL database's name (dropped afterwards)")
    args = parser.parse_args()
    good = True
    with tempfile.TemporaryDirectory() as folder:
        if args.backend in ("sqlite", "both"):
            data = Path(folder) / "sqlite"
            good &= run_backend("SQLite", f"sqlite:///{data / 'gongkai.sqlite3'}", data, args.count,
                                args.hostile_upload)
        if args.backend in ("postgres", "both"):
            url, drop = postgres_database(args.pg_name)
            try:
                good &= run_backend("PostgreSQL", url, Path(folder) / "postgres", args.count, args.hostile_upload)
            finally:
                drop()
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
