"""The supervising office's view: every subordinate agency's report for a year, its findings and key figures,
the area's totals, and year-over-year series for the charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from gongkai.annual import drafting, services
from gongkai.annual.constants import FIRST_DRAFTED_YEAR, Progress, ReportStatus
from gongkai.annual.models import Report, ReportVersion
from gongkai.law.report_format import CURRENT_FORMAT, CellRef
from gongkai.orgs import permissions
from gongkai.orgs.models import Organisation
from gongkai.report.findings import Finding, Severity
from gongkai.report.jsonio import from_dict
from gongkai.report.model import AnnualReport

__all__ = [
    "KEY_FIGURES",
    "OUTCOME_GROUPS",
    "AgencyRow",
    "agency_rows",
    "area_totals",
    "reports_for",
    "subordinates",
    "yearly_series",
]

T3 = "applications"
APPEAL_KINDS = ("review", "direct_suit", "suit_after_review")
KEY_FIGURES = (  # (label, cells summed)
    ("新收申请", (CellRef(T3, "new", "total"),)),
    ("办结", (CellRef(T3, "total", "total"),)),
    ("予以公开", (CellRef(T3, "granted", "total"),)),
    ("结转下年", (CellRef(T3, "carried_out", "total"),)),
    ("复议诉讼", tuple(CellRef("appeals", "cases", f"{g}.total") for g in APPEAL_KINDS)),
)
OUTCOME_GROUPS = (  # table 三 outcome rows by their heading
    ("予以公开", ("granted",)),
    ("部分公开", ("partial",)),
    ("不予公开", ("withheld.",)),
    ("无法提供", ("unable.",)),
    ("不予处理", ("not_handled.",)),
    ("其他处理", ("other",)),
)


@dataclass
class AgencyRow:
    org: Organisation
    deadline: dt.date
    progress: Progress
    report: Report | None
    published_on: dt.date | None
    findings: list[Finding] = field(default_factory=list)
    figures: list[int] = field(default_factory=list)
    decisions: dict[str, Any] = field(default_factory=dict)  # fingerprint → FindingDecision (gongkai.findings)

    @property
    def reviewed(self) -> list[tuple[Finding, Any]]:
        """The errors and warnings, each with the supervisor's decision (None: 待确认)."""
        return [(f, self.decisions.get(f.fingerprint)) for f in self.findings if f.severity is not Severity.INFO]

    @property
    def open_findings(self) -> int:
        """Errors and warnings no supervisor has confirmed or dismissed yet (待确认)."""
        return sum(decision is None for _f, decision in self.reviewed)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def published_late(self) -> bool:
        return self.published_on is not None and self.published_on > self.deadline


def subordinates(org: Organisation, user: Any) -> list[Organisation]:
    """Every agency below `org` in the supervision tree that the user may see, in the usual order."""
    ids = permissions.subordinate_ids([org.pk]) & permissions.visible_org_ids(user)
    return list(Organisation.objects.filter(pk__in=ids))


def _published_reports(orgs: Sequence[Organisation], year: int) -> dict[int, AnnualReport]:
    contents: dict[int, AnnualReport] = {}
    versions = ReportVersion.objects.filter(
        report__org__in=orgs, report__year=year, report__status=ReportStatus.PUBLISHED
    )
    for org_id, data in versions.order_by("number").values_list("report__org_id", "data"):
        contents[org_id] = from_dict(data)
    return contents


def reports_for(orgs: Sequence[Organisation], year: int) -> dict[int, AnnualReport]:
    """Each agency's report for `year`: the latest published version, else the draft from its records."""
    contents = _published_reports(orgs, year)
    missing = [org for org in orgs if org.pk not in contents]
    if missing and year >= FIRST_DRAFTED_YEAR:
        contents.update(drafting.draft_for_orgs(missing, year))
    return contents


def _figure(report: AnnualReport | None, cells: Iterable[CellRef]) -> int:
    if report is None:
        return 0
    return sum(int(v) for ref in cells if isinstance(v := report.cells.get(ref), int | Decimal))


