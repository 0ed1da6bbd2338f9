"""What a report must state by the agency's kind (条例 第五十条): a 人民政府 states the results of 工作考核、
社会评议 and 责任追究, each of the three; any one word used to pass."""

from __future__ import annotations

import pytest

from gongkai.report.model import AnnualReport
from gongkai.report.rules import check
from gongkai.report.rules.agency import is_government_from_name

OVERALL = "（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）平台建设\n（五）监督保障\n{oversight}"


def _report(agency: str, oversight: str) -> AnnualReport:
    report = AnnualReport.zeros(agency, 2025)
    report.sections.update(overall=OVERALL.format(oversight=oversight), problems="下一步将加强培训。",
                           other="本年度未收取信息处理费。")
    return report


def _oversight(report: AnnualReport) -> list[str]:
    return [f.message for f in check(report) if f.rule == "TXT.government_oversight"]


def test_a_government_report_with_only_one_of_the_three_is_flagged() -> None:  # 条例 第五十条
    [message] = _oversight(_report("某县人民政府", "将政府信息公开工作纳入绩效考核。"))
    assert message.endswith("未写到：社会评议、责任追究")
    assert "条例第五十条" in message


def test_a_government_report_stating_all_three_passes() -> None:
    assert _oversight(_report("大寨乡", "纳入绩效考核；开展社会评议；未发生责任追究情形。")) == []


def test_a_department_is_not_held_to_the_government_duty() -> None:
    assert _oversight(_report("某县财政局", "将政府信息公开工作纳入绩效考核。")) == []


@pytest.mark.parametrize(("name", "government"), [
    ("某县人民政府", True), ("贵州省人民政府", True), ("大寨乡", True), ("大寨乡人民政府", True),
    ("某县人民政府办公室", False), ("某县财政局", False), ("某街道", False), ("某县住房和城乡建设局", False),
])
def test_governments_are_told_from_their_names(name: str, government: bool) -> None:
    assert is_government_from_name(name) is government
