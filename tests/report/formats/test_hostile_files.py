"""Hostile files (issue 13): each is a few kilobytes and declares or expands to gigabytes.

Before the limits, the merged range reached 5.6 GB, the far-off cell and the declared sheet 5.6 GB, the
HTML spans 4 GB. Now each is refused with a finding that names the limit (`READ.limit`), read in a
child process whose address space is capped at 1 GiB, so a reader that still grew would fail the test
(MemoryError) rather than exhaust the machine. The peak memory each needed is asserted as well.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.read import read_bytes
from gongkai.report.read.limits import Limits
from tests.report.formats import hostile

PEAK_MB = 200  # reading any of these needs no more than the interpreter and its libraries


def _read_bounded(tmp_path: Path, name: str, data: bytes) -> tuple[list[tuple[str, str]], float]:
    path = tmp_path / name
    path.write_bytes(data)
    answer = hostile.run_bounded(f"""
        from gongkai.report.read import read_path
        result = [(f.rule, f.message) for f in read_path({str(path)!r}).findings]
    """)
    return [tuple(pair) for pair in answer["result"]], float(answer["peak_mb"])  # type: ignore[attr-defined]


def _assert_refused(findings: list[tuple[str, str]], limit: str) -> None:
    assert [rule for rule, _ in findings] == ["READ.limit"], findings
    message = findings[0][1]
    assert Limits().label(limit) in message and f'GONGKAI_READ_LIMITS["{limit}"]' in message, message


HOSTILE = {
    # one merged range over the whole Excel grid: openpyxl would make a cell object for each of 17 billion
    "merged-range.xlsx": (lambda: hostile.xlsx({"A1": "x", "B1": "y"}, merges=("A1:XFD1048576",)), "merged_cells"),
    # a hyperlink over a range: openpyxl fills it like a merge
    "hyperlink-range.xlsx": (
        lambda: hostile.xlsx({"A1": "x", "B1": "y"},
                             extra="<hyperlinks><hyperlink ref='A1:XFD1048576' display='x'/></hyperlinks>"),
        "merged_cells",
    ),
    # a sheet that declares itself the whole grid (read-only openpyxl pads every row to it)
    "declared-sheet.xlsx": (lambda: hostile.xlsx({"A1": "收到申请日期", "B1": "y"}, dimension="A1:XFD1048576"),
                            "sheet_cells"),
    # one cell far away: the grid up to it is 17 billion positions
    "far-cell.xlsx": (lambda: hostile.xlsx({"A1": "x", "B1": "y", "XFD1048576": "z"}), "sheet_cells"),
    # 17 KB of table cells each spanning 500 × 500
    "spans.html": (
        lambda: ("<html><body><table>" + "<tr><td rowspan=500 colspan=500>1</td><td>2</td></tr>" * 300
                 + "</table></body></html>").encode(),
        "table_cells",
    ),
    # a Word table of cells each spanning 64 grid columns
    "grid-span.docx": (
        lambda: hostile.docx("<w:tbl>" + ("<w:tr>" + "<w:tc><w:tcPr><w:gridSpan w:val='64'/></w:tcPr><w:p/></w:tc>"
                                           * 50 + "</w:tr>") * 100 + "</w:tbl>"),
        "table_cells",
    ),
    # 600,000 empty paragraphs in 10 KB: python-docx would build a tree of a gigabyte
    "many-paragraphs.docx": (lambda: hostile.docx("<w:p/>" * 600_000), "markup_tags"),
    # a document part that inflates past the XML part limit (whitespace compresses a thousandfold)
    "inflated-part.docx": (lambda: hostile.docx("<w:p/>", padding=Limits().xml_part_bytes + 1), "xml_part_bytes"),
    # the same in a worksheet
    "inflated-sheet.xlsx": (lambda: hostile.xlsx({"A1": "x"}, padding=Limits().xml_part_bytes + 1), "xml_part_bytes"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_a_finding_naming_the_limit_within_bounded_memory(tmp_path, name):
    build, limit = HOSTILE[name]
    data = build()
    assert len(data) < 64 * 1024, "the hostile file itself is small"
    findings, peak_mb = _read_bounded(tmp_path, name, data)
    _assert_refused(findings, limit)
    assert peak_mb < PEAK_MB


def test_an_xml_part_with_a_document_type_declaration_is_refused_as_damaged():
    # the "billion laughs": entities that expand each other; Office files never declare a DTD
    laughs = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>"
    data = hostile.docx("<w:p><w:r><w:t>&i;</w:t></w:r></w:p>", doctype=laughs)
    result = read_bytes(data, source="laughs.docx")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.not_a_report"]
    assert "DTD" in result.findings[0].message


def test_a_zip_member_larger_than_its_header_claims_is_damaged_not_read():
    # the header says 100 bytes; the data inflates to 8 MB: reading stops at the claim and the check fails
    deflated, _, crc = hostile.deflated_zeros(8 * hostile.MiB)
    data = hostile.raw_zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", (deflated, 100, crc))])
    result = read_bytes(data, source="claims.docx")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.not_a_report"]
    assert "损坏" in result.findings[0].message


def test_a_file_over_the_size_limit_is_not_read():
    from gongkai.report.read import limits

    with limits.override(file_bytes=1000):
        result = read_bytes(b"x" * 1001, source="big.txt")
    _assert_refused([(f.rule, f.message) for f in result.findings], "file_bytes")


def test_limits_can_be_changed_by_the_environment(monkeypatch):
    from gongkai.report.read import limits

    monkeypatch.setenv("GONGKAI_READ_LIMITS", '{"table_cells": 7}')
    assert limits.current().table_cells == 7
    result = read_bytes(b"<table><tr><td colspan=4>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>")
    _assert_refused([(f.rule, f.message) for f in result.findings], "table_cells")
    monkeypatch.setenv("GONGKAI_READ_LIMITS", "[1]")
    with pytest.raises(ValueError, match="GONGKAI_READ_LIMITS"):
        limits.current()


def test_a_web_page_with_more_tags_than_the_limit_is_refused():
    from gongkai.report.read import limits

    page = ("<html><body>" + "<p>1</p>" * 60 + "</body></html>").encode()
    with limits.override(markup_tags=100):
        result = read_bytes(page, source="many.html")
    _assert_refused([(f.rule, f.message) for f in result.findings], "markup_tags")
