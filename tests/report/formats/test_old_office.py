"""Old binary Office files (issue 12, point 5): many county sites still attach .doc and .xls reports.

The fixtures are the seed report rendered as DOCX and XLSX and saved by LibreOffice as Word 97–2003
(.doc) and Excel 97–2003 (.xls). A .xls is read with xlrd; a .doc is converted by LibreOffice headless
and read as DOCX. Both give the seed report cell for cell. Without LibreOffice a .doc is a finding that
names it (and how to install it), never a crash.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gongkai.report.read import doc, limits, read_bytes, read_path
from gongkai.report.read.sniff import detect
from tests.report.formats.conftest import require

FIXTURES = Path(__file__).parents[2] / "fixtures" / "reports"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture
def needs_libreoffice() -> None:
    require(doc.soffice() is not None, "LibreOffice is missing (Debian: apt-get install libreoffice-writer-nogui)")


def test_the_kind_of_an_ole2_file_is_told_by_its_streams_not_its_name():
    assert detect((FIXTURES / "dazhai-2023.doc").read_bytes(), "report.xls") == "doc"
    assert detect((FIXTURES / "dazhai-2023.xls").read_bytes(), "report.doc") == "xls"


def test_an_xls_report_reads_as_the_seed_cell_for_cell(seed_report):
    result = read_path(FIXTURES / "dazhai-2023.xls")
    assert result.kind == "xls"
    assert [f.rule for f in result.findings] == ["READ.format"]
    assert result.report == seed_report


def test_a_doc_report_reads_as_the_seed_cell_for_cell(seed_report, needs_libreoffice):
    result = read_path(FIXTURES / "dazhai-2023.doc")
    assert result.kind == "doc"
    assert [f.rule for f in result.findings] == ["READ.format"]
    assert result.report is not None and result.report.cells == seed_report.cells


def test_without_libreoffice_a_doc_is_a_finding_naming_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = read_path(FIXTURES / "dazhai-2023.doc")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.tool_missing"]
    assert "LibreOffice" in result.findings[0].message and "apt-get install" in result.findings[0].message


def test_a_conversion_over_the_time_limit_is_stopped_and_named(needs_libreoffice):
    with limits.override(tool_seconds=0):
        result = read_path(FIXTURES / "dazhai-2023.doc")
    assert [f.rule for f in result.findings] == ["READ.limit"]
    assert 'GONGKAI_READ_LIMITS["tool_seconds"]' in result.findings[0].message


def test_a_damaged_doc_is_a_finding(needs_libreoffice):
    result = read_bytes(OLE2 + b"WordDocument".decode().encode("utf-16-le") + bytes(2000), source="坏.doc")
    assert result.report is None and [f.rule for f in result.findings] == ["READ.not_a_report"]


def test_a_damaged_xls_is_a_finding_and_xlrd_prints_nothing(capfd):
    data = (FIXTURES / "dazhai-2023.xls").read_bytes()
    result = read_bytes(data[:5000], source="坏.xls")
    assert result.report is None and [f.rule for f in result.findings] == ["READ.not_a_report"]
    assert "旧版Excel" in result.findings[0].message
    assert capfd.readouterr().out == ""  # the command's JSON or CSV output stays clean


def test_an_xls_sheet_over_the_limit_is_refused():
    with limits.override(sheet_cells=10):
        result = read_path(FIXTURES / "dazhai-2023.xls")
    assert [f.rule for f in result.findings] == ["READ.limit"]


def test_screening_reads_an_old_word_attachment(tmp_path, needs_libreoffice):
    import subprocess

    from docx import Document

    from gongkai.screening import extract_text, screen_text

    source = tmp_path / "通知.docx"
    document = Document()
    document.add_paragraph("机密★5年")
    document.add_paragraph("联系人身份证号码110101199003074477")
    document.save(str(source))
    program = doc.soffice()
    assert program is not None
    subprocess.run([program, "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True,
                   timeout=120)
    extracted = extract_text(tmp_path / "通知.doc")
    assert extracted.kind == "doc" and "机密★5年" in extracted.text
    assert {f.category for f in screen_text(extracted.text)} >= {"secrecy", "personal"}
