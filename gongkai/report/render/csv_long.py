"""The long form for analysis: one line per cell with table, official row and column labels, value.

A group of numbered items (such as （三）不予公开 1.–8.) is followed by its subtotal, labelled with the group
alone: the figure a report printing the group as one row shows, and what an analyst sums by hand otherwise.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from gongkai.law.report_format import CellRef, Row, Table
from gongkai.report.model import AnnualReport, Value
from gongkai.report.render.layout import format_value
from gongkai.spreadsheets import csv_writer

HEADER = ("机关", "年度", "表格", "行", "列", "数值")


def render_csv(report: AnnualReport) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    fmt = report.format
    for table in fmt.tables:
        table_label = table.heading or fmt.section(table.section).heading
        for row_label, values in _lines(report, table):
            for column, value in zip(table.columns, values, strict=True):
                column_label = " ".join((*column.path, column.label))
                writer.writerow((report.agency, report.year, table_label, row_label, column_label, format_value(value)))
    return buffer.getvalue()


def _lines(report: AnnualReport, table: Table) -> Iterator[tuple[str, list[Value]]]:
    """Each row's label and values, a subtotal after the last row of each group of numbered items."""
    rows = table.rows
    for index, row in enumerate(rows):
        label = " ".join((*row.path, row.label)).strip() or "案件数"
        yield label, [_cell(report, table, row, c.key) for c in table.columns]
        group = row.path if len(row.path) >= 2 else None
        if group and (index + 1 == len(rows) or rows[index + 1].path != group):
            members = [r for r in rows if r.path == group]
            yield " ".join(group), [_subtotal([_cell(report, table, r, c.key) for r in members]) for c in table.columns]


def _cell(report: AnnualReport, table: Table, row: Row, column: str) -> Value:
    return report.cells[CellRef(table.key, row.key, column)]


def _subtotal(values: list[Value]) -> Value:
    """The sum of the group's cells, or blank when one of them is blank."""
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)
