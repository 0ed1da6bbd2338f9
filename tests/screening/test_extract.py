"""Text out of TXT, HTML, DOCX and PDF, in reading order; unreadable files say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.screening import ExtractionError, extract_text


def write_docx(
    path: Path, *, header: str = "", paragraphs: tuple[str, ...] = (), rows: tuple[tuple[str, ...], ...] = ()
) -> Path:
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.add_paragraph("大寨乡人民政府")
    document.save(str(path))
    return path


def write_pdf(path: Path, lines_per_page: list[list[str]]) -> Path:
    """A minimal PDF with Helvetica text (ASCII only: no CJK font is needed)."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for lines in lines_per_page:
        stream = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(b"(%s) '" % line.encode() for line in lines) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_docx_paragraphs_tables_and_header_in_reading_order(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "公示.docx",
        header="内部资料",
        paragraphs=("关于补贴发放情况的公示", "现公示如下："),
        rows=(("户主", "身份证号码"), ("杨光明", "522622198506120036")),
    )
    document = extract_text(path)
    assert document.kind == "docx"
    assert document.text.split("\n") == [
        "内部资料",
        "关于补贴发放情况的公示",
        "现公示如下：",
        "户主\t身份证号码",
        "杨光明\t522622198506120036",
        "大寨乡人民政府",
    ]


def test_html_blocks_become_lines_and_scripts_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        """<!DOCTYPE html><html><head><meta charset="gb2312"><title>通知</title>
        <script>var tel = "13985012345";</script><style>p{}</style></head>
        <body><div class="content"><p>联系人：<span>潘文华</span>，电话：<b>139</b>85012345</p>
        <table><tr><td>户主</td><td>杨光明</td></tr></table><!-- 13900000000 --></div></body></html>""".encode(
            "gb18030"
        )
    )
    document = extract_text(path)
    assert document.kind == "html"
    assert document.text.split("\n") == ["通知", "联系人：潘文华，电话：13985012345", "户主\t杨光明"]


def test_plain_text_in_gb18030_and_with_a_bom(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes("人民政府".encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes("人民政府".encode("utf-8-sig"))
    assert extract_text(tmp_path / "gbk.txt").text == "人民政府"
    assert extract_text(tmp_path / "bom.txt").text == "人民政府"


def test_pdf_text_with_pages(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "notice.pdf", [["Notice"], ["Contact: 13985012345", "zhang.san@example.com"]])
    document = extract_text(path)
    assert document.kind == "pdf"
    assert "13985012345" in document.text
    assert document.page_of(document.text.index("13985012345")) == 2
    assert document.page_of(0) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.docx", b"PK\x03\x04not really a zip", "无法读取 DOCX"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "LibreOffice"),  # converted, or named
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Office"),
        ("broken.pdf", b"%PDF-1.4\nnonsense", "无法读取 PDF"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=message):
        extract_text(path)


def test_missing_file_and_scanned_pdf(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="无法打开文件"):
        extract_text(tmp_path / "missing.txt")
    with pytest.raises(ExtractionError, match="没有文字层"):
        extract_text(write_pdf(tmp_path / "scan.pdf", [[]]))
