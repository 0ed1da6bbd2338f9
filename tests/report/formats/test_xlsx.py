"""XLSX: one sheet per table in the official order, the text sections, the findings; read back."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.read.xlsx import to_text
from gongkai.report.render import render
from gongkai.report.render.text import render_text
from gongkai.report.render.xlsx import FINDINGS_SHEET, render_xlsx


@pytest.fixture(scope="module")
def workbook(seed_report: AnnualReport) -> openpyxl.Workbook:
    data = render(seed_report, "xlsx")
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def test_one_sheet_per_table_in_report_order(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [
        "一 总体情况",
        "二 第二十条第（一）项",
        "二 第二十条第（五）项",
        "二 第二十条第（六）项",
        "二 第二十条第（八）项",
        "三 收到和处理申请情况",
        "四 行政复议行政诉讼情况",
        "五 存在的主要问题及改进情况",
        "六 其他需要报告的事项",
        FINDINGS_SHEET,
    ]


def test_table_sheet_keeps_official_rows_columns_and_merges(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["三 收到和处理申请情况"]
    assert sheet["A1"].value == "三、收到和处理政府信息公开申请情况"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A3:C5", "D3:I3", "J3:J5", "D4:D5", "E4:I4", "A8:A29", "B10:B17"} <= merged
    assert [sheet.cell(5, c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    labels = [sheet.cell(r, 3).value or sheet.cell(r, 2).value or sheet.cell(r, 1).value for r in range(6, 31)]
    assert labels[0] == "一、本年新收政府信息公开申请数量" and labels[-1] == "四、结转下年度继续办理"
    assert sheet["D6"].value == 0 and isinstance(sheet["D6"].value, int)  # numbers, not text
    assert sheet.freeze_panes == "D6"


def test_amounts_are_numbers(seed_report: AnnualReport) -> None:
    report = AnnualReport(seed_report.agency, seed_report.year, cells=dict(seed_report.cells))
    report.sections.update(seed_report.sections)
    report.set("art20_8", "fees", "fee_amount", Decimal("12.3456"))
    data = render(report, "xlsx")
    assert isinstance(data, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["二 第二十条第（八）项"]
    assert sheet["B3"].value == pytest.approx(12.3456)
    assert read_bytes(data).report == report


def test_findings_sheet_lists_the_findings(seed_report: AnnualReport) -> None:
    findings = [
        Finding(
            "T3.balance",
            Severity.ERROR,
            "第一项加第二项之和不等于第三项加第四项之和",
            (CellRef("applications", "new", "total"),),
            "3",
            "4",
        ),
        Finding("TXT.missing_subitem", Severity.WARNING, "=未写到平台建设"),
    ]
    data = render_xlsx(seed_report, findings=findings)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[FINDINGS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("严重程度", "规则", "说明")
    assert rows[1][:4] == ("错误", "T3.balance", findings[0].message, "applications.new.total")
    assert rows[2][2] == "=未写到平台建设"  # text, never a formula
    assert read_bytes(data).report == seed_report  # the findings sheet is not read as report text
    unchecked = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed_report)))[FINDINGS_SHEET]
    assert "未检查" in unchecked["C2"].value


def test_xlsx_text_is_the_report_text(seed_report: AnnualReport) -> None:
    data = render(seed_report, "xlsx")
    assert isinstance(data, bytes)
    assert to_text(data) == render_text(seed_report)


def test_staff_workbook_with_one_sheet_and_formulas_reads() -> None:
    """A sheet as staff keep it: the whole table 四 with a formula total, merged headers, a hidden sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["行政复议", None, None, None, None, "行政诉讼"])
    sheet.merge_cells("A1:E1")
    sheet.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉"])
    sheet.append([2, 0, 0, 1.0, "=SUM(A3:D3)", 0.5])
    hidden = workbook.create_sheet("草稿")
    hidden.sheet_state = "hidden"
    hidden.append(["不应读出", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    lines = to_text(buffer.getvalue()).split("\n")
    assert lines[0] == "行政复议\t\t\t\t\t行政诉讼"
    assert lines[2] == "2\t0\t0\t1\t\t0.5"  # a formula never computed by Excel has no value: blank
    assert "不应读出" not in "\n".join(lines)
