"""The official table layout as rows of cells: shared by the text, Markdown and office renderers."""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.report_format import CellRef, Table
from gongkai.report.model import AnnualReport, Value

LABEL_DEPTH = 3  # table 三 nests labels three deep: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密


def format_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def header_rows(table: Table) -> list[list[str]]:
    """The header block of a table, one list of cells per header line (merged cells left blank)."""
    if table.key == "applications":
        # the note spans the label columns; 申请人情况 › 自然人 | 法人或其他组织 › five kinds | 总计
        top = [table.note, "", "", "申请人情况", "", "", "", "", "", "总计"]
        middle = ["", "", "", "自然人", "法人或其他组织", "", "", "", "", ""]
        bottom = ["", "", "", ""] + [c.label for c in table.columns[1:6]] + [""]
        return [top, middle, bottom]
    if table.key == "appeals":
        groups = ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""]
        subgroups = ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]
        return [groups, subgroups, [c.label for c in table.columns]]
    return [[table.row_header, *(c.label for c in table.columns)]]


def body_rows(report: AnnualReport, table: Table) -> list[list[str]]:
    """One list per data row: the label cells, then the values in the official column order."""
    rows: list[list[str]] = []
    seen_paths: set[tuple[str, ...]] = set()
    for row in table.rows:
        values = [format_value(report.cells[CellRef(table.key, row.key, c.key)]) for c in table.columns]
        if table.key == "appeals":
            rows.append(values)
            continue
        if table.key != "applications":
            rows.append([row.label, *values])
            continue
        labels: list[str] = []
        for depth in range(1, len(row.path) + 1):
            prefix = row.path[:depth]
            labels.append("" if prefix in seen_paths else prefix[-1])
            seen_paths.add(prefix)
        labels.append(row.label)
        labels += [""] * (LABEL_DEPTH - len(labels))
        rows.append(labels + values)
    return rows
