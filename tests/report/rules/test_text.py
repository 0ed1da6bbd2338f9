"""Rules on the text sections: required content, figures against the tables, the year spoken of."""

from __future__ import annotations

import pytest

from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import check
from tests.report.rules.builders import add_appeals, add_requests, complete


def with_overall(text: str, requests: int = 0, carried_in: int = 0) -> AnnualReport:
    report = complete(AnnualReport.zeros("某县人民政府", 2023))
    if requests:
        add_requests(report, "granted", requests)
    if carried_in:
        add_requests(report, "granted", carried_in, carried_in=True)
    report.sections["overall"] += "\n" + text
    return report


def figure_findings(report: AnnualReport) -> list[str]:
    return [f.message for f in check(report) if f.rule == "TXT.figure_mismatch"]


# ---------------------------------------------------------------- the seed


def test_seed_has_no_error_and_two_warnings(seed):  # tests/fixtures/reports/dazhai-2023.txt
    findings = check(seed)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    assert [f.rule for f in findings] == ["TXT.missing_subitem", "TXT.missing_subitem"]


def test_seed_lacks_platform_subitem(seed):  # 国办公开办函〔2021〕30号：总体情况涵盖政府信息公开平台建设
    [platform] = [f for f in check(seed) if f.rule == "TXT.missing_subitem" and "平台建设" in f.message]
    assert platform.message.startswith("“一、总体情况”未写到“政府信息公开平台建设”")
    assert platform.severity is Severity.WARNING


def test_seed_other_matters_lacks_processing_fee(seed):  # 国办函〔2020〕109号：信息处理费 to be stated, "无" is not
    [fee] = [f for f in check(seed) if f.rule == "TXT.missing_subitem" and "信息处理费" in f.message]
    assert fee.message.startswith("“六、其他需要报告的事项”只写了“无”")
    seed.sections["other"] = "本年度未收取信息处理费。"
    assert not [f for f in check(seed) if "信息处理费" in f.message]


def test_missing_subitem_kept_when_all_five_are_covered(seed):  # 条例 第五十条; 〔2021〕30号 一
    seed.sections["overall"] += "\n（五）平台建设\n加强政府门户网站建设。"
    assert [f.expected for f in check(seed)] == ["信息处理费收取情况"]


def test_empty_section_is_a_warning_once_not_per_subitem(seed):  # 条例 第五十条: six parts
    seed.sections["overall"] = " \n "
    findings = check(seed)
    assert [f.rule for f in findings] == ["TXT.empty_section", "TXT.missing_subitem"]
    assert findings[0].message == "“一、总体情况”没有内容"


# ---------------------------------------------------------------- figures in the text


def test_figure_mismatch_for_requests_received():  # 正文所述数字应与表三一致
    report = with_overall("2023年，我县共收到政府信息公开申请21件。", requests=20)
    [message] = figure_findings(report)
    assert message == (
        "“一、总体情况”写“我县共收到政府信息公开申请21件”，而表三“一、本年新收政府信息公开申请数量”行“总计”列为20"
    )
    assert figure_findings(with_overall("2023年，我县共收到政府信息公开申请21件。", requests=21)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理政府信息公开申请二十一件。",  # written in Chinese numerals
        "全年共收到21件政府信息公开申请。",  # the number first
        "本年度新收政府信息公开申请21件，较上年增加3件。",
    ],
)
def test_figure_mismatch_readings_of_a_whole_scope_statement(sentence):
    assert figure_findings(with_overall(sentence, requests=21)) == []
    assert len(figure_findings(with_overall(sentence, requests=19))) == 1


def test_figure_accepts_new_plus_carried_in():  # the text may count 上年结转 in
    text = "共收到政府信息公开申请21件。"
    assert figure_findings(with_overall(text, requests=18, carried_in=3)) == []
    assert figure_findings(with_overall(text, requests=21, carried_in=3)) == []
    [message] = figure_findings(with_overall(text, requests=17, carried_in=3))
    assert message.endswith("为17（加上年结转为20）")


