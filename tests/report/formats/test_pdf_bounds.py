"""PDF reading with PDFium: tables from any kind of ruling line; damaged, locked and oversized files are findings."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from gongkai.report.read import UnreadableDocument, read_bytes
from gongkai.report.read import pdf as pdf_reader
from gongkai.report.read.pdf import to_text

ROWS = [["item", "applications", "total"], ["new this year", "12", "34"]]
XS, YS = [100, 220, 340, 460], [100, 124, 148]


def _ruled_table(rules: str) -> bytes:
    """A two-row table whose rules are stroked lines, or thin filled rectangles as Word draws them."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.text(100, 80, "Table 1 heading line")
    if rules == "lines":
        pdf.set_line_width(0.5)
        for x in XS:
            pdf.line(x, YS[0], x, YS[-1])
        for y in YS:
            pdf.line(XS[0], y, XS[-1], y)
    else:
        for x in XS:
            pdf.rect(x - 0.25, YS[0] - 0.25, 0.5, YS[-1] - YS[0] + 0.5, style="F")
        for y in YS:
            pdf.rect(XS[0] - 0.25, y - 0.25, XS[-1] - XS[0] + 0.5, 0.5, style="F")
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            pdf.text(XS[c] + 4, YS[r] + 16, text)
    return bytes(pdf.output())


@pytest.mark.parametrize("rules", ["lines", "thin rectangles"])
def test_table_ruled_with_lines_or_thin_rectangles_reads_cell_by_cell(rules: str) -> None:
    """A space inside a cell stays a space; the cells of a row are tab-separated for the text reader."""
    assert to_text(_ruled_table(rules)) == "Table 1 heading line\n\nitem\tapplications\ttotal\nnew this year\t12\t34\n"



def test_truncated_pdf_is_read_as_far_as_it_goes_or_named_unreadable(seed_pdf: bytes) -> None:
    """PDFium rebuilds a damaged file's index where it can; what it cannot open is a finding, never an exception."""
    for cut in (len(seed_pdf) - 200, len(seed_pdf) // 2, 40):
        try:
            text = to_text(seed_pdf[:cut])
        except UnreadableDocument as exc:
            assert exc.rule in ("READ.not_a_report", "READ.no_text_layer")
            assert exc.message.startswith(("无法", "PDF没有文字层"))
        else:
            assert "政府信息公开工作年度报告" in text


def test_pdf_that_needs_a_password_is_named_as_such() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(text="2023 annual report")
    pdf.set_encryption(owner_password="owner", user_password="user")
    result = read_bytes(bytes(pdf.output()), source="locked.pdf")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.not_a_report"]
    assert "加密" in result.findings[0].message


def test_pdf_over_the_page_limit_is_not_read(seed_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded work: a document with more pages than the limit is a finding that names the limit."""
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    result = read_bytes(seed_pdf, source="long.pdf")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.limit"]
    assert "超出处理限制" in result.findings[0].message and "上限2页" in result.findings[0].message
