"""Excel (.xlsx) workbooks turned into report text, sheet by sheet in the workbook's order.

Merged cells count once (their top-left value); formulas give their last computed value. Runs of
non-blank rows are blocks: a block where some row has two or more filled cells is a table (the
single-cell rows that open it are text, the last of them its caption), any other block is lines of
text. Hidden sheets and the findings sheet that `render.xlsx` adds are left out.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut, clean

SKIPPED_SHEETS = {"检查结果"}  # render.xlsx.FINDINGS_SHEET


def to_text(data: bytes) -> str:
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument("READ.not_a_report", f"无法打开Excel文件：{exc}") from None
    out = TextOut()
    for sheet in workbook.worksheets:
        if sheet.title in SKIPPED_SHEETS or sheet.sheet_state != "visible":
            continue
        _sheet(out, sheet)
    return out.text()


def _sheet(out: TextOut, sheet: Worksheet) -> None:
    block: list[list[str]] = []
    for row in sheet.iter_rows(values_only=True):
        cells = [clean(cell_text(value)) for value in row]
        if any(cells):
            block.append(cells)
        else:
            _block(out, block)
            block = []
    _block(out, block)


def _block(out: TextOut, rows: list[list[str]]) -> None:
    if not rows:
        return
    first_table_row = next((i for i, row in enumerate(rows) if sum(1 for cell in row if cell) >= 2), None)
    if first_table_row is None:
        for row in rows:
            out.line(" ".join(cell for cell in row if cell))
        return
    for i, row in enumerate(rows[:first_table_row]):
        text = " ".join(cell for cell in row if cell)
        if i == first_table_row - 1:
            out.caption(text)
        else:
            out.line(text)
    table = rows[first_table_row:]
    width = max(max((i + 1 for i, cell in enumerate(row) if cell), default=0) for row in table)
    out.table([row[:width] + [""] * (width - len(row)) for row in table])


def cell_text(value: object) -> str:
    """A cell's value as the report shows it: whole numbers without ".0", decimals without exponents."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)
