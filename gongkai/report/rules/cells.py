"""Rules on single cells: no negative numbers, whole numbers where counts are due, no blanks."""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.report_format import CellKind, CellRef
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport
from gongkai.report.rules.labels import cells_list, show, table_name
from gongkai.report.rules.settings import RuleSettings


def check_cells(report: AnnualReport, settings: RuleSettings) -> list[Finding]:
    """CELL.negative and CELL.not_integer per cell, CELL.blank once per table."""
    fmt = report.format
    findings: list[Finding] = []
    for table in fmt.tables:
        blanks: list[CellRef] = []
        kinds = [column.kind for column in table.columns]
        for position, ref in enumerate(table.cells()):  # row by row
            value = report.cells[ref]
            if value is None:
                blanks.append(ref)
                continue
            if type(value) is int and value >= 0:
                continue  # a count as it should be
            kind = kinds[position % len(kinds)]
            if kind is not CellKind.AMOUNT and isinstance(value, Decimal):
                # 统计口径：件数为整数; the model keeps a non-integer count as found
                findings.append(
                    finding(
                        "CELL.not_integer",
                        f"{cells_list(fmt, [ref], 1)}填的是{show(value)}，件数应为整数",
                        cells=(ref,),
                        expected="整数",
                        found=show(value),
                    )
                )
            if kind is not CellKind.SIGNED_COUNT and value < 0:
                unit = "金额" if kind is CellKind.AMOUNT else "件数"
                findings.append(
                    finding(
                        "CELL.negative",
                        f"{cells_list(fmt, [ref], 1)}填的是{show(value)}，{unit}不能为负数",
                        cells=(ref,),
                        expected=">= 0",
                        found=show(value),
                    )
                )
        if blanks:
            findings.append(_blank_finding(report, table.key, blanks, settings))
    return findings


def _blank_finding(report: AnnualReport, table_key: str, blanks: list[CellRef], settings: RuleSettings) -> Finding:
    fmt = report.format
    table = fmt.table(table_key)
    blank_set = set(blanks)
    skipped = sum(1 for i in table.identities if blank_set.intersection((*i.left, *i.right)))
    named = cells_list(fmt, blanks, settings.blank_cells_named)
    message = f"{table_name(fmt, table)}有{len(blanks)}个应填数字的单元格为空：{named}。空白不等于0，没有的应填0"
    if skipped:
        message += f"；涉及空白单元格的{skipped}条勾稽关系未核对"
    return finding("CELL.blank", message, cells=tuple(blanks), expected="数字（没有的填0）", found="空白")
