"""规章 from a body without rule-making power (立法法), and plausibility warnings."""

from __future__ import annotations

import pytest

from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import RuleSettings, can_make_rules_from_name, check
from tests.report.rules.builders import add_appeals, add_requests, complete


def with_rules(agency: str) -> AnnualReport:
    report = complete(AnnualReport.zeros(agency, 2023))
    report.set("art20_1", "rules", "issued", 2)
    report.set("art20_1", "rules", "in_force", 2)
    return report


def rules_of(report: AnnualReport, **kwargs) -> list[str]:
    return [f.rule for f in check(report, **kwargs)]


@pytest.mark.parametrize(
    ("agency", "can"),
    [
        ("大寨乡", False),
        ("大寨乡人民政府", False),
        ("某市某区某街道办事处", False),
        ("某县人民政府", False),
        ("某县教育局", False),
        ("北京市西城区人民政府", False),
        ("某市生态环境局", False),  # a department of a local government
        ("贵州省财政厅", False),
        ("贵州省住房和城乡建设厅", False),
        ("贵州省人民政府", True),
        ("广西壮族自治区人民政府", True),
        ("黔南布依族苗族自治州人民政府", True),
        ("广西壮族自治区南宁市青秀区人民政府", False),
        ("镇江市人民政府", None),  # 镇 in a city's name; a 市 may be 设区的市 or county-level
        ("某市人民政府", None),
        ("某省人民政府办公厅", None),
        ("住房和城乡建设部", None),  # a department of the State Council makes 规章
        ("国家税务总局", None),
        ("某某委员会", None),
    ],
)
def test_rulemaker_from_agency_name(agency, can):  # 立法法 第九十一条、第九十三条
    assert can_make_rules_from_name(agency) is can


def test_rules_not_rulemaker_township():  # 立法法：乡镇不能制定规章
    report = with_rules("大寨乡")
    [found] = check(report)
    assert (found.rule, found.severity) == ("T2.rules_not_rulemaker", Severity.WARNING)
    assert found.message.startswith(
        "表二（第二十条第（一）项）“规章”行“本年制发件数”列、表二（第二十条第（一）项）“规章”行“现行有效件数”列"
        "不为0，但大寨乡没有规章制定权"
    )
    assert check(complete(AnnualReport.zeros("大寨乡", 2023))) == []


def test_rules_not_rulemaker_by_explicit_setting():  # can_make_rules overrides the name
    assert rules_of(with_rules("某市人民政府")) == []  # undecided from the name: no warning
    assert rules_of(with_rules("某市人民政府"), can_make_rules=False) == ["T2.rules_not_rulemaker"]
    assert rules_of(with_rules("大寨乡"), can_make_rules=True) == []
    assert rules_of(with_rules("贵州省人民政府")) == []


def test_rules_not_rulemaker_in_2019_format():  # 〔2019〕60号 第二十条第（一）项 规章 row
    report = complete(AnnualReport.zeros("某县人民政府", 2020, "2019"))
    report.set("art20_1", "rules", "published", 1)
    assert rules_of(report) == ["T2.rules_not_rulemaker"]


def test_no_disclosure_with_many_requests():  # 合理性：予以公开+部分公开 = 0 with many requests
    report = complete(AnnualReport.zeros("某县人民政府", 2023))
    add_requests(report, "unable.not_held", 12)
    [found] = check(report)
    assert (found.rule, found.severity) == ("PLAUS.no_disclosure", Severity.WARNING)
    assert "表三“（七）总计”行“总计”列为12" in found.message
    add_requests(report, "partial", 1)
    assert check(report) == []


def test_no_disclosure_threshold_is_a_setting():  # RuleSettings.no_disclosure_min_requests
    report = complete(AnnualReport.zeros("某县人民政府", 2023))
    add_requests(report, "not_handled.repeat", 3)
    assert check(report) == []
    assert rules_of(report, settings=RuleSettings(no_disclosure_min_requests=3)) == ["PLAUS.no_disclosure"]


def test_appeals_exceeding_requests_handled():  # 合理性：复议诉讼数通常不超过办理的申请数
    report = complete(AnnualReport.zeros("某县人民政府", 2023))
    add_requests(report, "granted", 1)
    add_appeals(report, "review")
    add_appeals(report, "suit_after_review")  # the same matter as the review: not counted twice
    assert check(report) == []
    add_appeals(report, "direct_suit")
    [found] = check(report)
    assert (found.rule, found.expected, found.found) == ("PLAUS.appeals_exceed", "<= 1", "2")


def test_appeals_may_concern_last_years_requests():  # requests handled in this and earlier years
    last = complete(AnnualReport.zeros("某县人民政府", 2022))
    add_requests(last, "granted", 4)
    last.sections["problems"] = "上年的问题。"
    report = complete(AnnualReport.zeros("某县人民政府", 2023))
    add_appeals(report, "review", n=3)
    assert rules_of(report) == ["PLAUS.appeals_exceed"]
    assert rules_of(report, previous=last) == []
