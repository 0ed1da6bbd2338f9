"""The long form for analysis: one line per cell with table, official row and column labels, value."""

from __future__ import annotations

import csv
import io

from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import format_value

HEADER = ("机关", "年度", "表格", "行", "列", "数值")


def render_csv(report: AnnualReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    fmt = report.format
    for table in fmt.tables:
        table_label = table.heading or fmt.section(table.section).heading
        for row in table.rows:
            row_label = " ".join((*row.path, row.label)).strip() or "案件数"
            for column in table.columns:
                column_label = " ".join((*column.path, column.label))
                value = report.cells[CellRef(table.key, row.key, column.key)]
                writer.writerow((report.agency, report.year, table_label, row_label, column_label, format_value(value)))
    return buffer.getvalue()
