"""Rules across years, given last year's report: carry-over, documents in force, copied text (雷同)."""

from __future__ import annotations

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport
from gongkai.report.rules.labels import column_title, row_title, show, table_name
from gongkai.report.rules.settings import RuleSettings
from gongkai.report.rules.textutil import normalise_sentence, sentences

APPLICATIONS = "applications"
ART20_1 = "art20_1"  # 第二十条第（一）项


def check_cross_year(report: AnnualReport, previous: AnnualReport, settings: RuleSettings) -> list[Finding]:
    findings: list[Finding] = []
    if previous.year == report.year - 1:
        findings += _carry_over(report, previous)
        findings += _in_force(report, previous)
    else:
        findings.append(
            finding(
                "XY.not_previous_year",
                f"所给的上年报告是{previous.year}年度的，不是{report.year - 1}年度的：未核对上年结转和现行有效件数",
                expected=str(report.year - 1),
                found=str(previous.year),
            )
        )
    findings += _repeated_text(report, previous, settings)
    return findings


def _carry_over(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    """表三 二、上年结转 = last year's 四、结转下年度继续办理, column by column (a warning: figures get corrected)."""
    fmt = report.format
    table = fmt.table(APPLICATIONS)
    prev_table = previous.format.table(APPLICATIONS)
    carried_in, carried_out = table.row("carried_in"), prev_table.row("carried_out")
    findings: list[Finding] = []
    for column in table.columns:
        this_ref = CellRef(APPLICATIONS, "carried_in", column.key)
        prev_ref = CellRef(APPLICATIONS, "carried_out", column.key)
        this, prev = report.cells[this_ref], previous.cells.get(prev_ref)
        if this is None or prev is None or this == prev:
            continue
        findings.append(
            finding(
                "XY.carry_over",
                f"{table_name(fmt, table)}“{column_title(table, column.key)}”列："
                f"“{row_title(carried_in)}”为{show(this)}，"
                f"而{previous.year}年报告的“{row_title(carried_out)}”为{show(prev)}",
                cells=(this_ref,),
                expected=show(prev),
                found=show(this),
            )
        )
    return findings


def _in_force(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    """现行有效件数 = last year's + 本年制发件数 − 本年废止件数, for 规章 and 行政规范性文件 (2021 format only).

    Documents also lapse when their term ends (有效期届满), so a difference is a warning to explain.
    """
    if report.format_id != "2021" or previous.format_id != "2021":
        return []
    fmt = report.format
    table = fmt.table(ART20_1)
    findings: list[Finding] = []
    for row in table.rows:
        refs = [CellRef(ART20_1, row.key, c) for c in ("issued", "abolished", "in_force")]
        issued, abolished, in_force = (report.cells[r] for r in refs)
        before = previous.cells[CellRef(ART20_1, row.key, "in_force")]
        if issued is None or abolished is None or in_force is None or before is None:
            continue
        expected = before + issued - abolished
        if in_force == expected:
            continue
        findings.append(
            finding(
                "XY.in_force",
                f"{table_name(fmt, table)}“{row.label}”：上年现行有效{show(before)}件，加本年制发{show(issued)}件，"
                f"减本年废止{show(abolished)}件，应为{show(expected)}件，表中现行有效件数为{show(in_force)}"
                "（如有文件因有效期届满失效，请说明）",
                cells=tuple(refs),
                expected=show(expected),
                found=show(in_force),
            )
        )
    return findings


def _repeated_text(report: AnnualReport, previous: AnnualReport, settings: RuleSettings) -> list[Finding]:
    """The share of this year's sentences found again in last year's report (sections 一 and 五 by default)."""
    earlier: set[str] = set()
    for key in settings.repeated_text_sections:
        earlier.update(_comparable(previous.sections.get(key, ""), settings))
    findings: list[Finding] = []
    for key in settings.repeated_text_sections:
        if key not in report.sections:
            continue
        current = _comparable(report.sections[key], settings)
        if not current:
            continue
        repeated = sum(1 for s in current if s in earlier)
        share = repeated / len(current)
        if share <= settings.repeated_text_threshold:
            continue
        heading = report.format.section(key).heading
        findings.append(
            finding(
                "XY.repeated_text",
                f"“{heading}”{len(current)}句中有{repeated}句与{previous.year}年报告相同（{share:.0%}，不计年份），"
                f"超过{settings.repeated_text_threshold:.0%}",
                expected=f"<= {settings.repeated_text_threshold:.0%}",
                found=f"{share:.0%}",
            )
        )
    return findings


def _comparable(text: str, settings: RuleSettings) -> list[str]:
    normalised = (normalise_sentence(s) for s in sentences(text))
    return [s for s in normalised if len(s) >= settings.repeated_text_min_chars]
