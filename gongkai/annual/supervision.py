"""The supervising office's view: every subordinate agency's report for a year, its findings and key figures,
the area's totals, and year-over-year series for the charts.

A published version never changes (`ReportVersion`), so what the view reads of one — its cells, and its
findings against last year's version — is computed once per process and kept by the versions' SHA-256. Drafts
change with the records: they are drafted afresh on every view, and their findings kept by a digest of all
that the rules read of them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Prefetch
from django.utils import timezone, translation

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
    "Overview",
    "agency_rows",
    "overview",
    "reports_for",
    "subordinates",
    "summed",
    "yearly_series",
]

T3, T4 = "applications", "appeals"  # the keys of tables 三 and 四
APPEAL_KINDS = ("review", "direct_suit", "suit_after_review")
KEY_FIGURES = (  # (label, cells summed)
    ("新收申请", (CellRef(T3, "new", "total"),)),
    ("办结", (CellRef(T3, "total", "total"),)),
    ("予以公开", (CellRef(T3, "granted", "total"),)),
    ("结转下年", (CellRef(T3, "carried_out", "total"),)),
    ("复议诉讼", tuple(CellRef(T4, "cases", f"{g}.total") for g in APPEAL_KINDS)),
)
OUTCOME_GROUPS = (  # table 三 outcome rows by their heading
    ("予以公开", ("granted",)),
    ("部分公开", ("partial",)),
    ("不予公开", ("withheld.",)),
    ("无法提供", ("unable.",)),
    ("不予处理", ("not_handled.",)),
    ("其他处理", ("other",)),
)
SUMMED = tuple(CURRENT_FORMAT.cells())  # the cells of the area's totals, in this order in a vector
_FIGURE_PLACES = tuple(tuple(SUMMED.index(ref) for ref in cells) for _label, cells in KEY_FIGURES)

Vector = tuple[int | Decimal, ...]  # a report's values of SUMMED, a blank or absent cell as 0
Version = tuple[int, str]  # a published version's id and SHA-256
# kept per process, each memo emptied when full: 20,000 vectors take about 40 MB, 4,000 reports' findings 30 MB
_VECTORS: dict[str, Vector] = {}  # by the version's SHA-256
_FINDINGS: dict[tuple[str, str, str], tuple[Finding, ...]] = {}  # by content, last year's, language
_VECTORS_KEPT, _FINDINGS_KEPT = 20_000, 4_000
_T = TypeVar("_T")


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


def _vector(cells: Mapping[CellRef, int | Decimal | None]) -> Vector:
    return tuple(0 if v is None else v for v in map(cells.get, SUMMED))  # a cell holds int, Decimal or None


def _remember(memo: dict[Any, _T], most: int, key: Any, value: _T) -> _T:
    if len(memo) >= most:
        memo.clear()
    memo[key] = value
    return value


def _latest_versions(org_ids: Sequence[int], year: int, *, published: bool) -> dict[int, Version]:
    """Each agency's latest version of `year`: of a published report only, or of any (one being corrected)."""
    versions = ReportVersion.objects.filter(report__org_id__in=org_ids, report__year=year)
    if published:
        versions = versions.filter(report__status=ReportStatus.PUBLISHED)
    rows = versions.order_by("number").values_list("report__org_id", "pk", "sha256")
    return {org_id: (pk, sha256) for org_id, pk, sha256 in rows}  # the last number wins


def _parsed(version_ids: set[int]) -> dict[int, AnnualReport]:
    if not version_ids:
        return {}
    rows = ReportVersion.objects.filter(pk__in=version_ids).values_list("pk", "data")
    return {pk: from_dict(data) for pk, data in rows}


def _published_vectors(current: dict[int, Version]) -> dict[int, Vector]:
    """Each agency's published cells, from the memo or read in one query."""
    found = {sha: _VECTORS.get(sha) for _pk, sha in current.values()}
    missing = {pk: sha for pk, sha in current.values() if found[sha] is None}
    for pk, report in _parsed(set(missing)).items():
        found[missing[pk]] = _remember(_VECTORS, _VECTORS_KEPT, missing[pk], _vector(report.cells))
    return {org_id: found[sha] for org_id, (_pk, sha) in current.items()}  # type: ignore[misc]


def _identity(content: Version | AnnualReport) -> str:
    """A published version's SHA-256; for a draft, a SHA-256 of all its findings depend on (fee records too)."""
    if isinstance(content, tuple):
        return content[1]
    fields = (
        content.agency,
        content.year,
        content.format_id,
        [content.cells[ref] for ref in content.format.cells()],
        sorted(content.sections.items()),
        getattr(content, "fee_records", None),
    )
    return "draft " + hashlib.sha256(repr(fields).encode()).hexdigest()


def _checked(contents: dict[int, tuple[Version | AnnualReport, Version | None]]) -> dict[int, tuple[Finding, ...]]:
    """Each agency's findings (its published version or draft against last year's version): from the memo, or
    checked here with the versions they need read in one query."""
    language = translation.get_language() or ""
    keys = {
        org_id: (_identity(content), _identity(previous) if previous else "", language)
        for org_id, (content, previous) in contents.items()
    }
    found = {org_id: _FINDINGS.get(key) for org_id, key in keys.items()}
    unchecked = {org_id: contents[org_id] for org_id, findings in found.items() if findings is None}
    parsed = _parsed({v[0] for pair in unchecked.values() for v in pair if isinstance(v, tuple)})
    for org_id, (content, previous) in unchecked.items():
        report = parsed[content[0]] if isinstance(content, tuple) else content
        findings = drafting.check_draft(report, parsed[previous[0]] if previous else None)
        found[org_id] = _remember(_FINDINGS, _FINDINGS_KEPT, keys[org_id], tuple(findings))
    return found  # type: ignore[return-value]


