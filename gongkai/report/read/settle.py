"""Glued rows settled by last year's report of the same agency, when a batch has it.

A row whose digits split several ways (READ.ambiguous_split, or READ.unchecked in table 二) keeps its
candidate splits in `report.sources.candidates`. Last year's report constrains two rows: 上年结转 equals
last year's 结转下年度继续办理, column by column, and 现行有效件数 equals last year's plus 本年制发 minus
本年废止. A row left with one candidate is read so, with a finding that says how.
"""

from __future__ import annotations

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport, Value

_UNSETTLED = ("READ.ambiguous_split", "READ.unchecked")


def settle_with_last_year(
    findings: list[Finding], report: AnnualReport, last_year: AnnualReport | None
) -> list[Finding]:
    """The findings once last year's report has settled what it can (the report's cells are filled in)."""
    candidates = getattr(report.sources, "candidates", {})
    if not candidates or last_year is None or last_year.year != report.year - 1:
        return findings
    for (table, row), options in candidates.items():
        kept = [values for values in options if _fits(report, last_year, table, row, values)]
        if len(kept) != 1 or len(kept) == len(options):
            continue
        columns = [c.key for c in report.format.table(table).columns]
        cells = tuple(CellRef(table, row, column) for column in columns)
        for ref, value in zip(cells, kept[0], strict=True):
            report.cells[ref] = value
        findings = [f for f in findings if not (f.rule in _UNSETTLED and f.cells == cells)]
        shown = "、".join("空" if v is None else str(v) for v in kept[0])
        label = report.format.table(table).row(row).label
        findings.append(
            finding(
                "READ.glued_split",
                f"“{label}”一行数字粘连，{len(options)}种拆分中只有{shown}与上年报告相符，已按此读取",
                cells=cells,
            )
        )
    return findings


def _fits(report: AnnualReport, last_year: AnnualReport, table: str, row: str, values: tuple[Value, ...]) -> bool:
    columns = [c.key for c in report.format.table(table).columns]
    by_column = dict(zip(columns, values, strict=True))
    if (table, row) == ("applications", "carried_in") and last_year.format_id in ("2019", "2021"):
        carried = [last_year.cells.get(CellRef("applications", "carried_out", c)) for c in columns]
        return all(before is None or now == before for now, before in zip(values, carried, strict=True))
    if table == "art20_1" and {"issued", "abolished", "in_force"} <= set(by_column):
        before = last_year.cells.get(CellRef("art20_1", row, "in_force"))
        issued, abolished, in_force = by_column["issued"], by_column["abolished"], by_column["in_force"]
        if None in (before, issued, abolished, in_force):
            return True
        return in_force == before + issued - abolished  # type: ignore[operator]
    return True
