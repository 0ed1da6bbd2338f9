"""PDF: embedded CJK fonts that show without any font installed, a text layer that reads back, scans detected."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.read.pdf import join_wrapped, to_text
from gongkai.report.render import render
from gongkai.report.render.text import render_text


def _first_page_png(pdftoppm: str, pdf: bytes, directory: Path, *, env: dict[str, str] | None = None) -> Image.Image:
    source = directory / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run([pdftoppm, "-r", "40", "-f", "1", "-l", "1", "-png", str(source), str(directory / "page")],
                   check=True, env=env, capture_output=True, timeout=60)  # fmt: skip
    (png,) = directory.glob("page*.png")
    image = Image.open(png).convert("L")
    png.unlink()
    return image


def _page_texts(pdf: bytes) -> list[str]:
    """Each page's text as PDFium gives it, one line a line."""
    document = pdfium.PdfDocument(pdf)
    return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]


def _ink(image: Image.Image) -> float:
    """The share of pixels that are not white."""
    histogram = image.histogram()
    return sum(histogram[:200]) / (image.width * image.height)


def test_first_page_renders_and_its_text_layer_has_the_title(
    seed_pdf: bytes, needs_pdftoppm: str, tmp_path: Path
) -> None:
    image = _first_page_png(needs_pdftoppm, seed_pdf, tmp_path)
    assert image.size[0] < image.size[1]  # portrait A4
    assert _ink(image) > 0.01
    assert pdfium.PdfDocument(seed_pdf)[0].get_width() == pytest.approx(595.28, abs=0.5)
    assert "大寨乡2023年政府信息公开工作年度报告" in _page_texts(seed_pdf)[0]


def test_fonts_are_embedded_and_show_without_any_font_installed(
    seed_pdf: bytes, needs_pdftoppm: str, tmp_path: Path
) -> None:
    assert seed_pdf.count(b"/FontFile2") == seed_pdf.count(b"/Type /FontDescriptor") >= 3  # every font embedded
    normal = _first_page_png(needs_pdftoppm, seed_pdf, tmp_path)
    empty = tmp_path / "fonts.conf"  # a fontconfig that knows no font at all
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>')
    env = {**os.environ, "FONTCONFIG_FILE": str(empty), "FONTCONFIG_PATH": str(tmp_path)}
    bare = _first_page_png(needs_pdftoppm, seed_pdf, tmp_path, env=env)
    assert bare.tobytes() == normal.tobytes()


def test_pdf_text_is_the_report_text(seed_pdf: bytes, seed_report: AnnualReport) -> None:
    assert to_text(seed_pdf) == render_text(seed_report)
    result = read_bytes(seed_pdf, source="report.bin")
    assert result.kind == "pdf" and result.report == seed_report


def test_table_split_across_pages_repeats_its_header_and_reads_once(seed_pdf: bytes) -> None:
    pages = _page_texts(seed_pdf)
    assert sum("申请人情况" in page for page in pages) == 2  # 表三 continues on the next page, header repeated
    assert to_text(seed_pdf).count("申请人情况") == 1


def test_scanned_pdf_is_reported_as_such(tmp_path: Path) -> None:
    scan = Image.new("L", (420, 594), 255)
    ImageDraw.Draw(scan).rectangle((60, 80, 360, 120), fill=0)  # a "title" that is only pixels
    path = tmp_path / "scan.png"
    scan.save(path)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(path), x=0, y=0, w=210)
    result = read_bytes(bytes(pdf.output()), source="scan.pdf")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.no_text_layer"]


def test_broken_pdf_is_reported() -> None:
    result = read_bytes(b"%PDF-1.7\n this is not a pdf", source="broken.pdf")
    assert result.report is None and result.findings


def test_wrapped_lines_join_without_spaces_between_chinese() -> None:
    assert (
        join_wrapped(["大寨乡严格按照“公开是原则，", "不公开是例外”的总体要求"])
        == "大寨乡严格按照“公开是原则，不公开是例外”的总体要求"
    )
    assert join_wrapped(["published as open", "data"]) == "published as open data"
    assert join_wrapped(["12345", "678"], cell=True) == "12345678"


def test_short_report_with_a_title_on_two_lines_reads_back(needs_cjk_fonts: None) -> None:
    """Short paragraphs give no full-width line: the type area is taken from the tables."""
    report = AnnualReport.zeros("某县人民政府", 2021)  # the title breaks after the agency's name
    report.sections.update(overall="我乡我乡。", problems="我乡我乡。", other="我乡我乡。")
    data = render(report, "pdf")
    assert isinstance(data, bytes)
    assert _page_texts(data)[0].split("\n")[:2] == ["某县人民政府", "2021年政府信息公开工作年度报告"]
    assert to_text(data) == render_text(report)
