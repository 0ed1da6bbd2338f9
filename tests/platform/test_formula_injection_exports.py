"""Every CSV and XLSX export keeps formula-like text as text (issue 13, Low: formula injection): the
audit CSV, the registers' workbooks, the rendered report workbook, the 第二十条 template."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from gongkai.audit.constants import AdminEvent
from gongkai.audit.services import record
from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from gongkai.web.xlsx import workbook


def _cells(data: bytes) -> list:  # type: ignore[type-arg]
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.django_db
def test_the_audit_csv_neutralises_a_formula_in_a_message(demo, client_for):
    entry = record(AdminEvent.CHANGED, actor=None, message="=HYPERLINK(\"http://x\",\"点此\")")
    response = client_for("sysadmin").get("/audit/export.csv", {"q": ""})
    text = b"".join(response.streaming_content).decode()
    [row] = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if r and r[0] == str(entry.seq)]
    assert row[10] == "'=HYPERLINK(\"http://x\",\"点此\")"
    assert row[0] == str(entry.seq)  # the number stays a number


def test_register_workbooks_keep_formula_like_text_as_quoted_text_and_numbers_as_numbers():
    data = workbook("台账", ["标题", "数量"], [["=1+1", -3], ["-3", 5], ["@SUM(A1)", 0]])
    cells = {cell.coordinate: cell for cell in _cells(data)}
    assert not [c for c in cells.values() if c.data_type == "f"]
    assert (cells["A2"].value, cells["A2"].quotePrefix) == ("=1+1", True)
    assert (cells["A4"].value, cells["A4"].quotePrefix) == ("@SUM(A1)", True)
    assert (cells["B2"].value, cells["B2"].data_type) == (-3, "n")
    assert (cells["A3"].value, cells["A3"].quotePrefix) == ("-3", False)  # a number given as text: no prefix


def test_the_rendered_report_workbook_keeps_a_formula_like_agency_name_as_text():
    data = render(AnnualReport.zeros("=cmd|' /C calc'!A0", 2023), "xlsx")
    cells = [cell for cell in _cells(data) if isinstance(cell.value, str) and cell.value.startswith("=cmd")]
    assert cells and all(cell.quotePrefix and cell.data_type == "s" for cell in cells)
