"""DOCX: the GB/T 9704-2012 layout of what we write, and Word files as agencies make them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.read.docx import to_text
from gongkai.report.render import render
from gongkai.report.render.text import render_text
from tests.report.formats import portal_pages


@pytest.fixture(scope="module")
def seed_docx(seed_report: AnnualReport) -> docx.document.Document:
    data = render(seed_report, "docx")
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data))


def _east_asia_font(style: docx.styles.style.BaseStyle) -> str:
    return style.element.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_page_is_a4_with_the_official_margins(seed_docx: docx.document.Document) -> None:
    """GB/T 9704-2012 5.2: A4; 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm."""
    section = seed_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(Emu(section.page_width - section.left_margin - section.right_margin).mm) == 156
    assert round(Emu(section.page_height - section.top_margin - section.bottom_margin).mm) == 225


def test_fonts_and_sizes_are_the_official_ones(seed_docx: docx.document.Document) -> None:
    """Title 2号小标宋, body 3号仿宋, level-1 headings 黑体, level-2 楷体 (GB/T 9704 7.3)."""
    styles = seed_docx.styles
    expected = {"Title": ("方正小标宋简体", 22), "Normal": ("仿宋_GB2312", 16)}
    expected |= {"Heading 1": ("黑体", 16), "Heading 2": ("楷体_GB2312", 16)}
    for name, (font, size) in expected.items():
        assert _east_asia_font(styles[name]) == font
        assert styles[name].font.size == Pt(size)
    assert styles["Normal"].paragraph_format.first_line_indent == Pt(32)  # two characters
    paragraphs = seed_docx.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == "大寨乡2023年政府信息公开工作年度报告"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、总体情况" and len(headings) == 6
    assert [p.text for p in paragraphs if p.style.name == "Heading 2"][:2] == ["（一）主动公开", "（二）依申请公开"]


def test_font_table_offers_fallbacks(seed_docx: docx.document.Document) -> None:
    part = next(p for p in seed_docx.part.package.parts if p.partname == "/word/fontTable.xml")
    text = part.blob.decode()
    for name, alternative in (("仿宋_GB2312", "FangSong_GB2312"), ("方正小标宋简体", "FZXiaoBiaoSong-B05S")):
        assert f'w:name="{name}"' in text and f'w:val="{alternative}"' in text


def test_page_numbers_alternate_sides(seed_docx: docx.document.Document) -> None:
    section = seed_docx.sections[0]
    assert seed_docx.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and "— " in xml
    assert section.footer.paragraphs[0].alignment != section.even_page_footer.paragraphs[0].alignment


def test_tables_fit_the_type_area_and_repeat_their_header(seed_docx: docx.document.Document) -> None:
    assert len(seed_docx.tables) == 6
    for table in seed_docx.tables:
        grid = table._tbl.find(qn("w:tblGrid"))
        width = sum(int(col.get(qn("w:w"))) for col in grid)
        assert width <= Mm(156).twips + 10
        first_row = table.rows[0]._tr
        assert first_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    applications = seed_docx.tables[4]
    header_rows = [r for r in applications.rows if r._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 3


def test_table_contents_and_merged_cells(seed_docx: docx.document.Document) -> None:
    table = seed_docx.tables[4]  # 三
    assert table.cell(0, 3).text == "申请人情况" and table.cell(0, 8).text == "申请人情况"  # merged across
    assert table.cell(1, 4).text == "法人或其他组织"
    assert [table.cell(2, c).text for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert table.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert table.cell(10, 0).text == "三、本年度办理结果"  # merged down the outcome rows
    assert table.cell(9, 2).text == "3.危及“三安全一稳定”"
    assert [table.cell(27, c).text for c in range(3, 10)] == ["0"] * 7
    art20_1 = seed_docx.tables[0]
    assert [c.text for c in art20_1.rows[0].cells] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert seed_docx.tables[5].cell(0, 0).text == "行政复议"


def test_docx_text_is_the_report_text(seed_report: AnnualReport) -> None:
    data = render(seed_report, "docx")
    assert isinstance(data, bytes)
    assert to_text(data) == render_text(seed_report)


# --- Word files as agencies make them --------------------------------------------------------------


@cache
def _agency_docx(*, split: bool = False, pasted: bool = False) -> bytes:
    """The district's report typed in Word: merged cells by Word's own merge, or pasted as text."""
    expected = portal_pages.expected_report()
    document = docx.Document()
    document.add_paragraph(portal_pages.TITLE)
    document.add_paragraph("一、总体情况")
    for paragraph in portal_pages.OVERALL:
        document.add_paragraph(paragraph)
    document.add_paragraph("二、主动公开政府信息情况")
    lines = render_text(expected).split("\n")
    start, end = lines.index("二、主动公开政府信息情况") + 2, lines.index("三、收到和处理政府信息公开申请情况")
    for line in lines[start:end]:
        if line:
            document.add_paragraph(line.replace("\t", "\t"))  # section 二 pasted as tab-separated text
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = [line.split("\t") for line in lines[end + 2 : lines.index("四、政府信息公开行政复议、行政诉讼情况") - 1]]
    if pasted:
        for row in rows:
            document.add_paragraph("\t".join(row))
    else:
        parts = [rows[:14], rows[:3] + rows[14:]] if split else [rows]
        for number, part in enumerate(parts):
            if number:
                document.add_paragraph("")  # Word puts a paragraph between two tables
            _word_table(document, part)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    appeals = [line.split("\t") for line in lines[lines.index("四、政府信息公开行政复议、行政诉讼情况") + 2 :][:4]]
    _word_table(document, appeals)
    for heading, paragraphs in (
        ("五、存在的主要问题及改进情况", portal_pages.PROBLEMS),
        ("六、其他需要报告的事项", portal_pages.OTHER),
    ):
        document.add_paragraph(heading)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_table(document: docx.document.Document, rows: list[list[str]]) -> None:
    """A table whose blank label cells are merged into the label up-left of them, as Word users do."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    labels = 3 if width == 10 else 0
    for r, row in enumerate(rows):
        for c in range(labels):
            if row[c] and c + 1 < labels and not row[c + 1] and (r < 3 or c == 0):
                table.cell(r, c).merge(table.cell(r, c + (2 if c == 0 and not row[c + 2] else 1)))


