"""Drafting and checking the annual reports of many agencies from their records, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_annual.py [--agencies 10000] [--requests 1000000] [--backend both]

What is measured, so the figures can be judged:
- Data (bulk-created, fixed seed): one county and N townships under it; R requests spread over them,
  received in 2022–2023, about 85% closed (each with an outcome of the Regulation and its table-三 row),
  some carried over; one appeal per 20 requests, a third of them still pending; the 第二十条 figures of
  every agency. Normative documents: none (the publishing register's query runs, over an empty table).
- draft: `gongkai.annual.drafting.draft_for_orgs(all agencies, 2023)` — tables 二, 三, 四 by the stats
  services' grouped queries, the AnnualReport models, section 一's generated sentences.
- check: `drafting.check_draft(report, previous)` for every draft (every rule; last year's reports looked up
  in one query).
- Baselines in the same run: a bare `SELECT COUNT(*)` over the requests, and one `GROUP BY org_id` count —
  what reading the requests at all costs on that database.
Each backend runs in its own process on a fresh database (a temporary SQLite file; a scratch PostgreSQL
database that is dropped afterwards, from GONGKAI_TEST_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/gongkai")


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def populate(agencies: int, requests: int) -> list:  # type: ignore[type-arg]
    from gongkai.annual.models import Art20Figures
    from gongkai.appeals.models import Appeal
    from gongkai.applications.models import Request
    from gongkai.law.requests import OUTCOMES, ApplicantType, ReceiptChannel
    from gongkai.orgs.constants import OrgKind
    from gongkai.orgs.demo import demo_credit_code
    from gongkai.orgs.models import Organisation

    rnd = random.Random(20240131)
    county = Organisation.objects.create(
        name="基准县人民政府", kind=OrgKind.COUNTY_GOV, credit_code=demo_credit_code(1)
    )
    Organisation.objects.bulk_create(
        [Organisation(name=f"基准乡{i}", kind=OrgKind.TOWNSHIP, credit_code=demo_credit_code(i + 2), parent=county,
                      supervising_org=county, sort_order=i) for i in range(agencies)],
        batch_size=2000,
    )
    orgs = list(Organisation.objects.filter(parent=county))
    org_ids = [o.pk for o in orgs]
    types = [t.value for t in ApplicantType]
    channel = next(iter(ReceiptChannel)).value
    start = dt.date(2022, 1, 1)
    batch: list[Request] = []
    appeals: list[Appeal] = []
    for i in range(requests):
        org_id = rnd.choice(org_ids)
        received = start + dt.timedelta(days=rnd.randrange(730))
        closed = outcome = row = None
        if rnd.random() < 0.85:
            closed = received + dt.timedelta(days=rnd.randrange(1, 40))
            chosen = rnd.choice(OUTCOMES)
            outcome, row = chosen.key, chosen.table3_row
        batch.append(Request(
            org_id=org_id, year=received.year, serial=i + 1, tracking_code=f"B{i:014d}", channel=channel,
            received=received, applicant_type=rnd.choice(types), applicant_name="申请人", id_number="0",
            phone="0", description="基准", closed=closed, outcome=outcome or "", outcome_row=row or "",
        ))
        if i % 20 == 0:
            filed = received + dt.timedelta(days=rnd.randrange(30, 90))
            decided = filed + dt.timedelta(days=rnd.randrange(30, 200)) if rnd.random() < 0.66 else None
            appeals.append(Appeal(org_id=org_id, kind=rnd.choice(("review", "direct_suit", "suit_after_review")),
                                  applicant="申请人", filed_on=filed, decided_on=decided,
                                  result=rnd.choice(("upheld", "corrected", "other")) if decided else ""))
        if len(batch) == 20000:
            Request.objects.bulk_create(batch)
            batch = []
    Request.objects.bulk_create(batch)
    Appeal.objects.bulk_create(appeals, batch_size=5000)
    Art20Figures.objects.bulk_create(
        [Art20Figures(org_id=org_id, year=2023, licensing=rnd.randrange(50), penalty=rnd.randrange(10),
                      coercion=rnd.randrange(3), fees=Decimal(rnd.randrange(10000)) / 100) for org_id in org_ids],
        batch_size=5000,
    )
    return orgs


def run(agencies: int, requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.annual import drafting
    from gongkai.report.findings import Severity

    call_command("migrate", verbosity=0)
    orgs, seconds = timed(populate, agencies, requests)
    print(f"  data: {agencies:,} agencies, {requests:,} requests bulk-created in {seconds:.1f} s")

    def count() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM applications_request")
            return int(cursor.fetchone()[0])

    def grouped() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT org_id, COUNT(*) FROM applications_request GROUP BY org_id")
            return len(cursor.fetchall())

    count()  # warm the cache the same way for every measurement
    n, base = timed(count)
    groups, base_grouped = timed(grouped)
    assert n == requests and groups <= agencies
    drafts, t_draft = timed(drafting.draft_for_orgs, orgs, 2023)
    previous = drafting.previous_for_orgs([o.pk for o in orgs], 2023)

    def check_all() -> int:
        return sum(
            f.severity is Severity.ERROR
            for org in orgs
            for f in drafting.check_draft(drafts[org.pk], previous.get(org.pk))
            if f.rule != "ANNUAL.unfilled_prompt"
        )

    errors, t_check = timed(check_all)
    assert errors == 0, f"{errors} rule errors in reports drafted from consistent records"
    closed = sum(int(r.cells[next(ref for ref in r.cells if ref.row == "total" and ref.column == "total"
                                    and ref.table == "applications")] or 0) for r in drafts.values())
    total = t_draft + t_check
    print(f"  baseline SELECT COUNT(*)        {base:9.3f} s")
    print(f"  baseline GROUP BY org_id count  {base_grouped:9.3f} s  ({base_grouped / base:8.1f} x COUNT)")
    print(f"  draft {len(drafts):>7,} reports       {t_draft:9.3f} s  ({t_draft / base:8.1f} x COUNT, "
          f"{t_draft / base_grouped:6.1f} x GROUP BY; {closed:,} requests closed in 2023)")
    print(f"  check {len(drafts):>7,} reports       {t_check:9.3f} s  ({t_check / base:8.1f} x COUNT; "
          f"{len(drafts) / t_check:,.0f} reports/s)")
    print(f"  draft + check                   {total:9.3f} s  ({total / base:8.1f} x COUNT, "
          f"{total / base_grouped:6.1f} x GROUP BY)")


def _postgres_database() -> tuple[str, str, dict[str, object]]:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(PG_URL)
    params = {"host": cfg.get("HOST") or "127.0.0.1", "port": int(cfg.get("PORT") or 5432),
              "user": cfg.get("USER") or "postgres", "password": cfg.get("PASSWORD") or None}
    name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = str(params["user"]) + (f":{params['password']}" if params["password"] else "")
    return name, f"postgresql://{auth}@{params['host']}:{params['port']}/{name}", params


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agencies", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run(args.agencies, args.requests)
        return 0
    status = 0
    for backend in ("sqlite", "postgres") if args.backend == "both" else (args.backend,):
        print(f"== {backend}")
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings.test"
        command = [sys.executable, __file__, "--run", "--agencies", str(args.agencies),
                   "--requests", str(args.requests)]
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
                status |= subprocess.call(command, env=env, cwd=REPO)
            continue
        try:
            name, url, params = _postgres_database()
        except Exception as exc:  # no server: say so and go on
            print(f"  PostgreSQL not available ({exc.__class__.__name__}: {exc})")
            continue
        try:
            env["DATABASE_URL"] = url
            status |= subprocess.call(command, env=env, cwd=REPO)
        finally:
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:  # type: ignore[arg-type]
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return status


if __name__ == "__main__":
    sys.exit(main())
