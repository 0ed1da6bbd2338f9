"""The staff pages at scale: the dashboard, the request list with 10,000 requests, the supervisors' view with
500 agencies (issue 17), on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_staff_pages.py [--requests 10000] [--agencies 500]
        [--backend sqlite|postgres|both] [--repeat 7] [--seconds 5] [--clients 4] [--serve-arg=--workers=2 …]
        [--pg-name NAME]

For each backend: a fresh data directory in a temporary folder (and, for PostgreSQL, its own scratch database at
GONGKAI_TEST_POSTGRES_URL's server, dropped afterwards) and `gongkai demo --no-serve`; then, in a child process,
`add_staff_load` writes with bulk_create --requests requests to 大寨乡 (copies of the demo's own requests, open
and closed in the demo's proportions of states, moved in time over 2019 to now, with their 征求意见 and fee
notices; about 2 % open) and as many agencies under the county as make --agencies (each with a few requests of last
year, and a published report, a draft, or nothing for last year; half with a report the year before). The child
then measures each page in-process (Django's test client, logged in): SQL queries, and the median of --repeat
renderings. Then `gongkai serve` in its own process, the two people log in over HTTP, and each page is loaded for
--seconds by --clients concurrent keep-alive connections (Python threads; the server's processes are apart)
beside /healthz of the same server: req/s, p50 and p99. Staff pages are never cached.

The figures that matter are the query counts and the in-process medians; the load figures depend on what else
the machine does (say so when you quote them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_public_submissions import GONGKAI, REPO, SETTINGS, free_port, postgres_database

COUNTY, TOWN = "某县人民政府", "大寨乡"
PASSWORD = "demo12345"  # every demo account's
OPEN_SHARE = 0.02  # of the generated requests, still open (the rest closed, with the demo's outcomes)
PAGES = (  # label, who, path
    ("dashboard, 大寨乡", "dazhai_handler", "/dashboard/{town}/"),
    ("dashboard, 某县 (supervisor)", "county_supervisor", "/dashboard/{county}/"),
    ("request list", "dazhai_handler", "/requests/"),
    ("request list, page 100", "dazhai_handler", "/requests/?page=100"),
    ("request list, search", "dazhai_handler", "/requests/?q=%E8%A1%A5%E8%B4%B4"),  # 补贴
    ("request list, open", "dazhai_handler", "/requests/?state=handling"),
    ("request list, county (supervisor)", "county_supervisor", "/requests/"),
    ("a request", "dazhai_handler", "/requests/{request}/"),
    ("supervisors' view", "county_supervisor", "/annual/supervise/{county}/?year={year}"),
    ("supervisors' chart", "county_supervisor", "/annual/supervise/{county}/chart/outcomes.svg?year={year}"),
)


# ------------------------------------------------------------------------------------------- the data

def _shifted(obj: Any, days: int, **changes: Any) -> Any:
    """A copy of a model instance, unsaved, with every date moved by `days` and `changes` applied."""
    copy = type(obj)()
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if value is not None and f.get_internal_type() in ("DateField", "DateTimeField"):
            value = value + dt.timedelta(days=days)
        setattr(copy, f.attname, value)
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def _latest_date(request: Any) -> dt.date:
    dates = [getattr(request, f.attname) for f in request._meta.concrete_fields
             if f.get_internal_type() == "DateField" and getattr(request, f.attname) is not None]
    return max(dates, default=request.submitted_at.date())


def _clone_requests(templates: list[Any], org: Any, count: int, rng: random.Random, today: dt.date,
                    *, open_share: float, years: tuple[int, int], handlers: list[Any]) -> int:
    """`count` copies of `templates` for `org`, moved in time, numbered after the org's own, with their
    consultations and fee notices; the org's number counters are moved past them."""
    from django.db.models import Max

    from gongkai.applications.models import Consultation, FeeNotice, Request, RequestCounter

    closed = [t for t in templates if t.closed is not None]
    still_open = [t for t in templates if t.closed is None]
    serials = dict(Request.objects.filter(org=org).values_list("year").annotate(m=Max("serial")))
    made, children = [], []
    for n in range(count):
        if still_open and rng.random() < open_share:
            template = rng.choice(still_open)
            days = -rng.randint(0, 10)  # the demo's open requests are set relative to today: keep them near
        else:
            template = rng.choice(closed)
            room = (today - _latest_date(template)).days
            first = dt.date(years[0], 1, 2) - template.submitted_at.date()
            last = min(room, (dt.date(years[1], 12, 20) - _latest_date(template)).days)
            days = rng.randint(min(first.days, last), last)
        start = template.received or template.submitted_at.date()
        year = (start + dt.timedelta(days=days)).year
        serials[year] = serials.get(year, 0) + 1
        code = hashlib.sha256(f"{org.pk}:{year}:{serials[year]}:{n}".encode()).hexdigest()[:12].upper()
        copy = _shifted(template, days, org_id=org.pk, year=year, serial=serials[year], tracking_code=code,
                        handler_id=rng.choice(handlers).pk if handlers and template.handler_id else None,
                        applicant_name=f"{template.applicant_name[:1]}{rng.choice('明华丽强伟芳军静敏')}{n % 97}")
        made.append((copy, template, days))
    Request.objects.bulk_create([m[0] for m in made], batch_size=1000)
    for copy, template, days in made:
        for consultation in getattr(template, "_consultations", ()):
            children.append(_shifted(consultation, days, request_id=copy.pk))
        fee = getattr(template, "_fee", None)
        if fee is not None:
            children.append(_shifted(fee, days, request_id=copy.pk))
    Consultation.objects.bulk_create([c for c in children if isinstance(c, Consultation)], batch_size=1000)
    FeeNotice.objects.bulk_create([c for c in children if isinstance(c, FeeNotice)], batch_size=1000)
    for year, last in serials.items():
        RequestCounter.objects.update_or_create(org=org, year=year, defaults={"last": last})
    return len(made)


