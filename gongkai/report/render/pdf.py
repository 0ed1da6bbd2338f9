"""PDF in the layout of the Word file (GB/T 9704-2012), with its CJK fonts embedded.

Written with fpdf2, embedding for each typeface a TrueType subset of the glyphs the report uses
(fpdf2 cuts it from `fonts.cached_font`, a TrueType font kept in the cache directory), so the file
shows the same on a machine without any Chinese font and its text layer reads back (with PDFium,
and with pdfminer-based readers too). The free stand-ins for the official faces come from
`fonts.font_file` (Debian fonts-noto-cjk, fonts-arphic-ukai).
Lines are broken here, not by fpdf2: between any two Chinese characters, at spaces between Latin
words, never before closing punctuation (避头) — so that `read.pdf` can join them back.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from gongkai.report.model import AnnualReport
from gongkai.report.render.blocks import Block, Heading, Paragraph, TableBlock, Title, report_blocks
from gongkai.report.render.fonts import Role, cached_font
from gongkai.report.render.grid import column_widths_mm

PAGE_W, PAGE_H = 210.0, 297.0  # mm
TOP, LEFT, RIGHT, BOTTOM = 37.0, 28.0, 26.0, 35.0  # GB/T 9704 5.2.2: 天头 37, 订口 28; 版心 156 × 225
TEXT_W = PAGE_W - LEFT - RIGHT
PT = 25.4 / 72  # mm per point
LINE = 28.95 * PT  # 22 lines in the 225 mm type area
BODY, TITLE, TABLE, NUMBER = 16.0, 22.0, 10.5, 14.0  # 3号, 2号, 五号, 4号 (points)
_NO_LINE_START = set("，。、；：？！）】》」』”’,.;:?!)]}%…—·")
_NO_LINE_END = set("（【《「『“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9_.,%+\-/@#&'\"]+| +|.", re.DOTALL)
_FAMILIES = {Role.BODY: "body", Role.TITLE: "title", Role.HEADING1: "hei", Role.HEADING2: "kai"}


class _Pdf(FPDF):
    def footer(self) -> None:
        """— 1 —: 4号, 7 mm under the type area, right on odd pages and left on even ones (GB/T 9704 7.5)."""
        self.set_font(_FAMILIES[Role.BODY], size=NUMBER)
        text = f"— {self.page_no()} —"
        width = self.get_string_width(text)
        indent = NUMBER * PT  # one character in from the edge of the type area
        x = PAGE_W - RIGHT - indent - width if self.page_no() % 2 else LEFT + indent
        self.set_xy(x, PAGE_H - BOTTOM + 7)
        self.cell(width, NUMBER * PT, text)


def render_pdf(report: AnnualReport) -> bytes:
    pdf = _Pdf(unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(report.title)
    pdf.set_author(report.agency)
    pdf.set_creator("gongkai")
    pdf.set_lang("zh-CN")
    blocks = list(report_blocks(report))
    with tempfile.TemporaryDirectory(prefix="gongkai-fonts-") as directory:
        for role, chars in _characters(blocks).items():
            font = cached_font(role, chars)
            if isinstance(font, bytes):  # no cache directory
                path = Path(directory) / f"{role.value}.ttf"
                path.write_bytes(font)
                font = path
            pdf.add_font(_FAMILIES[role], "", str(font))
        for added in pdf.fonts.values():  # the glyphs' boxes are right already: saving the subset need not expand them
            if isinstance(getattr(added, "ttfont", None), TTFont):
                added.ttfont.recalcBBoxes = False
        _lay_out(pdf, report, blocks)
        return bytes(pdf.output())


def _characters(blocks: list[Block]) -> dict[Role, set[str]]:
    """The characters each typeface must have: the fonts embed only these."""
    uses: dict[Role, set[str]] = {Role.BODY: set("— 0123456789"), Role.TITLE: set(), Role.HEADING1: set()}
    for block in blocks:
        match block:
            case Title(text):
                uses[Role.TITLE].update(text)
            case Heading(text, 1, _):
                uses[Role.HEADING1].update(text)
            case Heading(text, _, _):
                uses.setdefault(Role.HEADING2, set()).update(text)
            case Paragraph(text):
                uses[Role.BODY].update(text)
            case TableBlock(grid, caption, _):
                uses[Role.HEADING1].update(caption)
                for cell in grid.cells:
                    uses[Role.HEADING1 if cell.header else Role.BODY].update(cell.text)
    return uses


def _lay_out(pdf: FPDF, report: AnnualReport, blocks: list[Block]) -> None:
    pdf.add_page()
    for block in blocks:
        match block:
            case Title(text):
                _title(pdf, report.agency, text)
            case Heading(text, level, _):
                role = Role.HEADING1 if level == 1 else Role.HEADING2
                _paragraph(pdf, text, role, keep_with_next=3)
            case Paragraph(text):
                _paragraph(pdf, text, Role.BODY)
            case TableBlock():
                _table(pdf, block)


def _title(pdf: FPDF, agency: str, text: str) -> None:
    """2号小标宋, centred; a long title breaks after the agency's name, as agencies set it."""
    pdf.set_font(_FAMILIES[Role.TITLE], size=TITLE)
    if pdf.get_string_width(text) <= TEXT_W:
        lines = [text]
    elif text.startswith(agency) and pdf.get_string_width(agency) <= TEXT_W:
        lines = [agency, *wrap(pdf, text[len(agency) :].strip(), TEXT_W)]
    else:
        lines = wrap(pdf, text, TEXT_W)
    for line in lines:
        pdf.set_x(LEFT)
        pdf.cell(TEXT_W, LINE, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE)  # a blank line under the title


