"""Drafting: an agency's report for a year, its tables from the records, its text from the report record.

Every table row has one owner that computes it from the records, by the database:
- 二 第二十条第（一）项: `gongkai.publishing.stats` (规章、行政规范性文件 register);
- 二 第二十条第（五）（六）（八）项: this app's `Art20Figures` (entered per year or imported from XLSX);
- 三: `gongkai.applications.stats` (requests);
- 四: `gongkai.appeals.stats` (行政复议、行政诉讼 cases).
Nothing here is typed twice: the draft is recomputed whenever it is shown, and frozen only on publication.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gongkai.annual.constants import FIRST_DRAFTED_YEAR
from gongkai.annual.models import Art20Figures, Report, ReportVersion
from gongkai.applications.fee_report import FeeRecords, check_fee_sentence, fee_records_for_orgs, fee_sentence
from gongkai.law.report_format import CURRENT_FORMAT, CellRef
from gongkai.report.findings import Finding, Severity
from gongkai.report.jsonio import from_dict
from gongkai.report.model import AnnualReport, Value
from gongkai.report.rules import check

__all__ = [
    "PROMPT_MARK",
    "YearNotDraftable",
    "check_draft",
    "default_sections",
    "draft",
    "draft_for_orgs",
    "figures_cells",
    "figures_for_orgs",
    "previous_for_orgs",
    "previous_report",
]

PROMPT_MARK = "【请"  # a prompt the drafter must replace; a report still holding one cannot be published
FIGURE_CELLS = {
    "licensing": CellRef("art20_5", "licensing", "decisions"),
    "penalty": CellRef("art20_6", "penalty", "decisions"),
    "coercion": CellRef("art20_6", "coercion", "decisions"),
    "fees": CellRef("art20_8", "fees", "fee_amount"),
}


class YearNotDraftable(ValueError):
    """Reports before 2021 used the trial format: they are imported from their files, not drafted."""


def _require_year(year: int) -> None:
    if year < FIRST_DRAFTED_YEAR:
        raise YearNotDraftable(
            _("%(year)d年度的报告使用试行格式，不能由记录起草；请导入已公开的报告文件。") % {"year": year}
        )


def plain_amount(amount: Decimal) -> Decimal:
    """An amount without the database column's trailing zeros: 1.2500 → 1.25, 0.0000 → 0 (as reports write it)."""
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()


def figures_cells(figures: Art20Figures | None) -> dict[CellRef, Value]:
    """The four cells of 第二十条第（五）（六）（八）项; blank (None, not 0) while nothing was entered."""
    if figures is None:
        return dict.fromkeys(FIGURE_CELLS.values())
    return {ref: (plain_amount(figures.fees) if name == "fees" else getattr(figures, name))
            for name, ref in FIGURE_CELLS.items()}


def figures_for_orgs(org_ids: Iterable[int], year: int) -> dict[int, dict[CellRef, Value]]:
    ids = list(org_ids)
    found = {f.org_id: f for f in Art20Figures.objects.filter(org_id__in=ids, year=year)} if ids else {}
    return {org_id: figures_cells(found.get(org_id)) for org_id in ids}


def _count(n: Value) -> str:
    return f"{n}件"


def appeals_sentence(review: int, suits: int, complaints: int) -> str:
    """行政复议、行政诉讼 (table 四) and 投诉举报 (条例 第五十一条, gongkai.complaints) received in the year."""
    if not (review or suits or complaints):
        return "未发生涉及政府信息公开的行政复议、行政诉讼、投诉举报案件。"
    return (f"涉及政府信息公开的行政复议{_count(review)}、行政诉讼{_count(suits)}、"
            f"投诉举报{_count(complaints)}。")