def _templates(org: Any) -> list[Any]:
    from gongkai.applications.models import Consultation, FeeNotice, Request

    templates = list(Request.objects.filter(org=org))
    by_pk = {t.pk: t for t in templates}
    for consultation in Consultation.objects.filter(request__org=org):
        by_pk[consultation.request_id].__dict__.setdefault("_consultations", []).append(consultation)
    for fee in FeeNotice.objects.filter(request__org=org):
        by_pk[fee.request_id]._fee = fee
    return templates


def add_staff_load(requests: int, agencies: int, *, seed: int = 17, today: dt.date | None = None) -> dict[str, int]:
    """Bulk-load the demo county (already loaded) to `requests` more requests of 大寨乡 and `agencies` agencies
    under the county in all, with their requests and annual reports of last year; returns the ids the pages
    need. Django must be set up."""
    from django.db import transaction
    from django.utils import timezone

    from gongkai.annual.constants import ReportStatus
    from gongkai.annual.models import Report, ReportVersion
    from gongkai.orgs.constants import OrgKind
    from gongkai.orgs.demo import demo_credit_code
    from gongkai.orgs.models import Membership, Organisation
    from gongkai.web import cache as public_version

    today = today or timezone.localdate()
    rng = random.Random(seed)
    county, town = Organisation.objects.get(name=COUNTY), Organisation.objects.get(name=TOWN)
    year = today.year - 1  # the report being prepared now (gongkai.annual.views.report_year_now)
    templates = _templates(town)
    handlers = [m.user for m in Membership.objects.filter(org=town).select_related("user")]
    model = ReportVersion.objects.filter(report__org=town, report__status=ReportStatus.PUBLISHED).latest("pk")
    with transaction.atomic():
        _clone_requests(templates, town, requests, rng, today, open_share=OPEN_SHARE, years=(2019, today.year),
                        handlers=handlers)
        have = Organisation.objects.filter(supervising_org=county).count()
        first = Organisation.objects.count() + 1000  # past the demo's serials, and past an earlier call's
        new = [
            Organisation(name=f"某县第{n:03d}{'乡' if n % 3 else '局'}",
                         kind=OrgKind.TOWNSHIP if n % 3 else OrgKind.DEPARTMENT,
                         credit_code=demo_credit_code(first + n), parent=county, supervising_org=county,
                         office_name=f"第{n:03d}号党政综合办公室", sort_order=1000 + n)
            for n in range(have, max(agencies, have))
        ]
        Organisation.objects.bulk_create(new, batch_size=500)
        closed_last_year = [t for t in templates if t.closed is not None]
        for org in new:
            _clone_requests(closed_last_year, org, 4, rng, today, open_share=0, years=(year, year), handlers=[])
        reports, versions = [], []
        for n, org in enumerate(new):
            for report_year, kind in ((year, n % 10), (year - 1, 0 if n % 2 else 9)):
                if kind >= 7:
                    continue  # not started
                status = ReportStatus.PUBLISHED if kind <= 3 else ReportStatus.DRAFTING
                reports.append(Report(org=org, year=report_year, status=status,
                                      overall=f"{report_year}年，{org.name}认真贯彻落实《条例》。"))
        Report.objects.bulk_create(reports, batch_size=500)
        for report in reports:
            if report.status != ReportStatus.PUBLISHED:
                continue
            data = {**model.data, "agency": report.org.name, "year": report.year}
            late = rng.random() < 0.15
            published = timezone.make_aware(dt.datetime(report.year + 1, 2 if late else 1, rng.randint(5, 28), 10))
            versions.append(ReportVersion(
                report=report, number=1, data=data, html=model.html, published_at=published,
                sha256=hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()))
        ReportVersion.objects.bulk_create(versions, batch_size=200)
        public_version.bump()  # bulk_create sends no signals
    some = town.disclosure_requests.filter(closed__isnull=True, received__isnull=False).order_by("-pk").first()
    return {"county": county.pk, "town": town.pk, "year": year, "request": some.pk if some else 0,
            "agencies": Organisation.objects.filter(supervising_org=county).count(),
            "requests": town.disclosure_requests.count()}


