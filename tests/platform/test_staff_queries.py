"""The staff pages make a fixed number of queries whatever the size of the office (issue 17): the dashboard, the
request list (台账) and the supervisors' view are counted with 20 requests and 10 agencies, then with 220 requests
and 60 agencies — the same count, under a bound. The data is bulk-loaded the way benchmarks/bench_staff_pages.py
loads 10,000 requests and 500 agencies (copies of the demo's own requests, moved in time; reports published,
drafted or not started).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.bench_staff_pages import add_staff_load
from gongkai.annual.supervision import agency_rows, subordinates
from gongkai.applications.models import Request
from gongkai.disclosure import similarity
from gongkai.orgs.models import Organisation, User

pytestmark = pytest.mark.django_db

STAFF_PAGES = {
    # page: (who, path, the most queries it may make; sessions, permissions and menus included)
    "dashboard of 大寨乡": ("dazhai_handler", "/dashboard/{town}/", 40),
    "dashboard of the county (supervisor)": ("county_supervisor", "/dashboard/{county}/", 32),
    "request list": ("dazhai_handler", "/requests/", 14),
    "request list, search": ("dazhai_handler", "/requests/?q=%E8%A1%A5%E8%B4%B4", 14),  # 补贴
    "request list, being handled": ("dazhai_handler", "/requests/?state=handling", 14),
    "request list of the county (supervisor)": ("county_supervisor", "/requests/", 14),
    "supervisors' view": ("county_supervisor", "/annual/supervise/{county}/?year={year}", 50),
}


def counted(client_for: Callable, values: dict[str, int]) -> dict[str, int]:
    clients: dict[str, object] = {}
    counts = {}
    for name, (who, path, _most) in STAFF_PAGES.items():
        client = clients.setdefault(who, client_for(who))
        url = path.format(**values)
        client.get(url)  # a first visit may fill per-process caches (the holiday table, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_staff_pages_queries_do_not_grow_with_requests_and_agencies(demo, client_for):
    values = add_staff_load(20, 10)
    small = counted(client_for, values)
    values = add_staff_load(200, 60)
    assert values["agencies"] == 60 and Request.objects.filter(org_id=values["town"]).count() > 220
    large = counted(client_for, values)
    for name, (_who, _path, most) in STAFF_PAGES.items():
        assert large[name] == small[name], f"{name}: {small[name]} queries with 20 requests, {large[name]} with 220"
        assert large[name] <= most, f"{name}: {large[name]} queries (at most {most})"


def test_supervisors_table_is_a_fixed_number_of_queries_for_60_agencies(demo, django_assert_max_num_queries):
    """条例 第四十九条: each agency's report progress (published, or late once 31 January has passed unpublished)
    without a query per agency."""
    values = add_staff_load(0, 60)
    county = Organisation.objects.get(pk=values["county"])
    subs = subordinates(county, User.objects.get(username="county_supervisor"))
    assert len(subs) >= 60  # and 大寨乡's station, supervised through 大寨乡
    with django_assert_max_num_queries(25):
        rows = agency_rows(subs, values["year"], dt.date(values["year"] + 1, 6, 1))  # the deadlines passed
    assert {row.progress.value for row in rows} == {"published", "late"}


def test_identical_requests_are_grouped_by_comparing_each_wording_once():
    """条例 第四十四条: many requests for the same information, word for word, are one group (score 1.0) with
    the near ones joined as before."""
    texts = [(n, "请公开本乡2024年度耕地地力保护补贴发放明细") for n in range(3000)]
    texts += [(3000, "请公开本乡2024年度耕地地力保护补贴的发放明细"), (3001, "本县义务教育学校招生划片范围")]
    groups = similarity.group(texts, threshold=0.6)
    assert len(groups) == 1
    assert set(groups[0].keys) == set(range(3001)) and 0.6 <= groups[0].score < 1.0