def default_sections(
    report: AnnualReport, *, converted: tuple[int, int] = (0, 0), fees: FeeRecords | None = None,
    consulted: dict[str, int] | None = None, complaints: int = 0, interpretations: int = 0,
    rated: str = "",
) -> dict[str, str]:
    """Section 一 with factual sentences from the tables and prompts for the rest; 五 and 六 as prompts.

    The sentences state exactly what the tables say (so TXT.figure_mismatch holds); every 【请…】 is a
    prompt the drafter replaces before the report can be published.
    """
    c = report.cells
    year = report.year

    def cell(table: str, row: str, column: str) -> Value:
        return c[CellRef(table, row, column)]

    docs = [
        f"{label}制发{_count(cell('art20_1', row, 'issued'))}、废止{_count(cell('art20_1', row, 'abolished'))}、"
        f"现行有效{_count(cell('art20_1', row, 'in_force'))}"
        for row, label in (("rules", "规章"), ("normative_documents", "行政规范性文件"))
        if row != "rules" or any(cell("art20_1", "rules", k) for k in ("issued", "abolished", "in_force"))
    ]
    proactive = f"{year}年，本机关{'；'.join(docs)}。"
    if all(v is not None for v in (c[ref] for ref in FIGURE_CELLS.values())):
        fee = cell("art20_8", "fees", "fee_amount")
        proactive += (
            f"全年作出行政许可决定{_count(cell('art20_5', 'licensing', 'decisions'))}、"
            f"行政处罚决定{_count(cell('art20_6', 'penalty', 'decisions'))}、"
            f"行政强制决定{_count(cell('art20_6', 'coercion', 'decisions'))}，"
            f"收取行政事业性收费{plain_amount(Decimal(fee or 0)):f}万元。"
        )
    if converted[0]:  # 条例 第四十四条: (items published, requests they answer), from gongkai.disclosure
        proactive += (f"根据申请情况，将{converted[1]}件申请所涉的{_count(converted[0])}"
                      f"政府信息依申请公开转为主动公开（条例第四十四条）。")
    if consulted:  # 意见征集 opened this year, from gongkai.consultations
        proactive += (f"全年公开征求意见{consulted['consultations']}次，收到意见{consulted['comments']}条，"
                      f"采纳（含部分采纳）{consulted['adopted']}条。")
    if interpretations:  # 政策解读 published with their documents, from gongkai.publishing.interpretation
        proactive += f"发布政策解读{interpretations}篇，与所解读的文件同步发布。"
    proactive += "【请补充：主动公开的主要内容、渠道和政策解读情况。】"

    def t3(row: str) -> Value:
        return cell("applications", row, "total")

    new, carried_in, closed, carried_out = t3("new"), t3("carried_in"), t3("total"), t3("carried_out")
    if not new and not carried_in:
        on_request = f"{year}年，本机关未收到政府信息公开申请。"
    else:
        rows = CURRENT_FORMAT.table("applications").rows
        withheld = sum(t3(r.key) or 0 for r in rows if r.key.startswith("withheld."))
        rest = (closed or 0) - (t3("granted") or 0) - (t3("partial") or 0) - withheld
        on_request = (
            f"{year}年，本机关新收政府信息公开申请{_count(new)}，上年结转{_count(carried_in)}。"
            f"本年办结{_count(closed)}：予以公开{_count(t3('granted'))}，部分公开{_count(t3('partial'))}，"
            f"不予公开{_count(withheld)}，无法提供、不予处理及其他处理{_count(rest)}；"
            f"结转下年度继续办理{_count(carried_out)}。"
        )
    review = cell("appeals", "cases", "review.total") or 0
    suits = sum(cell("appeals", "cases", f"{group}.total") or 0 for group in ("direct_suit", "suit_after_review"))
    on_request += appeals_sentence(review, suits, complaints)
    overall = "\n".join(
        [
            "（一）主动公开", proactive,
            "（二）依申请公开", on_request,
            "（三）政府信息管理", "【请填写：政府信息管理制度、保密审查、信息发布审核和规范性文件清理等情况。】",
            "（四）政府信息公开平台建设", "【请填写：政府网站信息公开专栏、政务新媒体等平台建设和维护情况。】",
            "（五）监督保障", rated + "【请填写：工作考核、社会评议和责任追究情况（条例第五十条），以及培训情况。】",
        ]
    )
    problems = (
        "【请填写：本年度政府信息公开工作存在的主要问题，上年度问题的整改情况，以及下一年度的改进措施。】"
    )
    fee_text = (  # 国办函〔2020〕109号: from the fee records (gongkai.applications.fee_report)
        fee_sentence(year, fees) if fees is not None
        else f"{year}年，本机关【请填写：收取信息处理费的件数和金额；未收取的写明“未收取信息处理费”】"
        "（《政府信息公开信息处理费管理办法》）。"
    )
    other = (
        fee_text + "\n"
        "【请填写：本年度政务公开工作要点落实情况、人大代表建议和政协提案办理结果公开情况等其他需要报告的事项；没有的写“无”。】"
    )
    return {"overall": overall, "problems": problems, "other": other}


