"""The arithmetic identities (勾稽关系) of tables 三 and 四, read from the format."""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import check
from tests.report.rules.builders import add_appeals, add_requests, bump, complete


def rules_of(report: AnnualReport) -> list[str]:
    return [f.rule for f in check(report)]


def zeros(format_id: str = "2021") -> AnnualReport:
    return complete(AnnualReport.zeros("大寨乡", 2023 if format_id == "2021" else 2020, format_id))


def test_balance_rule_per_column():  # 表三表头：第一项加第二项之和，等于第三项加第四项之和
    report = zeros()
    add_requests(report, "granted", 3)
    add_requests(report, "carried_out", 1, carried_in=True)
    assert check(report) == []
    bump(report, "applications", "new", "natural_person")
    bump(report, "applications", "new", "total")
    balance = [f for f in check(report) if f.rule == "T3.balance"]
    assert [f.message for f in balance] == [
        "表三“自然人”列：第一项加第二项之和（5）不等于第三项（七）总计加第四项之和（4）",
        "表三“总计”列：第一项加第二项之和（5）不等于第三项（七）总计加第四项之和（4）",
    ]
    assert balance[0].severity is Severity.ERROR
    assert (balance[0].expected, balance[0].found) == ("4", "5")
    assert [str(c) for c in balance[1].cells] == [
        "applications.new.total",
        "applications.carried_in.total",
        "applications.total.total",
        "applications.carried_out.total",
    ]


def test_balance_rule_in_2019_trial_format():  # 国办公开办函〔2019〕60号 表三表头, same note
    report = zeros("2019")
    add_requests(report, "other", 2, "commercial")  # （六）其他处理 is one row in the trial format
    assert check(report) == []
    bump(report, "applications", "carried_out", "commercial")
    bump(report, "applications", "carried_out", "total")
    assert sorted(set(rules_of(report))) == ["T3.balance"]


def test_outcome_total_is_the_sum_of_every_outcome_row():  # 表三：（七）总计 = （一）至（六）各项之和
    report = zeros()
    add_requests(report, "other.other", 2, "research")
    add_requests(report, "withheld.state_secret", 1, "research")
    assert check(report) == []
    bump(report, "applications", "unable.not_held", "research")
    bump(report, "applications", "unable.not_held", "total")
    found = [f for f in check(report) if f.rule == "T3.outcome_total"]
    assert [f.message for f in found] == [
        "表三“法人或其他组织·科研机构”列：第三项（七）总计（3）不等于第三项（一）至（六）各项之和（4）",
        "表三“总计”列：第三项（七）总计（3）不等于第三项（一）至（六）各项之和（4）",
    ]
    assert len(found[0].cells) == 1 + 21  # 国办公开办函〔2021〕30号: 21 outcome rows


def test_outcome_total_in_2019_trial_format_counts_the_single_other_row():  # 〔2019〕60号: （六）其他处理 one row
    report = zeros("2019")
    add_requests(report, "other", 1)
    assert check(report) == []
    found = [f for f in check(report) if f.rule == "T3.outcome_total"]
    assert found == []
    bump(report, "applications", "total", "natural_person")
    bump(report, "applications", "total", "total")
    found = [f for f in check(report) if f.rule == "T3.outcome_total"]
    assert len(found) == 2 and len(found[0].cells) == 1 + 19


def test_applicant_total_for_every_row():  # 表三：总计 = 自然人 + 法人或其他组织五列
    report = zeros()
    add_requests(report, "partial", 2, "legal_services")
    assert check(report) == []
    bump(report, "applications", "partial", "other_org")
    findings = [f for f in check(report) if f.rule == "T3.applicant_total"]
    assert [f.message for f in findings] == [
        "表三“（二）部分公开”行：总计（2）不等于自然人加法人或其他组织（商业企业、科研机构、社会公益组织、"
        "法律服务机构、其他）之和（3）"
    ]


def test_appeals_group_total():  # 表四：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
    report = zeros()
    add_requests(report, "granted", 5)
    add_appeals(report, "review", "corrected")
    add_appeals(report, "suit_after_review", "pending")
    assert check(report) == []
    bump(report, "appeals", "cases", "direct_suit.total", 2)
    findings = [f for f in check(report) if f.rule == "T4.group_total"]
    assert [f.message for f in findings] == [
        "表四“行政诉讼·未经复议直接起诉”：总计（2）不等于结果维持、结果纠正、其他结果、尚未审结之和（0）"
    ]
    assert findings[0].severity is Severity.ERROR


def test_every_table_three_cell_is_covered_by_an_identity():  # 勾稽关系 leave no cell of 表三/表四 unchecked
    for format_id in ("2021", "2019"):
        report = zeros(format_id)
        for ref in report.format.table("applications").cells() + report.format.table("appeals").cells():
            changed = zeros(format_id)
            changed.cells[ref] = 1
            assert any(f.severity is Severity.ERROR for f in check(changed)), ref
        assert check(report) == []