@pytest.mark.parametrize("shape", ["merged", "split", "pasted"])
def test_agency_word_file_reads_every_cell(shape: str) -> None:
    data = _agency_docx(split=shape == "split", pasted=shape == "pasted")
    result = read_bytes(data, source="report.docx")
    assert result.kind == "docx" and result.report is not None
    expected = portal_pages.expected_report()
    assert result.report.cells == expected.cells
    assert result.report.sections == expected.sections


def test_split_word_table_keeps_its_rows_and_drops_the_repeated_header() -> None:
    text = to_text(_agency_docx(split=True))
    assert text.count("申请人情况") == 1
    assert "\t（四）无法提供\t1.本机关不掌握相关政府信息\t20\t0\t0\t0\t0\t0\t20" in text.split("\n")


def test_vertical_merge_keeps_the_text_in_the_first_row_only() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "三、本年度办理结果"
    for r, value in enumerate(("1", "2", "3")):
        table.cell(r, 1).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    assert to_text(buffer.getvalue()).split("\n")[:3] == ["三、本年度办理结果\t1", "\t2", "\t3"]


def test_tracked_deletions_are_not_read() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("本年收到申请")
    deletion = paragraph._p.makeelement(qn("w:del"), {qn("w:id"): "1", qn("w:author"): "x"})
    run = deletion.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:delText"), {})
    text.text = "100"
    run.append(text)
    deletion.append(run)
    paragraph._p.append(deletion)
    paragraph.add_run("81件。")
    buffer = io.BytesIO()
    document.save(buffer)
    assert to_text(buffer.getvalue()) == "本年收到申请81件。\n"


def test_broken_word_file_is_reported() -> None:
    result = read_bytes(b"PK\x03\x04 not really a zip", source="x.docx")
    assert result.report is None and result.findings


def test_blank_cells_stay_blank(seed_report: AnnualReport) -> None:
    report = AnnualReport(seed_report.agency, seed_report.year, cells=dict(seed_report.cells))
    report.sections.update(seed_report.sections)
    report.cells[CellRef("applications", "new", "research")] = None
    data = render(report, "docx")
    assert isinstance(data, bytes)
    assert read_bytes(data).report == report


def _repacked(data: bytes, change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in change(parts).items():
            archive.writestr(name, part)
    return buffer.getvalue()


def test_captions_are_found_whatever_prefix_the_styles_part_uses(seed_report: AnnualReport) -> None:
    """Word writes `w:`; another writer may bind the same namespace to another prefix (XML Namespaces §3)."""
    data = render(seed_report, "docx")
    assert isinstance(data, bytes)

    def other_prefix(parts: dict[str, bytes]) -> dict[str, bytes]:
        styles = parts["word/styles.xml"]
        for old, new in ((b"xmlns:w=", b"xmlns:ww="), (b"<w:", b"<ww:"), (b"</w:", b"</ww:"), (b" w:", b" ww:")):
            styles = styles.replace(old, new)
        return parts | {"word/styles.xml": styles}

    assert to_text(_repacked(data, other_prefix)) == to_text(data) == render_text(seed_report)


def test_the_main_document_part_is_found_by_the_package_relationship(seed_report: AnnualReport) -> None:
    """ECMA-376 Part 2 §9.3: the officeDocument relationship names the main part, wherever it lies."""
    data = render(seed_report, "docx")
    assert isinstance(data, bytes)

    def moved(parts: dict[str, bytes]) -> dict[str, bytes]:
        parts["word/main.xml"] = parts.pop("word/document.xml")
        parts["word/_rels/main.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
        parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
        types = parts["[Content_Types].xml"]
        parts["[Content_Types].xml"] = types.replace(b"/word/document.xml", b"/word/main.xml")
        return parts

    assert to_text(_repacked(data, moved)) == render_text(seed_report)
