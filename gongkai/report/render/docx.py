"""Word (.docx) in the official-document layout of GB/T 9704-2012《党政机关公文格式》.

A4; 天头 37 mm, 订口 28 mm, type area 156 × 225 mm, 22 lines of 28 characters; title in 2号
方正小标宋简体 centred; body in 3号 仿宋_GB2312 with a two-character first-line indent; level-1
headings in 黑体, level-2 in 楷体_GB2312; page numbers in 4号 宋体 as "— 1 —", right on odd pages
and left on even ones. Tables fit the type area, keep the official merged cells and repeat their
header rows on every page. Fonts are named as agencies' machines have them; the font table gives
each an alternative name and the GB2312 charset so that Word substitutes a like face elsewhere.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle
from lxml import etree

from gongkai.report.model import AnnualReport
from gongkai.report.render.blocks import Heading, Paragraph, TableBlock, Title, report_blocks
from gongkai.report.render.fonts import OFFICIAL_FONTS, Role
from gongkai.report.render.grid import GridCell, TableGrid, column_widths_mm

# GB/T 9704-2012 5.2.1, 5.2.2: A4, 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_LEFT = Mm(37), Mm(28)
TYPE_AREA_WIDTH, TYPE_AREA_HEIGHT = Mm(156), Mm(225)
MARGIN_RIGHT = Mm(210 - 28 - 156)
MARGIN_BOTTOM = Mm(297 - 37 - 225)
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
SIZE_2, SIZE_3, SIZE_4, SIZE_5 = Pt(22), Pt(16), Pt(14), Pt(10.5)  # 2号, 3号, 4号, 五号
TABLE_STYLE_ID = "GongkaiTableText"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_docx(report: AnnualReport) -> bytes:
    document = Document()
    _page_setup(document)
    _styles(document)
    _font_table(document)
    _page_numbers(document)
    document.core_properties.title = report.title
    document.core_properties.author = report.agency
    document.core_properties.language = "zh-CN"
    for block in report_blocks(report):
        match block:
            case Title(text):
                document.add_paragraph(_safe(text), style="Title")
                document.add_paragraph("", style="Normal")  # GB/T 9704 7.3.3: a blank line under the title
            case Heading(text, level, _):
                document.add_paragraph(_safe(text), style="Heading 1" if level == 1 else "Heading 2")
            case Paragraph(text):
                document.add_paragraph(_safe(text), style="Normal")
            case TableBlock():
                if block.caption_is_heading:
                    document.add_paragraph(_safe(block.caption), style="Caption")
                _add_table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _safe(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = Mm(28)  # 页码 about 7 mm under the type area (GB/T 9704 7.5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))


def _set_fonts(element: etree._Element, name: str, size: Pt, *, bold: bool = False) -> None:
    """Give a style's or run's rPr one font for every script (theme fonts removed) and a size."""
    r_pr = element.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        element.append(r_pr)
    for child in list(r_pr):
        r_pr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    r_pr.append(fonts)
    for tag in ("w:b", "w:bCs"):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "1" if bold else "0")
        r_pr.append(flag)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    r_pr.append(color)
    for tag in ("w:sz", "w:szCs"):
        size_element = OxmlElement(tag)
        size_element.set(qn("w:val"), str(round(size.pt * 2)))
        r_pr.append(size_element)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    r_pr.append(lang)


def _paragraph_style(
    style: BaseStyle,
    role: Role,
    size: Pt,
    *,
    align: WD_ALIGN_PARAGRAPH,
    indent: Pt | None = None,
    exact: bool = True,
    keep_next: bool = False,
) -> None:
    _set_fonts(style.element, OFFICIAL_FONTS[role][0], size)
    p_pr = style.element.find(qn("w:pPr"))
    if p_pr is not None:
        style.element.remove(p_pr)  # drop the template's spacing, borders, numbering
    fmt = style.paragraph_format  # type: ignore[attr-defined]
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = indent if indent is not None else Pt(0)
    fmt.left_indent = fmt.right_indent = Pt(0)
    fmt.widow_control = True
    fmt.keep_with_next = keep_next
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _styles(document: DocumentObject) -> None:
    styles = document.styles
    two_chars = Pt(SIZE_3.pt * 2)
    _paragraph_style(styles["Normal"], Role.BODY, SIZE_3, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=two_chars)
    _paragraph_style(styles["Title"], Role.TITLE, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False, keep_next=True)
    styles["Title"].paragraph_format.space_before = LINE_PITCH  # type: ignore[attr-defined]
    for level, (name, role) in enumerate((("Heading 1", Role.HEADING1), ("Heading 2", Role.HEADING2))):
        _paragraph_style(styles[name], role, SIZE_3, align=WD_ALIGN_PARAGRAPH.LEFT, indent=two_chars, keep_next=True)
        styles[name].element.get_or_add_pPr().append(_element("w:outlineLvl", val=str(level)))  # navigation pane
    _paragraph_style(styles["Caption"], Role.HEADING1, Pt(12), align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    table_text = styles.add_style(TABLE_STYLE_ID, 1)  # WD_STYLE_TYPE.PARAGRAPH
    table_text.base_style = styles["Normal"]  # type: ignore[attr-defined]
    table_text.name = "表格文字"
    _paragraph_style(table_text, Role.BODY, SIZE_5, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)


def _font_table(document: DocumentObject) -> None:
    """Declare the official fonts with their alternative names and GB2312 charset (Word's substitution)."""
    part = next(p for p in document.part.package.parts if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    families = {Role.TITLE: "roman", Role.BODY: "modern", Role.HEADING1: "modern", Role.HEADING2: "script"}
    for role, (name, aliases) in OFFICIAL_FONTS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), aliases[0])
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), families.get(role, "roman"))
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # type: ignore[attr-defined]