# ------------------------------------------------------------------------------------------- in-process

@dataclass
class Measured:
    label: str
    queries: int
    median_ms: float
    status: int


def measure_in_process(values: dict[str, int], repeat: int) -> list[Measured]:
    """Each page rendered by Django's test client, logged in: its SQL queries and the median time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.orgs.models import User

    clients: dict[str, Client] = {}
    rows = []
    for label, who, path in PAGES:
        if who not in clients:
            clients[who] = Client(HTTP_HOST="127.0.0.1")
            clients[who].force_login(User.objects.get(username=who))
        client, url = clients[who], path.format(**values)
        client.get(url)  # the first rendering loads templates and translations
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        count = len(queries)  # now: the log is emptied when the next request starts
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        rows.append(Measured(label, count, statistics.median(times), response.status_code))
    return rows


def inside(args: argparse.Namespace) -> int:
    """The child: load the data, measure in-process, print one JSON line."""
    import django

    django.setup()
    started = time.perf_counter()
    values = add_staff_load(args.requests, args.agencies)
    loaded = time.perf_counter() - started
    rows = measure_in_process(values, args.repeat)
    print(json.dumps({"values": values, "load_s": loaded, "rows": [r.__dict__ for r in rows]}))
    return 0


# ------------------------------------------------------------------------------------------- served

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def login(port: int, username: str) -> str:
    """The Cookie header of a logged-in session of `username`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = {c.split("=", 1)[0]: c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or ()}
    token = CSRF_INPUT.search(page).group(1)  # type: ignore[union-attr]
    body = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    conn.request("POST", "/accounts/login/", body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(cookies.values()),
        "Referer": f"http://127.0.0.1:{port}/accounts/login/"})
    response = conn.getresponse()
    response.read()
    for c in response.headers.get_all("Set-Cookie") or ():
        cookies[c.split("=", 1)[0]] = c.split(";", 1)[0]
    conn.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed (HTTP {response.status})")
    return "; ".join(cookies.values())


