"""Excel (.xlsx) workbooks turned into report text, sheet by sheet in the workbook's order.

Merged cells count once (their top-left value); formulas give their last computed value. Runs of
non-blank rows are blocks: a block where some row has two or more filled cells is a table (the
single-cell rows that open it are text, the last of them its caption), any other block is lines of
text. Hidden sheets and the findings sheet that `render.xlsx` adds are left out.

A workbook is untrusted: before openpyxl sees it, every part is read within `limits` and every
worksheet's XML is scanned for what it really holds (the rows and columns its cells reach, its
merged ranges); a sheet over a limit is refused. openpyxl then reads in its read-only mode, bounded
to the cells found, so a declared dimension or a far-off cell never makes it build a huge grid.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from gongkai.report.read import UnreadableDocument
from gongkai.report.read.blocks import TextOut, clean
from gongkai.report.read.limits import LimitExceeded, ZipReader, current

SKIPPED_SHEETS = {"检查结果"}  # render.xlsx.FINDINGS_SHEET
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_ROOTS = {f"{_MAIN}worksheet", f"{_MAIN}dialogsheet"}
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384  # Excel's own grid


@dataclass
class SheetShape:
    """What one worksheet part really holds: the rows and columns its cells reach, and its merged ranges."""

    rows: int = 0
    columns: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_col, min_row, max_col, max_row


def to_text(data: bytes) -> str:
    workbook, shapes = open_workbook(data)
    try:
        sheets = [
            list(sheet_rows(sheet, shapes))
            for sheet in workbook.worksheets
            if sheet.title not in SKIPPED_SHEETS and sheet.sheet_state == "visible"
        ]
    except Exception as exc:  # a damaged cell or part: openpyxl raises many kinds
        raise UnreadableDocument("READ.not_a_report", f"无法读取Excel文件：文件已损坏（{_why(exc)}）") from None
    finally:
        workbook.close()
    out = TextOut()
    for rows in sheets:
        write_sheet(out, rows)
    return out.text()


def open_workbook(data: bytes) -> tuple[Any, dict[str, SheetShape]]:
    """The workbook (openpyxl, read-only) and its sheets' shapes; `LimitExceeded` or `UnreadableDocument`."""
    shapes = inspect(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise UnreadableDocument("READ.not_a_report", f"无法打开Excel文件：文件已损坏（{_why(exc)}）") from None
    return workbook, shapes


def inspect(data: bytes) -> dict[str, SheetShape]:
    """Every worksheet part's shape, read within the limits; raises `LimitExceeded` or `UnreadableDocument`."""
    try:
        parts = ZipReader(data).check_office()
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument("READ.not_a_report", f"无法打开Excel文件：文件已损坏（{exc}）") from None
    shapes: dict[str, SheetShape] = {}
    for name, part in parts.items():
        if name.lower().endswith(".xml"):
            try:
                shape = _scan(part)
            except etree.LxmlError as exc:
                raise UnreadableDocument("READ.not_a_report", f"无法打开Excel文件：{name}已损坏（{exc}）") from None
            if shape is not None:
                shapes[name] = shape
    return shapes


def _scan(part: bytes) -> SheetShape | None:
    """The shape of a worksheet part (None for any other part), streaming, within the limits."""
    limits = current()
    shape = SheetShape()
    row = column = merged = 0
    events = etree.iterparse(io.BytesIO(part), events=("start", "end"), resolve_entities=False, no_network=True)
    _, root = next(events)
    if root.tag not in _SHEET_ROOTS:
        return None
    for event, element in events:
        tag = element.tag
        if event == "end":
            if tag == f"{_MAIN}row":
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
            continue
        if tag == f"{_MAIN}row":
            row = _row_number(element.get("r"), row + 1)
            column = 0
        elif tag == f"{_MAIN}c":
            reference = element.get("r")
            column = _column_of(reference) if reference else column + 1
            if column and row:
                shape.rows, shape.columns = max(shape.rows, row), max(shape.columns, column)
                if shape.rows * shape.columns > limits.sheet_cells:
                    raise LimitExceeded("sheet_cells", shape.rows * shape.columns)
        elif tag == f"{_MAIN}dimension":
            declared = _area(element.get("ref", ""))
            if declared > limits.sheet_cells:
                raise LimitExceeded("sheet_cells", declared)
        elif tag in (f"{_MAIN}mergeCell", f"{_MAIN}hyperlink"):  # openpyxl fills a hyperlink's range too
            bounds = _bounds(element.get("ref", ""))
            if bounds is not None:
                merged += (bounds[2] - bounds[0] + 1) * (bounds[3] - bounds[1] + 1)
                if merged > limits.merged_cells:
                    raise LimitExceeded("merged_cells", merged)
                if tag == f"{_MAIN}mergeCell":
                    shape.merges.append(bounds)
    shape.rows = max(shape.rows, 1)
    return shape


def _row_number(value: str | None, following: int) -> int:
    try:
        number = int(float(value)) if value else following
    except (ValueError, OverflowError):
        return following
    return min(max(number, 1), _MAX_ROW)


def _column_of(reference: str) -> int:
    letters = reference.rstrip("0123456789$").lstrip("$").upper()
    if not letters or len(letters) > 3 or not letters.isascii() or not letters.isalpha():
        return 0
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return min(number, _MAX_COLUMN)


def _bounds(reference: str) -> tuple[int, int, int, int] | None:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(reference.split()[0] if reference.split() else "")
    except (ValueError, TypeError, IndexError):
        return None
    if None in (min_col, min_row, max_col, max_row):  # a whole row or column
        min_col, min_row = min_col or 1, min_row or 1
        max_col, max_row = max_col or _MAX_COLUMN, max_row or _MAX_ROW
    return min(min_col, max_col), min(min_row, max_row), max(min_col, max_col), max(min_row, max_row)


def _area(reference: str) -> int:
    bounds = _bounds(reference)
    return 0 if bounds is None else (bounds[2] - bounds[0] + 1) * (bounds[3] - bounds[1] + 1)


def sheet_rows(sheet: Any, shapes: dict[str, SheetShape]) -> Iterator[list[object]]:
    """A sheet's values row by row, within the cells its scan found; merged positions but the top-left blank."""
    shape = shapes.get(str(getattr(sheet, "_worksheet_path", "")).lstrip("/"))  # openpyxl keeps no public name
    if shape is None or shape.columns == 0:
        return
    covered = {
        (r, c)
        for min_col, min_row, max_col, max_row in shape.merges
        for r in range(min_row, min(max_row, shape.rows) + 1)
        for c in range(min_col, min(max_col, shape.columns) + 1)
        if (r, c) != (min_row, min_col)
    }
    for number, values in enumerate(sheet.iter_rows(max_row=shape.rows, max_col=shape.columns, values_only=True), 1):
        yield [None if (number, c) in covered else value for c, value in enumerate(values, 1)]


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def write_sheet(out: TextOut, rows: list[list[object]]) -> None:
    """A sheet's rows (values) as blocks of lines and tables."""
    block: list[list[str]] = []
    for row in rows:
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