def _paragraph(pdf: FPDF, text: str, role: Role, keep_with_next: int = 0) -> None:
    pdf.set_font(_FAMILIES[role], size=BODY)
    indent = 2 * BODY * PT
    lines = wrap(pdf, text, TEXT_W, indent)
    if pdf.get_y() + LINE * (len(lines) + keep_with_next) > PAGE_H - BOTTOM and len(lines) + keep_with_next <= 6:
        pdf.add_page()
    for i, line in enumerate(lines):
        if pdf.get_y() + LINE > PAGE_H - BOTTOM:
            pdf.add_page()
        pdf.set_x(LEFT + (indent if i == 0 else 0))
        pdf.cell(pdf.get_string_width(line), LINE, line, new_x="LMARGIN", new_y="NEXT")


def wrap(pdf: FPDF, text: str, width: float, first_indent: float = 0.0) -> list[str]:
    """Greedy line breaking for mixed Chinese and Latin text at the current font."""
    widths = _char_widths(pdf)
    lines: list[str] = []
    line, used = "", 0.0
    available = width - first_indent
    for token in _TOKEN.findall(text):
        token_width = sum(widths(ch) for ch in token)
        if used + token_width <= available + 0.01 or not line:
            if not line and token.isspace():
                continue
            if token_width > available and len(token) > 1:  # a word longer than a line: break inside it
                for ch in token:
                    if used + widths(ch) > available + 0.01 and line:
                        lines.append(line)
                        line, used, available = "", 0.0, width
                    line += ch
                    used += widths(ch)
                continue
            line += token
            used += token_width
            continue
        if token.isspace():
            lines.append(line.rstrip())
            line, used, available = "", 0.0, width
            continue
        if token[0] in _NO_LINE_START:  # closing punctuation hangs in the margin (避头)
            line += token
            used += token_width
            continue
        carry = ""
        while line and line[-1] in _NO_LINE_END:  # opening punctuation goes down with its word (避尾)
            carry, line = line[-1] + carry, line[:-1]
        lines.append(line.rstrip())
        line = carry + token
        used = sum(widths(ch) for ch in line)
        available = width
    if line.strip():
        lines.append(line.rstrip())
    return [ln for ln in lines if ln] or [""]


def _char_widths(pdf: FPDF) -> Callable[[str], float]:
    """Widths of single characters at the current font, measured once per call of `wrap`."""
    return cache(lambda ch: float(pdf.get_string_width(ch)))


def _table(pdf: FPDF, block: TableBlock) -> None:
    grid = block.grid
    if pdf.get_y() + 4 * LINE > PAGE_H - BOTTOM:
        pdf.add_page()
    if block.caption_is_heading:
        pdf.set_font(_FAMILIES[Role.HEADING1], size=12)
        pdf.cell(TEXT_W, LINE * 0.8, block.caption, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILIES[Role.BODY], size=TABLE)
    heading_style = FontFace(family=_FAMILIES[Role.HEADING1], size_pt=TABLE)
    with pdf.table(
        col_widths=column_widths_mm(grid, TEXT_W),
        width=TEXT_W,
        num_heading_rows=grid.header_count,
        repeat_headings=1,
        headings_style=heading_style,
        line_height=TABLE * PT * 1.35,
        text_align="CENTER",
        wrapmode="CHAR",
        padding=(0.8, 0.8),
    ) as table:
        for cells in grid.rows:
            row = table.row()
            for cell in cells:
                row.cell(
                    cell.text,
                    align="LEFT" if cell.label else "CENTER",
                    colspan=cell.colspan,
                    rowspan=cell.rowspan,
                )
    pdf.ln(LINE * 0.5)