def agency_rows(
    orgs: Sequence[Organisation], year: int, today: dt.date, *, contents: dict[int, AnnualReport] | None = None
) -> list[AgencyRow]:
    """The status table: deadline, progress, findings (every rule, cross-year included) and key figures.

    `contents`: what `reports_for(orgs, year)` returned, when the caller needs it too (drafting 500 agencies
    once, not twice). A fixed number of queries, whatever the number of agencies."""
    # whether a report has versions (its progress) is read from the prefetched ids, not asked per report
    records = {r.org_id: r for r in Report.objects.filter(org__in=orgs, year=year).prefetch_related(
        Prefetch("versions", queryset=ReportVersion.objects.only("pk", "report_id")))}
    first_published = dict(
        ReportVersion.objects.filter(report__org__in=orgs, report__year=year, number=1)
        .values_list("report__org_id", "published_at")
    )
    contents = reports_for(orgs, year) if contents is None else contents
    previous = drafting.previous_for_orgs([o.pk for o in orgs], year)
    rows = []
    for org in orgs:
        report, content = records.get(org.pk), contents.get(org.pk)
        deadline = org.report_deadline(year)
        published_at = first_published.get(org.pk)
        row = AgencyRow(
            org=org, deadline=deadline, progress=services.progress(report, deadline, today), report=report,
            published_on=timezone.localdate(published_at) if published_at else None,
        )
        if content is not None and report is not None:  # an agency that has not started has nothing to check
            row.findings = drafting.check_draft(content, previous.get(org.pk))
        row.figures = [_figure(content, cells) for _label, cells in KEY_FIGURES]
        rows.append(row)
    from gongkai.findings.services import attach_decisions  # the supervisors' decisions, kept by fingerprint

    attach_decisions(rows, year)
    return rows


def area_totals(reports: Iterable[AnnualReport], year: int) -> AnnualReport:
    """The sum of the agencies' reports, cell by cell (blank cells count as 0)."""
    total = AnnualReport.zeros("合计", year)
    for report in reports:
        for ref, value in report.cells.items():
            if ref in total.cells and isinstance(value, int | Decimal):
                total.cells[ref] = total.cells[ref] + value  # type: ignore[operator]
    return total


def _outcome(report: AnnualReport, prefixes: tuple[str, ...]) -> int:
    return sum(
        int(v) for ref, v in report.cells.items()
        if ref.table == T3 and ref.column == "total" and ref.row.startswith(prefixes) and isinstance(v, int)
    )


def yearly_series(orgs: Sequence[Organisation], years: Sequence[int]) -> dict[str, Any]:
    """Per year, the area's requests received, outcomes by heading, and appeals by kind."""
    received, outcomes, reviews, suits = [], {label: [] for label, _ in OUTCOME_GROUPS}, [], []  # type: ignore[var-annotated]
    for year in years:
        totals = _chart_totals(orgs, year)
        received.append(_figure(totals, (CellRef(T3, "new", "total"),)))
        for label, prefixes in OUTCOME_GROUPS:
            outcomes[label].append(_outcome(totals, prefixes))
        reviews.append(_figure(totals, (CellRef("appeals", "cases", "review.total"),)))
        suits.append(_figure(totals, tuple(CellRef("appeals", "cases", f"{g}.total")
                                           for g in ("direct_suit", "suit_after_review"))))
    return {"years": list(years), "received": received, "outcomes": outcomes, "reviews": reviews, "suits": suits}


def _chart_totals(orgs: Sequence[Organisation], year: int) -> AnnualReport:
    """`area_totals(reports_for(orgs, year).values(), year)` for the charts: the agencies without a published
    report add tables 三 and 四 straight from their records — what their drafts hold — without drafting each
    one's whole report (500 agencies × 5 years: 2,500 reports built for a dozen cells)."""
    from gongkai.appeals.stats import table4_for_orgs
    from gongkai.applications.stats import table3_for_orgs

    published = _published_reports(orgs, year)
    totals = area_totals(published.values(), year)
    missing = [org.pk for org in orgs if org.pk not in published]
    if missing and year >= FIRST_DRAFTED_YEAR:
        for tables in (table3_for_orgs(missing, year, format_id=CURRENT_FORMAT.id), table4_for_orgs(missing, year)):
            for cells in tables.values():
                for ref, value in cells.items():
                    if ref in totals.cells and isinstance(value, int | Decimal):
                        totals.cells[ref] = totals.cells[ref] + value  # type: ignore[operator]
    return totals
