"""The supervisors' view at the size of a county (issue 17, "staff pages measured too"): the page and its charts
make the same number of queries for 10 agencies as for 40, whether the published versions are new to the
process or already read; what is kept per process (a published version's cells and findings, a draft's
findings) follows new versions and records; the decision forms on the page are those of
findings/decision.html. The agencies are bulk-loaded as benchmarks/bench_staff_pages.py loads 500."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.bench_staff_pages import add_staff_load
from gongkai.annual import supervision
from gongkai.annual.constants import ReportStatus
from gongkai.annual.models import Report, ReportVersion, canonical_hash
from gongkai.findings.models import FindingDecision
from gongkai.orgs.models import Organisation, User

pytestmark = pytest.mark.django_db

PAGES = {
    "supervisors' view": "/annual/supervise/{county}/?year={year}",
    **{f"{name} chart": f"/annual/supervise/{{county}}/chart/{name}.svg?year={{year}}"
       for name in ("requests", "outcomes", "appeals")},
}  # fmt: skip
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def fresh_memos(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing read yet by this process (other tests load the same agencies, with the same versions)."""
    monkeypatch.setattr(supervision, "_VECTORS", {})
    monkeypatch.setattr(supervision, "_FINDINGS", {})


def counted(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_supervisors_view_and_charts_make_the_same_queries_for_10_and_40_agencies(
    demo, client_for, fresh_memos, django_assert_max_num_queries
):
    """Issue 17: no query per agency, on the first view (the versions read in one query) or the next."""
    client = client_for("county_supervisor")
    small = add_staff_load(0, 10)
    urls = {name: path.format(**small) for name, path in PAGES.items()}
    first = {name: counted(client, url) for name, url in urls.items()}
    again = {name: counted(client, url) for name, url in urls.items()}
    assert again["supervisors' view"] <= 50
    large = add_staff_load(0, 40)
    assert (small["agencies"], large["agencies"]) == (10, 40)
    for name, url in urls.items():
        with django_assert_max_num_queries(first[name]):
            client.get(url)  # 30 agencies more, their versions new to the process
        with django_assert_max_num_queries(again[name]):
            client.get(url)


def rows_of(client: Client, values: dict[str, int]) -> dict[str, supervision.AgencyRow]:
    page = client.get(PAGES["supervisors' view"].format(**values))
    return {row.org.name: row for row in page.context["rows"]}


def test_what_the_process_keeps_follows_new_versions_and_records(demo, client_for):
    """A corrected version (another SHA-256) and a draft's new text are checked afresh, not taken from the
    memo of the previous view."""
    values = add_staff_load(0, 20)
    client = client_for("county_supervisor")
    before = rows_of(client, values)
    published = ReportVersion.objects.filter(report__year=values["year"], report__org__name="某县第007乡").get()
    data = published.data
    data["tables"]["applications"]["new"]["total"] += 5  # 新收申请 no longer adds up (T3.balance)
    ReportVersion.objects.create(
        report=published.report, number=2, data=data, sha256=canonical_hash(data), html="",
        published_at=timezone.now(),
    )  # fmt: skip
    drafting = Report.objects.get(year=values["year"], org__name="某县第011乡", status=ReportStatus.DRAFTING)
    drafting.overall = "【请填写：总体情况】"
    drafting.save()
    after = rows_of(client, values)
    assert after["某县第007乡"].figures[0] == before["某县第007乡"].figures[0] + 5
    new_rules = {f.rule for f in after["某县第007乡"].findings} - {f.rule for f in before["某县第007乡"].findings}
    assert "T3.balance" in new_rules
    assert "ANNUAL.unfilled_prompt" in {f.rule for f in after["某县第011乡"].findings}


def test_the_decision_forms_are_those_of_the_findings_template(demo, client_for):
    """The page stamps one rendering of findings/decision.html per finding: the same as rendering it for each,
    for a finding still open (待确认) and for a decided one."""
    values = add_staff_load(0, 12)
    client = client_for("county_supervisor")
    row = next(r for r in rows_of(client, values).values() if [d for _f, d in r.reviewed[:2]] == [None, None])
    (decided, _), (open_finding, _) = row.reviewed[:2]
    decision = FindingDecision.objects.create(
        org=row.org, year=values["year"], fingerprint=decided.fingerprint, rule=decided.rule,
        message=decided.message, state="dismissed", reason="已在说明中解释 <附件> & “原因”",
        decided_by=User.objects.get(username="county_supervisor"), decided_at=timezone.now(),
    )  # fmt: skip
    page = client.get(PAGES["supervisors' view"].format(**values))
    html = CSRF.sub("", page.content.decode())
    for finding, shown in ((open_finding, None), (decided, decision)):
        form = render_to_string("findings/decision.html", {
            "f": finding, "decision": shown, "dorg": row.org, "year": values["year"], "may": True,
        }, request=page.wsgi_request)  # fmt: skip
        assert CSRF.sub("", form) in html, finding.rule


def test_the_totals_and_key_figures_are_those_of_the_agencies_reports(demo):
    """The area's totals and each row's key figures: every agency's published report, else its draft."""
    values = add_staff_load(0, 20)
    county = Organisation.objects.get(pk=values["county"])
    subs = supervision.subordinates(county, User.objects.get(username="county_supervisor"))
    reports = supervision.reports_for(subs, values["year"])
    view = supervision.overview(subs, values["year"], timezone.localdate())
    numbers = [{ref: v for ref, v in r.cells.items() if v is not None} for r in reports.values()]
    for ref in supervision.SUMMED:
        assert view.totals.cells[ref] == sum(cells.get(ref, 0) for cells in numbers), ref
    for row in view.rows:
        cells = reports[row.org.pk].cells
        expected = [sum(cells[ref] or 0 for ref in refs) for _label, refs in supervision.KEY_FIGURES]
        assert row.figures == expected, row.org.name