def load(port: int, path: str, cookie: str, seconds: float, clients: int) -> dict[str, float]:
    """`clients` keep-alive connections asking `path` for `seconds`: req/s, p50, p99 (ms), non-200 answers."""
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, wrong = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            wrong += response.status != 200
        conn.close()
        with lock:
            latencies.extend(mine)
            bad[0] += wrong

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"rate": len(latencies) / elapsed, "p50": cuts[49], "p99": cuts[98], "bad": bad[0]}


def serve_and_load(env: dict[str, str], values: dict[str, int], args: argparse.Namespace) -> list[tuple[str, dict]]:
    port = free_port()
    server = subprocess.Popen([*GONGKAI, "serve", "--port", str(port), *args.serve_arg], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    rows = []
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "Serving on" in line:
                break
        else:
            raise RuntimeError(f"gongkai serve stopped (exit {server.wait()})")
        threading.Thread(target=lambda: server.stdout and server.stdout.read(), daemon=True).start()
        cookies = {who: login(port, who) for who in {who for _label, who, _path in PAGES}}
        load(port, "/healthz", "", 1, args.clients)  # warm-up
        rows.append(("/healthz", load(port, "/healthz", "", args.seconds, args.clients)))
        for label, who, path in PAGES:
            url = path.format(**values)
            load(port, url, cookies[who], 0.5, 1)  # warm: every worker process's templates
            rows.append((label, load(port, url, cookies[who], args.seconds, args.clients)))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    return rows


def run_backend(name: str, database_url: str, data_dir: Path, args: argparse.Namespace) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": database_url, "GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_HTTPS": "0",
                "PYTHONUNBUFFERED": "1", "GONGKAI_TASKS_WORKER": "0"})
    demo = subprocess.run([*GONGKAI, "demo", "--no-serve"], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=1800)
    if demo.returncode:
        print(f"{name}: gongkai demo failed:\n{demo.stderr[-3000:]}")
        return False
    child = subprocess.run(
        [sys.executable, __file__, "--inside", "--requests", str(args.requests), "--agencies", str(args.agencies),
         "--repeat", str(args.repeat)],
        env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS}, cwd=REPO, capture_output=True, text=True, timeout=3600)
    if child.returncode:
        print(f"{name}: loading or measuring failed:\n{child.stderr[-3000:]}")
        return False
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    values = measured["values"]
    served = serve_and_load(env, values, args) if args.seconds > 0 else []
    health = served[0][1]["rate"] if served else 0.0
    by_label = dict(served)
    print(f"\n{name}: 大寨乡 {values['requests']:,} requests, {values['agencies']} agencies under the county "
          f"(loaded in {measured['load_s']:.0f} s); in-process median of {args.repeat}; served by gongkai serve "
          f"{' '.join(args.serve_arg)} to {args.clients} clients × {args.seconds} s each, on a shared machine")
    if served:
        h = by_label["/healthz"]
        print(f"/healthz: {h['rate']:,.0f} req/s, p50 / p99 {h['p50']:.1f} / {h['p99']:.1f} ms")
    print("| page | queries | in-process ms | req/s | p50 / p99 ms | × healthz | non-200 |")
    print("|---|---|---|---|---|---|---|")
    good = True
    for row in measured["rows"]:
        s = by_label.get(row["label"])
        served_cells = (f"{s['rate']:,.1f} | {s['p50']:.0f} / {s['p99']:.0f} | {s['rate'] / health:.3f} | {s['bad']}"
                        if s else "– | – | – | –")
        print(f"| {row['label']} | {row['queries']} | {row['median_ms']:.1f} | {served_cells} |")
        good &= row["status"] == 200 and (not s or s["bad"] == 0)
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=5, help="0: in-process figures only")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--serve-arg", action="append", default=[], help="passed to gongkai serve (repeatable)")
    parser.add_argument("--pg-name", default="", help="the scratch PostgreSQL database's name (dropped afterwards)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return inside(args)
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
    print("\nevery page answered 200" if good else "\nsome pages failed")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