@pytest.mark.parametrize(
    "sentence",
    [
        "共收到政府信息公开申请21件，其中网上申请5件。",
        "其中，通过信函方式收到申请2件。",
        "收到涉及征地拆迁的申请6件。",
        "收到企业申请4件。",
        "2022年共收到申请15件。",  # another year
        "1-6月共收到申请9件。",  # part of the year
    ],
)
def test_figure_narrower_statements_are_not_compared(sentence):  # only whole-scope statements
    assert figure_findings(with_overall(sentence, requests=21)) == []


def test_figure_statement_of_no_requests_against_the_table():  # "未收到政府信息公开申请"
    text = "2023年，我县未收到政府信息公开申请。"
    assert figure_findings(with_overall(text)) == []
    [message] = figure_findings(with_overall(text, requests=2))
    assert "写“我县未收到政府信息公开申请”" in message


def test_figure_statement_of_no_appeals_against_table_four(seed):  # 表四 行政复议、行政诉讼
    assert figure_findings(seed) == []  # the seed says none and its tables are all 0
    add_appeals(seed, "review")
    [message] = figure_findings(seed)
    assert message.startswith("“一、总体情况”写“未发生涉及政府信息公开申请的行政复议、行政诉讼、投诉举报案件”")
    assert message.endswith("而表四“行政复议·总计”为1")
    add_appeals(seed, "suit_after_review")
    assert len(figure_findings(seed)) == 2  # 行政诉讼 = 未经复议直接起诉 + 复议后起诉


def test_figure_counts_of_appeals():
    report = with_overall("本年度发生政府信息公开行政复议2件，行政诉讼1件。", requests=5)
    add_appeals(report, "review", n=2)
    add_appeals(report, "direct_suit")
    assert figure_findings(report) == []
    add_appeals(report, "direct_suit")
    [message] = figure_findings(report)
    assert message.endswith("表四“行政诉讼·未经复议直接起诉·总计”与表四“行政诉讼·复议后起诉·总计”之和为2")


# ---------------------------------------------------------------- the year spoken of


def test_other_year_as_the_reports_year():  # 统计期为报告年度1月1日至12月31日
    report = with_overall("2022年，我县政府信息公开工作取得新进展。")
    [found] = [f for f in check(report) if f.rule == "TXT.other_year"]
    assert found.message == (
        "“一、总体情况”以2022年为本年度叙述，如“2022年，我县政府信息公开工作取得新进展”；报告年度为2023年"
    )
    assert (found.expected, found.found, found.severity) == ("2023", "2022", Severity.WARNING)


@pytest.mark.parametrize(
    ("section", "sentence"),
    [
        ("overall", "2023年，我县政府信息公开工作取得新进展。"),
        ("overall", "2023年共收到申请3件，较2022年增长50%。"),
        ("overall", "2019年以来，我县持续推进基层政务公开标准化。"),
        ("overall", "2024年1月，我县召开年度工作会议。"),
        ("overall", "2024年，我县将继续深化政务公开。"),
        ("problems", "2024年，我县将进一步完善制度。"),
        ("problems", "2024年重点抓好政策解读。"),  # plans belong in 五
    ],
)
def test_other_year_allows_comparisons_and_plans(section, sentence):
    report = complete(AnnualReport.zeros("某县人民政府", 2023))
    report.sections[section] += "\n" + sentence
    assert [f for f in check(report) if f.rule == "TXT.other_year"] == []


def test_other_year_in_problems_copied_from_last_year(seed):  # 雷同：上年的"2022年，我乡……"
    seed.sections["problems"] = seed.sections["problems"].replace("2023年", "2022年")
    [found] = [f for f in check(seed) if f.rule == "TXT.other_year"]
    assert found.message.startswith("“五、存在的主要问题及改进情况”以2022年为本年度叙述")
