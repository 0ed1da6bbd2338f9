"""Rules on single cells: negative numbers, non-integer counts, blanks (blank is not 0)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import RuleSettings, check
from tests.report.rules.builders import add_requests, complete


def zeros(format_id: str = "2021") -> AnnualReport:
    return complete(AnnualReport.zeros("大寨乡", 2023 if format_id == "2021" else 2020, format_id))


def test_negative_count_is_an_error():  # 统计口径：件数为不小于0的整数
    report = zeros()
    report.set("art20_6", "penalty", "decisions", 3)
    assert check(report) == []
    report.set("art20_6", "penalty", "decisions", -3)
    [found] = check(report)
    assert (found.rule, found.severity) == ("CELL.negative", Severity.ERROR)
    assert found.message == "表二（第二十条第（六）项）“行政处罚”行“本年处理决定数量”列填的是-3，件数不能为负数"
    assert found.cells == (CellRef("art20_6", "penalty", "decisions"),)


def test_negative_fee_amount_is_an_error():  # 第二十条第（八）项 本年收费金额（万元） >= 0
    report = zeros()
    report.set("art20_8", "fees", "fee_amount", Decimal("-0.5"))
    assert [f.rule for f in check(report)] == ["CELL.negative"]
    assert "金额不能为负数" in check(report)[0].message


def test_signed_change_of_2019_format_may_be_negative():  # 〔2019〕60号 第二十条第（五）项 本年增/减
    report = zeros("2019")
    report.set("art20_5", "licensing", "change", -4)
    assert check(report) == []
    report.set("art20_5", "licensing", "decisions", -4)
    assert [f.rule for f in check(report)] == ["CELL.negative"]


def test_non_integer_count_is_an_error():  # 件数为整数; the model keeps 1.5 as a Decimal
    report = zeros()
    report.set("art20_1", "normative_documents", "issued", Decimal("2"))  # a whole Decimal is a count
    assert check(report) == []
    report.set("art20_1", "normative_documents", "issued", Decimal("1.5"))
    [found] = check(report)
    assert (found.rule, found.found) == ("CELL.not_integer", "1.5")
    assert "“行政规范性文件”行“本年制发件数”列" in found.message


def test_fee_amount_may_have_decimals():  # 本年收费金额（单位：万元）
    report = zeros()
    report.set("art20_8", "fees", "fee_amount", Decimal("12.3456"))
    assert check(report) == []


def test_blank_cell_is_a_warning_that_blank_is_not_zero():  # 空白不等于0
    report = zeros()
    report.set("art20_5", "licensing", "decisions", None)
    [found] = check(report)
    assert (found.rule, found.severity) == ("CELL.blank", Severity.WARNING)
    assert "空白不等于0" in found.message and "“行政许可”行" in found.message


def test_blank_cells_skip_their_identities_and_say_so_once():  # no cascade of false 勾稽 errors
    report = zeros()
    add_requests(report, "granted", 2)
    report.set("applications", "new", "natural_person", None)
    report.set("applications", "granted", "total", None)
    findings = check(report)
    assert [f.rule for f in findings] == ["CELL.blank"]
    assert findings[0].message.startswith("表三有2个应填数字的单元格为空")
    # 自然人 column balance, （一） row total, 总计 column outcome total, 一 row total
    assert findings[0].message.endswith("涉及空白单元格的4条勾稽关系未核对")


def test_blank_table_is_one_finding_naming_a_few_cells():  # RuleSettings.blank_cells_named
    report = complete(AnnualReport.blank("大寨乡", 2023))
    blank = [f for f in check(report) if f.rule == "CELL.blank"]
    assert len(blank) == len(report.format.tables)  # once per table, not once per cell
    assert all(f.severity is Severity.WARNING for f in check(report))
    table_three = next(f for f in blank if f.message.startswith("表三"))
    assert "等175个单元格" in table_three.message
    short = check(report, settings=RuleSettings(blank_cells_named=1))
    assert next(f for f in short if f.message.startswith("表三")).message.count("列") == 1
