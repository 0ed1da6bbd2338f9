"""Excel (.xlsx): one sheet per table in the official row and column order, the text sections, the findings.

Sheets, in the order of the report: 一 总体情况 (with the title), one sheet per table of sections 二
to 四 (merged header and label cells as in the official layout, counts and amounts as numbers),
五 and 六, then 检查结果 — the findings of `gongkai report check`. `RENDERERS["xlsx"]` is called with
the report alone and writes "未检查" there; the CLI passes `findings=` to fill the sheet.
Read back by `gongkai.report.read.xlsx`, which skips the findings sheet.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.report.findings import SEVERITY_LABELS, Finding
from gongkai.report.model import AnnualReport
from gongkai.report.render.blocks import Heading, Paragraph, TableBlock, Title, report_blocks
from gongkai.report.render.fonts import OFFICIAL_FONTS, Role
from gongkai.spreadsheets import keep_as_text

FINDINGS_SHEET = "检查结果"
FINDINGS_HEADER = ("严重程度", "规则", "说明", "单元格", "应为", "实为", "位置")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAMES = {
    "art20_1": "二 第二十条第（一）项",
    "art20_5": "二 第二十条第（五）项",
    "art20_6": "二 第二十条第（六）项",
    "art20_8": "二 第二十条第（八）项",
    "art20_9": "二 第二十条第（九）项",
    "applications": "三 收到和处理申请情况",
    "appeals": "四 行政复议行政诉讼情况",
}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY_FONT = OFFICIAL_FONTS[Role.BODY][0]
_HEADING_FONT = OFFICIAL_FONTS[Role.HEADING1][0]


def _cell_style(name: str, *, bold: bool = False, horizontal: str = "center") -> NamedStyle:
    return NamedStyle(
        name=name,
        font=Font(name=_BODY_FONT, size=10, bold=bold),
        alignment=Alignment(horizontal=horizontal, vertical="center", wrap_text=True),
        border=_BORDER,
    )


_HEADER_STYLE = _cell_style("年报表头", bold=True)
_LABEL_STYLE = _cell_style("年报行名", horizontal="left")
_VALUE_STYLE = _cell_style("年报数值")


def render_xlsx(report: AnnualReport, *, findings: list[Finding] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for style in (_HEADER_STYLE, _LABEL_STYLE, _VALUE_STYLE):
        workbook.add_named_style(style)
    workbook.properties.title = report.title
    workbook.properties.creator = report.agency
    sheet: Worksheet | None = None
    pending_heading: str | None = None  # a section heading waits for the sheet of its first table
    for block in report_blocks(report):
        match block:
            case Title(text):
                sheet = _text_sheet(workbook, "一 总体情况")
                _line(sheet, text, Font(name=OFFICIAL_FONTS[Role.TITLE][0], size=16))
            case Heading(text, 1, anchor):
                section = report.format.section(anchor)
                if section.is_text:
                    if sheet is None or sheet.max_row > 1:
                        sheet = _text_sheet(workbook, f"{section.number} {section.title}"[:31])
                    _line(sheet, text, Font(name=_HEADING_FONT, size=12, bold=True))
                else:
                    pending_heading = text
            case Heading(text, _, _) | Paragraph(text):
                assert sheet is not None
                bold = isinstance(block, Heading)
                _line(sheet, text, Font(name=_BODY_FONT, size=12, bold=bold), wrap=True)
            case TableBlock():
                sheet = workbook.create_sheet(_SHEET_NAMES.get(block.grid.table.key, block.grid.table.key)[:31])
                top = 1
                if pending_heading:
                    _line(sheet, pending_heading, Font(name=_HEADING_FONT, size=12, bold=True))
                    top = 3  # a blank row between: the section heading is not the table's caption
                    pending_heading = None
                _table(sheet, block, top)
    _findings_sheet(workbook, findings)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_sheet(workbook: Workbook, name: str) -> Worksheet:
    sheet = workbook.create_sheet(name)
    sheet.column_dimensions["A"].width = 100
    return sheet


def _line(sheet: Worksheet, text: str, font: Font, *, wrap: bool = False, row: int | None = None) -> None:
    if row is None:
        row = sheet.max_row + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
    cell = sheet.cell(row=row, column=1)
    _set_text(cell, text)
    cell.font = font
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")


def _set_text(cell: object, text: str) -> None:
    """A string cell, even when the text starts with "=" (no formula is made of report text)."""
    cell.value = _ILLEGAL.sub("", text)  # type: ignore[attr-defined]
    keep_as_text(cell)


def _table(sheet: Worksheet, block: TableBlock, top: int) -> None:
    grid = block.grid
    if block.caption_is_heading:
        _line(sheet, block.caption, Font(name=_HEADING_FONT, size=11, bold=True), row=top)
        top += 1
    for cell in grid.cells:
        target = sheet.cell(row=top + cell.row, column=cell.col + 1)
        if cell.is_th:
            _set_text(target, cell.text)
        else:
            target.value = _number(cell.text)
        style = _HEADER_STYLE if cell.header else _LABEL_STYLE if cell.label else _VALUE_STYLE
        for i in range(cell.rowspan):  # every position of a merged cell, for its borders
            for k in range(cell.colspan):
                sheet.cell(row=top + cell.row + i, column=cell.col + 1 + k).style = style.name
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=top + cell.row,
                start_column=cell.col + 1,
                end_row=top + cell.row + cell.rowspan - 1,
                end_column=cell.col + cell.colspan,
            )
    widths = [8.0] * grid.width
    if grid.label_count == 3:
        widths[:3] = [8.0, 14.0, 36.0]
    elif grid.label_count:
        widths[: grid.label_count] = [24.0] * grid.label_count
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width or 0, width)
    sheet.freeze_panes = sheet.cell(row=top + grid.header_count, column=grid.label_count + 1)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.print_title_rows = f"{top}:{top + grid.header_count - 1}"


def _number(text: str) -> int | Decimal | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return Decimal(text)


def _findings_sheet(workbook: Workbook, findings: list[Finding] | None) -> None:
    sheet = workbook.create_sheet(FINDINGS_SHEET)
    sheet.append(list(FINDINGS_HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    if findings is None:
        sheet.append(["", "", "未检查：用 gongkai report check 检查后导出，此表列出发现的问题"])
    elif not findings:
        sheet.append(["", "", "未发现问题"])
    for item in findings or ():
        row = [
            SEVERITY_LABELS[item.severity],
            item.rule,
            item.message,
            " ".join(str(c) for c in item.cells),
            item.expected or "",
            item.found or "",
            str(item.source) if item.source else "",
        ]
        line = sheet.max_row + 1
        for column, value in enumerate(row, start=1):
            _set_text(sheet.cell(row=line, column=column), value)
    for letter, width in zip("ABCDEFG", (10, 22, 60, 40, 12, 12, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