def draft_for_orgs(orgs: Sequence[Any], year: int) -> dict[int, AnnualReport]:
    """The drafts of many agencies for `year`: a handful of grouped queries, whatever the number of agencies."""
    from gongkai.appeals.stats import table4_for_orgs
    from gongkai.applications.stats import table3_for_orgs
    from gongkai.complaints.ratings import results_for_orgs as rating_results
    from gongkai.complaints.ratings import sentence as rating_sentence
    from gongkai.complaints.services import counts_for_orgs as complaint_counts
    from gongkai.consultations.services import counts as consultation_counts
    from gongkai.disclosure.conversions import converted_counts
    from gongkai.publishing.interpretation import published_counts as published_interpretations
    from gongkai.publishing.stats import art20_1_many

    _require_year(year)
    ids = [org.pk for org in orgs]
    tables = (
        art20_1_many(ids, year),
        figures_for_orgs(ids, year),
        table3_for_orgs(ids, year, format_id=CURRENT_FORMAT.id),
        table4_for_orgs(ids, year),
    )
    texts = {
        r["org_id"]: r
        for r in Report.objects.filter(org_id__in=ids, year=year).values("org_id", "overall", "problems", "other")
    } if ids else {}
    converted = converted_counts(ids, year)
    consulted = consultation_counts(ids, year)
    interpreted = published_interpretations(ids, year)
    fees = fee_records_for_orgs(ids, year)
    complaints = complaint_counts(ids, year)
    rated = rating_results(ids, year)  # 社会评议 (条例 第五十条), from gongkai.complaints.ratings
    drafts: dict[int, AnnualReport] = {}
    for org in orgs:
        cells: dict[CellRef, Value] = {}
        for table in tables:
            cells.update(table[org.pk])
        report = AnnualReport(org.name, year, CURRENT_FORMAT.id, cells=cells)
        stored = texts.get(org.pk)
        report.sections.update(
            {k: stored[k] for k in ("overall", "problems", "other")} if stored
            else default_sections(report, converted=converted.get(org.pk, (0, 0)), fees=fees[org.pk],
                                  consulted=consulted.get(org.pk), complaints=complaints[org.pk]["total"],
                                  interpretations=interpreted.get(org.pk, 0),
                                  rated=rating_sentence(rated[org.pk], year))
        )
        report.fee_records = fees[org.pk]  # type: ignore[attr-defined]  # for check_draft's TXT.fee_mismatch
        drafts[org.pk] = report
    return drafts


def draft(org: Any, year: int) -> AnnualReport:
    """An agency's report for `year` as it stands: tables from the records, text from its report record."""
    return draft_for_orgs([org], year)[org.pk]


def previous_for_orgs(org_ids: Iterable[int], year: int) -> dict[int, AnnualReport]:
    """Last year's published reports (latest version; made here or imported from their files), by agency."""
    ids = list(org_ids)
    latest: dict[int, dict[str, Any]] = {}
    versions = ReportVersion.objects.filter(report__org_id__in=ids, report__year=year - 1).order_by("number")
    for org_id, data in versions.values_list("report__org_id", "data"):
        latest[org_id] = data
    return {org_id: from_dict(data) for org_id, data in latest.items()}


def previous_report(org: Any, year: int) -> AnnualReport | None:
    return previous_for_orgs([org.pk], year).get(org.pk)


def prompt_findings(report: AnnualReport) -> list[Finding]:
    """A prompt (【请…】) left in a text section: the report is not finished."""
    findings = []
    for section in report.format.sections:
        if section.is_text and PROMPT_MARK in report.sections.get(section.key, ""):
            findings.append(Finding(
                rule="ANNUAL.unfilled_prompt",
                severity=Severity.ERROR,
                message=_("“%(heading)s”中还有未替换的填写提示（【请……】）") % {"heading": section.heading},
                expected=_("按提示填写的内容"),
                found=_("填写提示"),
            ))
    return findings


def check_draft(report: AnnualReport, previous: AnnualReport | None) -> list[Finding]:
    """Every rule on the report, with the cross-year rules against last year's report when there is one."""
    findings = prompt_findings(report) + check(report, previous=previous)
    fees = getattr(report, "fee_records", None)  # set on drafts by draft_for_orgs
    if fees is not None:
        findings += check_fee_sentence(report.sections.get("other", ""), fees)
    return sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
