"""Full-text Chinese search of the public catalogue: the bigram index beside a plain LIKE scan, on SQLite
and PostgreSQL.

    .venv/bin/python benchmarks/bench_publishing_search.py [--items 10000] [--backend both]

What is measured, so the figures can be judged:
- Data (fixed seed): N published items; each body is ~1,500 characters of slices of the 大寨乡 2023 report
  (real Chinese government prose), titles ~25 characters; planted words: 低保 in 20% of bodies, 宅基地 in 1%,
  一事一议财政奖补 in 0.2%. The bigram index is built with `gongkai.publishing.search.index_item`
  in one transaction, then ANALYZE.
- baseline: the same query as `search.search` without the bigram prefilter — `icontains` (LIKE '%…%' /
  UPPER(..) LIKE) over title, summary, body, 文号 and 索引号 of every published item, i.e. a full scan.
- bigram: `search.search(query)` — the indexed GROUP BY over the gram table, then the substring test on
  the candidates. Both count every match (the whole result, not one page), and must return the same items;
  the match count is checked against Python's `in` over the generated texts.
Each backend runs in its own process on a fresh database; times are the median of 5 runs after a warm-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/gongkai")
SEED_TEXT = (REPO / "tests" / "fixtures" / "reports" / "dazhai-2023.txt").read_text(encoding="utf-8")
PLANTED = (("低保", 0.20), ("宅基地", 0.01), ("一事一议财政奖补", 0.002))
QUERIES = ("低保", "宅基地", "一事一议财政奖补", "信息公开 保密", "汛")


def _prose(rnd: random.Random, length: int) -> str:
    text = "".join(c for c in SEED_TEXT if not c.isspace() and not c.isdigit())
    parts, total = [], 0
    while total < length:
        start = rnd.randrange(len(text) - 120)
        piece = text[start : start + rnd.randrange(40, 120)]
        parts.append(piece)
        total += len(piece)
    return "".join(parts)


def populate(items: int) -> dict[str, int]:
    from django.db import connection, transaction

    from gongkai.orgs.constants import OrgKind
    from gongkai.orgs.demo import demo_credit_code
    from gongkai.orgs.models import Organisation
    from gongkai.publishing import search, vocabularies
    from gongkai.publishing.constants import ItemState, Scheme
    from gongkai.publishing.models import Category, Item

    rnd = random.Random(20240603)
    org = Organisation.objects.create(name="基准乡", kind=OrgKind.COUNTY_GOV, credit_code=demo_credit_code(1))
    vocabularies.ensure_defaults()
    topic = Category.objects.filter(scheme=Scheme.TOPIC).first()
    genre = Category.objects.filter(scheme=Scheme.GENRE).first()
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    rows = []
    for n in range(items):
        body = _prose(rnd, 1500)
        for word, share in PLANTED:
            if rnd.random() < share:
                at = rnd.randrange(len(body))
                body = body[:at] + word + body[at:]
        rows.append(Item(org=org, index_number=f"{org.credit_code}/2024-{n + 1:06d}", title=_prose(rnd, 25)[:30],
                         body=body, publisher=org.name, made_on=dt.date(2024, 5, 1), topic=topic, genre=genre,
                         state=ItemState.PUBLISHED, published_at=now - dt.timedelta(minutes=n)))
    Item.objects.bulk_create(rows, batch_size=1000)
    start = time.perf_counter()
    with transaction.atomic():  # as in the app, where indexing is part of the publishing transaction
        for item in Item.objects.all().iterator(chunk_size=500):
            search.index_item(item)
    per_item = (time.perf_counter() - start) / items
    with connection.cursor() as cursor:  # what autovacuum (PostgreSQL) / the operator (SQLite) does in service
        cursor.execute("ANALYZE")
    print(f"  index: {per_item * 1000:.2f} ms per item ({items:,} items of ~1,500 characters)")
    expected = {}
    for query in QUERIES:
        terms = search.terms_of(query)
        expected[query] = sum(
            all(t in (r.title + "\n" + r.body).lower() or t in (r.index_number or "") for t in terms) for r in rows)
    return expected


def median_time(fn) -> tuple[object, float]:  # type: ignore[no-untyped-def]
    fn()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return result, statistics.median(runs)


def run(items: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Q

    from gongkai.publishing import search
    from gongkai.publishing.models import Item

    call_command("migrate", verbosity=0)
    expected = populate(items)

    def like_scan(query: str) -> set[int]:
        found = Item.objects.public()
        for term in search.terms_of(query):
            found = found.filter(Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
                                 | Q(document_number__icontains=term) | Q(index_number__icontains=term))
        return set(found.values_list("pk", flat=True))

    def bigram(query: str) -> set[int]:
        return set(search.search(query).values_list("pk", flat=True))

    print(f"  {'query':<18}{'matches':>9}{'LIKE scan':>12}{'bigram':>12}{'speed-up':>10}")
    for query in QUERIES:
        base_ids, base = median_time(lambda q=query: like_scan(q))
        ids, took = median_time(lambda q=query: bigram(q))
        assert ids == base_ids, f"{query}: bigram search and LIKE disagree"
        assert len(ids) == expected[query], f"{query}: {len(ids)} found, {expected[query]} expected"
        print(f"  {query:<14}{len(ids):>9,}{base * 1000:>10.1f} ms{took * 1000:>9.1f} ms{base / took:>9.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run(args.items)
        return 0
    status = 0
    for backend in ("sqlite", "postgres") if args.backend == "both" else (args.backend,):
        print(f"== {backend}")
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings.test"
        command = [sys.executable, __file__, "--run", "--items", str(args.items)]
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
                status |= subprocess.call(command, env=env, cwd=REPO)
            continue
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(PG_URL)
        params = {"host": cfg.get("HOST") or "127.0.0.1", "port": int(cfg.get("PORT") or 5432),
                  "user": cfg.get("USER") or "postgres", "password": cfg.get("PASSWORD") or None}
        name = f"gongkai_bench_{uuid.uuid4().hex[:8]}"
        try:
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:  # type: ignore[arg-type]
                conn.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as exc:
            print(f"  PostgreSQL not available ({exc})")
            continue
        try:
            auth = str(params["user"]) + (f":{params['password']}" if params["password"] else "")
            env["DATABASE_URL"] = f"postgresql://{auth}@{params['host']}:{params['port']}/{name}"
            status |= subprocess.call(command, env=env, cwd=REPO)
        finally:
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:  # type: ignore[arg-type]
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return status


if __name__ == "__main__":
    sys.exit(main())
