"""Excel 97–2003 (.xls) workbooks, read with xlrd, then as the XLSX reader reads a workbook.

Values as Excel shows them (dates as dates, whole numbers without ".0"), merged cells once (their
top-left value), hidden sheets and the findings sheet left out. The same limits as for XLSX: a sheet
whose rows times columns, or whose merged ranges, exceed `limits` is refused before it is read.
"""

from __future__ import annotations

import io
from typing import Any

import xlrd

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut
from gongkai.report.read.limits import LimitExceeded, current
from gongkai.report.read.xlsx import SKIPPED_SHEETS, write_sheet


def to_text(data: bytes) -> str:
    book = open_book(data)
    out = TextOut()
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.name not in SKIPPED_SHEETS and sheet.visibility == 0:
            write_sheet(out, sheet_rows(book, sheet))
    return out.text()


def open_book(data: bytes) -> Any:
    """The workbook (xlrd); `UnreadableDocument` when it is damaged or not an Excel workbook."""
    try:
        # xlrd writes its warnings about a damaged file to a log (stdout by default): kept out of the output
        return xlrd.open_workbook(file_contents=data, formatting_info=True, ragged_rows=True, logfile=io.StringIO())
    except Exception as exc:  # xlrd raises many kinds for a damaged compound file
        why = f"{type(exc).__name__}: {exc}"[:200]
        raise UnreadableDocument("READ.not_a_report", f"无法打开旧版Excel（.xls）文件：文件已损坏（{why}）") from None


def sheet_rows(book: Any, sheet: Any) -> list[list[object]]:
    """A sheet's values row by row (merged positions but the top-left blank), within the limits."""
    limits = current()
    columns = max((sheet.row_len(r) for r in range(sheet.nrows)), default=0)
    if sheet.nrows * columns > limits.sheet_cells:
        raise LimitExceeded("sheet_cells", sheet.nrows * columns)
    merged = sum(max(r1 - r0, 0) * max(c1 - c0, 0) for r0, r1, c0, c1 in sheet.merged_cells)
    if merged > limits.merged_cells:
        raise LimitExceeded("merged_cells", merged)
    covered = {
        (r, c)
        for r0, r1, c0, c1 in sheet.merged_cells
        for r in range(r0, min(r1, sheet.nrows))
        for c in range(c0, min(c1, columns))
        if (r, c) != (r0, c0)
    }
    rows: list[list[object]] = []
    for r in range(sheet.nrows):
        row: list[object] = [None] * columns
        for c in range(sheet.row_len(r)):
            if (r, c) not in covered:
                row[c] = _value(book, sheet.cell(r, c))
        rows.append(row)
    return rows


def _value(book: Any, cell: Any) -> object:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    value: object = cell.value
    return value
