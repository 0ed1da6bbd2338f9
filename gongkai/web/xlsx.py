"""A list as an Excel workbook for the people who keep registers in Excel: one sheet, a bold frozen header,
readable column widths, every text cell kept as text (a title starting with “=” makes no formula)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from gongkai.spreadsheets import keep_as_text

__all__ = ["XLSX_CONTENT_TYPE", "workbook"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 60  # characters


def _width(value: Any) -> int:
    text = str(value or "")
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def workbook(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The workbook's bytes: sheet `title`, `header` in row 1, then `rows` (str, int, date or None)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [_width(h) for h in header]
    for values in rows:
        sheet.append([None if v is None else v for v in values])
        for index, (cell, value) in enumerate(zip(sheet[sheet.max_row], values, strict=True)):
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                keep_as_text(cell)  # never a formula, also when the cell is edited
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            widths[index] = max(widths[index], _width(value if not isinstance(value, dt.date) else "2024-01-01"))
    for index, width in enumerate(widths):
        sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width = min(width + 2, MAX_WIDTH)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