def _page_numbers(document: DocumentObject) -> None:
    """— 1 —: 4号 宋体, one character in from the right edge on odd pages and the left on even ones."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if odd:
            fmt.right_indent = SIZE_4
        else:
            fmt.left_indent = SIZE_4
        _number_run(paragraph._p, "— ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), " PAGE ")
        _number_run(field, "1")
        paragraph._p.append(field)
        _number_run(paragraph._p, " —")


def _number_run(parent: etree._Element, text: str) -> None:
    run = OxmlElement("w:r")
    _set_fonts(run, OFFICIAL_FONTS[Role.NUMBER][0], SIZE_4)
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    parent.append(run)


def column_widths(grid: TableGrid) -> list[int]:
    """Column widths in twips, filling the 156 mm type area."""
    return [round(Mm(mm).twips) for mm in column_widths_mm(grid, TYPE_AREA_WIDTH.mm)]


def _add_table(document: DocumentObject, block: TableBlock) -> None:
    grid = block.grid
    widths = column_widths(grid)
    table = OxmlElement("w:tbl")
    properties = _element("w:tblPr")
    properties.append(_element("w:tblStyle", val="TableGrid"))
    properties.append(_element("w:tblW", w=str(sum(widths)), type="dxa"))
    properties.append(_element("w:jc", val="center"))
    properties.append(_element("w:tblLayout", type="fixed"))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="57", type="dxa"))  # 1 mm
    properties.append(margins)
    properties.append(_element("w:tblLook", val="04A0", firstRow="1", firstColumn="1", noHBand="0", noVBand="1"))
    properties.append(_element("w:tblCaption", val=_safe(block.caption)))  # the table's alt text title
    table.append(properties)
    columns = _element("w:tblGrid")
    for width in widths:
        columns.append(_element("w:gridCol", w=str(width)))
    table.append(columns)
    owner: dict[tuple[int, int], GridCell] = {}
    for cell in grid.cells:
        for i in range(cell.rowspan):
            for k in range(cell.colspan):
                owner[(cell.row + i, cell.col + k)] = cell
    for r in range(len(grid.rows)):
        row = _element("w:tr")
        row_properties = _element("w:trPr")
        row_properties.append(_element("w:cantSplit"))
        if r < grid.header_count:
            row_properties.append(_element("w:tblHeader"))  # repeat on every page
        row.append(row_properties)
        c = 0
        while c < grid.width:
            cell = owner[(r, c)]
            row.append(_table_cell(cell, r, sum(widths[c : c + cell.colspan])))
            c += cell.colspan
        table.append(row)
    body = document.element.body
    if body.sectPr is not None:
        body.sectPr.addprevious(table)
    else:
        body.append(table)


def _table_cell(cell: GridCell, row: int, width: int) -> etree._Element:
    tc = _element("w:tc")
    properties = _element("w:tcPr")
    properties.append(_element("w:tcW", w=str(width), type="dxa"))
    if cell.colspan > 1:
        properties.append(_element("w:gridSpan", val=str(cell.colspan)))
    if cell.rowspan > 1:
        properties.append(_element("w:vMerge", val="restart") if cell.row == row else _element("w:vMerge"))
    properties.append(_element("w:vAlign", val="center"))
    tc.append(properties)
    paragraph = _element("w:p")
    paragraph_properties = _element("w:pPr")
    paragraph_properties.append(_element("w:pStyle", val=TABLE_STYLE_ID))
    if cell.label:
        paragraph_properties.append(_element("w:jc", val="left"))
    paragraph.append(paragraph_properties)
    if cell.row == row and cell.text:
        run = _element("w:r")
        text = _element("w:t")
        text.text = _safe(cell.text)
        run.append(text)
        paragraph.append(run)
    tc.append(paragraph)
    return tc


def _element(tag: str, **attributes: str) -> etree._Element:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element
