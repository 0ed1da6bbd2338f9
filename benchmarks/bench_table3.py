"""Table 三 from the records: one agency with 1,000,000 requests, and 10,000 agencies with 100 each, on
SQLite and PostgreSQL, in seconds, beside a bare COUNT(*) over the same rows.

    .venv/bin/python benchmarks/bench_table3.py [--scale 1.0] [--backend sqlite|postgres|both] [--year 2023]

Each backend runs in a subprocess on a fresh database (an SQLite file in a temporary folder; a scratch
PostgreSQL database at GONGKAI_TEST_POSTGRES_URL's server, dropped afterwards), migrated, filled by one
INSERT … SELECT per scenario (requests received over 2022–2024, a thirteenth still open, the rest closed
within 40 days in every outcome row and applicant column). Each query runs three times after a warm-up;
the best time is printed. `--scale 0.1` makes the run ten times smaller.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/gongkai")
ONE_AGENCY = 1_000_000
AGENCIES, PER_AGENCY = 10_000, 100


# ---------------------------------------------------------------------------------------------
# the parent: one subprocess per backend, then the table of figures


def _postgres_database() -> tuple[str, Callable[[], None]] | None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(PG_URL)
    params = {"host": cfg.get("HOST") or "127.0.0.1", "port": int(cfg.get("PORT") or 5432),
              "user": cfg.get("USER") or "postgres", "password": cfg.get("PASSWORD") or None}
    name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **params) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL skipped: {' '.join(str(exc).split())}", file=sys.stderr)
        return None

    def drop() -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    auth = params["user"] + (f":{params['password']}" if params["password"] else "")
    return f"postgresql://{auth}@{params['host']}:{params['port']}/{name}", drop


def _run_backend(backend: str, args: argparse.Namespace, folder: Path) -> dict[str, Any] | None:
    drop: Callable[[], None] = lambda: None  # noqa: E731
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    else:
        made = _postgres_database()
        if made is None:
            return None
        url, drop = made
    env = {**os.environ, "DATABASE_URL": url, "GONGKAI_DATA_DIR": str(folder)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings.test")
    command = [sys.executable, __file__, "--child", "--scale", str(args.scale), "--year", str(args.year)]
    try:
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    finally:
        drop()
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"{backend}: the benchmark failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.scale, args.year)))
        return
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    one, many = round(ONE_AGENCY * args.scale), max(1, round(AGENCIES * args.scale))
    print(f"table 三 for {args.year}: A = one agency with {one:,} requests; "
          f"B = {many:,} agencies with {PER_AGENCY} requests each (best of 3, seconds)")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        for backend in backends:
            result = _run_backend(backend, args, Path(tmp))
            if result is None:
                continue
            print(f"\n{backend} ({result['version']}): filled {result['rows']:,} rows in {result['fill']:.1f} s")
            for label, key, baseline in (
                ("A  table3(org, year)", "a_table3", "a_count"),
                ("A  COUNT(*) of the agency's rows", "a_count", "a_count"),
                ("B  table3_for_orgs(ids, year), batches of ids", "b_ids", "b_count"),
                ("B  table3_for_orgs(queryset, year), one query", "b_queryset", "b_count"),
                ("B  COUNT(*) of the agencies' rows", "b_count", "b_count"),
            ):
                ratio = result[key] / result[baseline] if result[baseline] else float("nan")
                print(f"  {label:<48} {result[key]:8.3f} s   {ratio:6.1f} × COUNT(*)")


# ---------------------------------------------------------------------------------------------
# the child: Django on the given database


def _fill_sql(vendor: str, *, count: int, org_expr: str, prefix: str) -> str:
    from gongkai.law.requests import TABLE3_OUTCOME_ROWS

    if vendor == "sqlite":
        source = f"WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {count}) "
        from_ = "FROM seq"

        def day(offset: str) -> str:
            return f"date('2022-01-01', '+' || ({offset}) || ' days')"
    else:
        source = ""
        from_ = f"FROM generate_series(1::bigint, {count}) AS seq(i)"  # i * 7919 overflows integer

        def day(offset: str) -> str:
            return f"(date '2022-01-01' + ({offset})::int)"

    received = day("(i * 7919) % 1095")
    closed = f"CASE WHEN i % 13 = 0 THEN NULL ELSE {day('(i * 7919) % 1095 + i % 41')} END"
    rows = " ".join(f"WHEN {n} THEN '{row}'" for n, row in enumerate(TABLE3_OUTCOME_ROWS))
    outcome_row = f"CASE WHEN i % 13 = 0 THEN '' ELSE CASE i % {len(TABLE3_OUTCOME_ROWS)} {rows} END END"
    applicant = ("CASE i % 10 WHEN 5 THEN 'public_interest' WHEN 6 THEN 'commercial' WHEN 7 THEN 'research' "
                 "WHEN 8 THEN 'legal_services' WHEN 9 THEN 'other_org' ELSE 'natural_person' END")
    values = {
        "org_id": org_expr, "year": "2022", "serial": "i", "tracking_code": f"'{prefix}' || i",
        "channel": "'in_person'", "submitted_at": "'2022-01-01 00:00:00'", "handed_in": received,
        "received": received, "applicant_type": applicant, "applicant_name": "'申请人'", "id_type": "'resident_id'",
        "id_number": "''", "contact_person": "''", "phone": "''", "email": "''", "address": "''", "postcode": "''",
        "info_title": "''", "info_number": "''", "description": "'某项政府信息'", "provision_form": "'electronic'",
        "delivery_way": "'online'", "state": "CASE WHEN i % 13 = 0 THEN 'handling' ELSE 'closed' END",
        "correction_items": "''", "extension": "0", "extension_reason": "''", "deferral_reason": "''",
        "outcome": "CASE WHEN i % 13 = 0 THEN '' ELSE 'granted' END", "outcome_row": outcome_row,
        "outcome_article": "''", "closed": closed, "created_at": "'2022-01-01 00:00:00'",
        "updated_at": "'2022-01-01 00:00:00'",
    }
    columns = ", ".join(f'"{c}"' for c in values)
    return (f'{source}INSERT INTO "applications_request" ({columns}) '
            f"SELECT {', '.join(values.values())} {from_}")


def _best(run: Callable[[], Any]) -> float:
    run()  # warm-up: caches, query plans
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _child(scale: float, year: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.applications.models import Request
    from gongkai.applications.stats import TABLE, table3, table3_for_orgs
    from gongkai.law.report_format import CellRef
    from gongkai.orgs.constants import OrgKind
    from gongkai.orgs.models import Organisation

    call_command("migrate", verbosity=0)
    one, many = round(ONE_AGENCY * scale), max(1, round(AGENCIES * scale))
    start = time.perf_counter()
    big = Organisation.objects.create(name="bench-one", kind=OrgKind.TOWNSHIP, credit_code="BENCH-ONE")
    Organisation.objects.bulk_create(
        Organisation(name=f"bench-{n:05d}", kind=OrgKind.TOWNSHIP, credit_code=f"BENCH{n:08d}") for n in range(many)
    )
    agencies = Organisation.objects.filter(name__startswith="bench-").exclude(pk=big.pk)
    first = agencies.order_by("pk").values_list("pk", flat=True).first()
    ids = list(agencies.values_list("pk", flat=True))
    assert ids == list(range(first, first + many)), "the agencies' ids are expected to be consecutive"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_fill_sql(connection.vendor, count=one, org_expr=str(big.pk), prefix="A"))
        cursor.execute(_fill_sql(connection.vendor, count=many * PER_AGENCY,
                                 org_expr=f"{first} + (i - 1) / {PER_AGENCY}", prefix="B"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    fill = time.perf_counter() - start

    cells = table3(big, year)
    for column in ("natural_person", "total"):  # 新收 + 上年结转 = 办理结果总计 + 结转下年度
        def cell(row: str, col: str = column) -> int:
            return cells[CellRef(TABLE, row, col)]
        assert cell("new") + cell("carried_in") == cell("total") + cell("carried_out") > 0
    batch = table3_for_orgs(ids, year)
    assert batch[ids[-1]] == table3(ids[-1], year) and len(batch) == many
    if connection.vendor == "sqlite":
        version = f"SQLite {connection.Database.sqlite_version}"
    else:
        version = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return {
        "version": version,
        "rows": Request.objects.count(),
        "fill": fill,
        "a_table3": _best(lambda: table3(big, year)),
        "a_count": _best(lambda: Request.objects.filter(org=big).count()),
        "b_ids": _best(lambda: table3_for_orgs(ids, year)),
        "b_queryset": _best(lambda: table3_for_orgs(agencies, year)),
        "b_count": _best(lambda: Request.objects.filter(org__in=agencies).count()),
    }


if __name__ == "__main__":
    main()