@dataclass
class Overview:
    """The supervisors' view of a year: a row per agency, and the area's totals."""

    rows: list[AgencyRow]
    totals: AnnualReport


def overview(orgs: Sequence[Organisation], year: int, today: dt.date) -> Overview:
    """The status table (deadline, progress, findings with cross-year rules, key figures) and the sum of the
    agencies' reports (published, else drafted). A fixed number of queries, whatever the number of agencies."""
    ids = [org.pk for org in orgs]
    # whether a report has versions (its progress), and when the first was published, from the prefetch
    versions = ReportVersion.objects.only("pk", "report_id", "number", "published_at")
    records = {
        r.org_id: r
        for r in Report.objects.filter(org_id__in=ids, year=year).prefetch_related(
            Prefetch("versions", queryset=versions)
        )
    }
    first_published = {r.org_id: v.published_at for r in records.values() for v in r.versions.all() if v.number == 1}
    current = _latest_versions(ids, year, published=True)
    previous = _latest_versions(ids, year - 1, published=False)
    unpublished = [org for org in orgs if org.pk not in current]
    drafts = drafting.draft_for_orgs(unpublished, year) if unpublished and year >= FIRST_DRAFTED_YEAR else {}
    vectors = _published_vectors(current) | {org_id: _vector(d.cells) for org_id, d in drafts.items()}
    contents: dict[int, Version | AnnualReport] = {**current, **drafts}
    findings = _checked(  # an agency that has not started has nothing to check
        {org_id: (content, previous.get(org_id)) for org_id, content in contents.items() if org_id in records}
    )
    rows = []
    for org in orgs:
        deadline, vector, published_at = org.report_deadline(year), vectors.get(org.pk), first_published.get(org.pk)
        rows.append(
            AgencyRow(
                org=org,
                deadline=deadline,
                progress=services.progress(records.get(org.pk), deadline, today),
                report=records.get(org.pk),
                published_on=timezone.localdate(published_at) if published_at else None,
                findings=list(findings.get(org.pk, ())),
                figures=[sum(int(vector[i]) for i in places) if vector else 0 for places in _FIGURE_PLACES],
            )
        )
    from gongkai.findings.services import attach_decisions  # the supervisors' decisions, kept by fingerprint

    attach_decisions(rows, year)
    return Overview(rows, summed(vectors.values(), year))


def agency_rows(orgs: Sequence[Organisation], year: int, today: dt.date) -> list[AgencyRow]:
    """The status table of `overview`."""
    return overview(orgs, year, today).rows


def summed(vectors: Iterable[Vector], year: int) -> AnnualReport:
    """The area's totals: the agencies' reports (as vectors) added up cell by cell."""
    total = AnnualReport.zeros("合计", year, CURRENT_FORMAT.id)
    for ref, value in zip(SUMMED, map(sum, zip(*vectors, strict=True)), strict=False):  # no vectors: zeros
        total.cells[ref] = total.cells[ref] + value  # type: ignore[operator]
    return total


def _outcome(report: AnnualReport, prefixes: tuple[str, ...]) -> int:
    return sum(
        int(v)
        for ref, v in report.cells.items()
        if ref.table == T3 and ref.column == "total" and ref.row.startswith(prefixes) and isinstance(v, int)
    )


def yearly_series(
    orgs: Sequence[Organisation], years: Sequence[int], tables: Collection[str] = (T3, T4)
) -> dict[str, Any]:
    """Per year, the area's requests received and their outcomes by heading (table 三, T3), and its appeals by
    kind (table 四, T4): the series of the `tables` asked for."""
    totals = [_chart_totals(orgs, year, tables) for year in years]
    series: dict[str, Any] = {"years": list(years)}
    if T3 in tables:
        series["received"] = [_figure(t, (CellRef(T3, "new", "total"),)) for t in totals]
        series["outcomes"] = {label: [_outcome(t, prefixes) for t in totals] for label, prefixes in OUTCOME_GROUPS}
    if T4 in tables:
        suits = tuple(CellRef(T4, "cases", f"{g}.total") for g in ("direct_suit", "suit_after_review"))
        series["reviews"] = [_figure(t, (CellRef(T4, "cases", "review.total"),)) for t in totals]
        series["suits"] = [_figure(t, suits) for t in totals]
    return series


def _chart_totals(orgs: Sequence[Organisation], year: int, tables: Collection[str]) -> AnnualReport:
    """The area's totals for the charts: the agencies without a published report add the `tables` (三, 四)
    straight from their records — what their drafts hold — without drafting each one's whole report (500
    agencies × 5 years: 2,500 reports built for a dozen cells)."""
    from gongkai.appeals.stats import table4_for_orgs
    from gongkai.applications.stats import table3_for_orgs

    ids = [org.pk for org in orgs]
    current = _latest_versions(ids, year, published=True)
    totals = summed(_published_vectors(current).values(), year)
    missing = [org_id for org_id in ids if org_id not in current]
    if not missing or year < FIRST_DRAFTED_YEAR:
        return totals
    if T3 in tables:
        _add(totals, table3_for_orgs(missing, year, format_id=CURRENT_FORMAT.id).values())
    if T4 in tables:
        _add(totals, table4_for_orgs(missing, year).values())
    return totals


def _add(totals: AnnualReport, tables: Iterable[Mapping[CellRef, Any]]) -> None:
    for cells in tables:
        for ref, value in cells.items():
            if ref in totals.cells and isinstance(value, int | Decimal):
                totals.cells[ref] = totals.cells[ref] + value  # type: ignore[operator]
