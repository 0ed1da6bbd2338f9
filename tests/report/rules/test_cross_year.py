"""Rules across years: carry-over, 现行有效件数 continuity, text repeated from last year (雷同)."""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import RuleSettings, check
from tests.report.rules.builders import DAZHAI_OVERALL, DAZHAI_PROBLEMS, add_requests, complete, dazhai_2023


def pair() -> tuple[AnnualReport, AnnualReport]:
    """Last year's and this year's report of one agency, both consistent, 2 requests carried over."""
    last = complete(AnnualReport.zeros("某县人民政府", 2022))
    add_requests(last, "granted", 3)
    add_requests(last, "carried_out", 2, "commercial")
    this = complete(AnnualReport.zeros("某县人民政府", 2023))
    add_requests(this, "granted", 2, "commercial", carried_in=True)
    this.sections["problems"] = "今年将进一步完善目录。"
    return last, this


def test_carry_over_equals_last_years_carried_out():  # 表三 二、上年结转 = 上年表三 四、结转下年度继续办理
    last, this = pair()
    assert check(this, previous=last) == []
    add_requests(this, "granted", 1, "commercial", carried_in=True)
    findings = check(this, previous=last)
    assert [f.rule for f in findings] == ["XY.carry_over", "XY.carry_over"]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert findings[0].message == (
        "表三“法人或其他组织·商业企业”列：“二、上年结转政府信息公开申请数量”为3，"
        "而2022年报告的“四、结转下年度继续办理”为2"
    )
    assert (findings[1].expected, findings[1].found) == ("2", "3")


def test_carry_over_from_a_2019_format_report():  # 2020 report (〔2019〕60号) → 2021 report
    last = complete(AnnualReport.zeros("某县人民政府", 2020, "2019"))
    add_requests(last, "carried_out", 1)
    this = complete(AnnualReport.zeros("某县人民政府", 2021))
    this.sections["problems"] = "今年将进一步完善目录。"
    assert [f.rule for f in check(this, previous=last)] == ["XY.carry_over", "XY.carry_over"]
    add_requests(this, "granted", 1, carried_in=True)
    assert check(this, previous=last) == []


def test_in_force_moves_by_issued_minus_abolished():  # 第二十条第（一）项：现行有效 = 上年 + 制发 − 废止
    last, this = pair()
    last.set("art20_1", "normative_documents", "in_force", 10)
    this.set("art20_1", "normative_documents", "issued", 3)
    this.set("art20_1", "normative_documents", "abolished", 1)
    this.set("art20_1", "normative_documents", "in_force", 12)
    assert check(this, previous=last) == []
    this.set("art20_1", "normative_documents", "in_force", 11)  # one lapsed at the end of its term, perhaps
    [found] = check(this, previous=last)
    assert (found.rule, found.severity) == ("XY.in_force", Severity.WARNING)  # a warning to explain, not an error
    assert (found.expected, found.found) == ("12", "11")
    assert "“行政规范性文件”：上年现行有效10件，加本年制发3件，减本年废止1件，应为12件" in found.message


def test_in_force_only_between_two_2021_format_reports():  # the 2019 format has no 现行有效件数
    last = complete(AnnualReport.zeros("某县人民政府", 2020, "2019"))
    last.set("art20_1", "normative_documents", "public_total", 10)
    this = complete(AnnualReport.zeros("某县人民政府", 2021))
    this.sections["problems"] = "今年将进一步完善目录。"
    this.set("art20_1", "normative_documents", "in_force", 4)
    assert check(this, previous=last) == []


def test_previous_report_of_another_year_is_not_compared():  # 跨年度核对 needs the report of year − 1
    last, this = pair()
    last.year = 2021
    findings = check(this, previous=last)
    assert [f.rule for f in findings] == ["XY.not_previous_year"]


def test_repeated_text_counts_sentences_copied_with_the_year_changed():  # 〔2021〕30号（四）：内容雷同 被追责
    last = dazhai_2023()
    last.year = 2022
    last.sections["overall"] = DAZHAI_OVERALL.replace("2023", "2022")
    last.sections["problems"] = DAZHAI_PROBLEMS.replace("2023", "2022")
    this = dazhai_2023()
    findings = [f for f in check(this, previous=last) if f.rule == "XY.repeated_text"]
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert findings[0].message.startswith("“一、总体情况”")
    assert "（100%，不计年份）" in findings[0].message
    assert findings[1].message.startswith("“五、存在的主要问题及改进情况”")


def test_repeated_text_below_threshold_is_not_reported():  # RuleSettings.repeated_text_threshold
    last = dazhai_2023()
    last.year = 2022
    this = dazhai_2023()
    sentences = DAZHAI_PROBLEMS.split("。")
    this.sections["problems"] = "。".join(sentences[:2] + [f"新的改进措施第{i}条已经落实到位" for i in range(6)]) + "。"
    this.sections["overall"] = "本年度我乡新建了政务公开专区并完成了主动公开目录的全面梳理。"
    assert [f for f in check(this, previous=last) if f.rule == "XY.repeated_text"] == []
    strict = check(this, previous=last, settings=RuleSettings(repeated_text_threshold=0.2))
    [found] = [f for f in strict if f.rule == "XY.repeated_text"]
    assert found.found == "25%" and "8句中有2句与2022年报告相同" in found.message
