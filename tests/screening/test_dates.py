"""Dates: impossible days, weekdays that do not match, and dates after the item's own date told as past."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.screening import ScreeningContext, Severity, screen_text
from gongkai.screening.rules.dates import mentions

from .conftest import texts_by_rule


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("会议定于2023年2月30日召开", "2023年2月没有30日"),
        ("2023年2月29日", "2023年2月没有29日"),  # 2023 is no leap year
        ("2023年4月31日", "2023年4月没有31日"),
        ("2024年13月", "月份“13”不存在"),
        ("二〇二三年二月三十日", "2023年2月没有30日"),  # 成文日期 in Chinese numerals
        ("2023-04-31", "2023年4月没有31日"),
    ],
)
def test_impossible_date_is_an_error(text: str, message: str) -> None:
    [finding] = screen_text(text)
    assert (finding.rule, finding.severity, finding.message) == ("date.impossible", Severity.ERROR, message)


@pytest.mark.parametrize(
    "text", ["2024年2月29日", "二〇二四年二月二十九日", "2024年12月31日", "2023年1-3月", "2024.02.29"]
)
def test_real_dates_are_not_reported(text: str) -> None:
    assert screen_text(text) == []


def test_weekday_that_does_not_match_the_date() -> None:
    [finding] = screen_text("定于2024年3月1日（星期四）上午9时召开")
    assert finding.rule == "date.weekday"
    assert finding.text == "2024年3月1日（星期四）"
    assert finding.suggestion == "星期五"
    assert screen_text("2024年2月9日（星期五）") == []
    assert screen_text("2024年2月11日（周日）") == []


ITEM = ScreeningContext(item_date=date(2024, 4, 10))


@pytest.mark.parametrize(
    "text",
    [
        "2025年3月，全县已完成老旧小区改造。",
        "截至2025年底，累计建成高标准农田2万亩。",
        "2025年以来，我县持续优化营商环境。",
        "该项目已于2024年6月1日竣工验收。",
    ],
)
def test_later_date_told_as_past_in_an_item_dated_2024(text: str) -> None:
    found = texts_by_rule(screen_text(text, context=ITEM))
    assert list(found) == ["date.after_item"]


@pytest.mark.parametrize(
    "text",
    [
        "各单位于2024年4月30日前完成整改。",
        "2025年将全面完成老旧小区改造任务。",
        "力争到2025年底，建成高标准农田2万亩。",
        "本办法自2024年5月1日起施行，有效期至2029年4月30日。",
        "2024年3月，全县已完成第一季度检查。",  # earlier than the item: fine
        "2023年以来，我县持续优化营商环境。",
    ],
)
def test_plans_deadlines_and_earlier_dates_are_not_reported(text: str) -> None:
    assert screen_text(text, context=ITEM) == []


def test_year_alone_as_context() -> None:
    text = "2025年3月，全县已完成老旧小区改造。"
    assert texts_by_rule(screen_text(text, context=ScreeningContext(year=2024))) == {"date.after_item": ["2025年3月"]}
    assert screen_text(text, context=ScreeningContext(year=2025)) == []
    assert screen_text(text) == []  # without a context there is nothing to compare with


def test_date_mentions_in_three_forms() -> None:
    found = [(m.year, m.month, m.day) for m in mentions("2024年3月1日、二〇二四年三月一日、2024-03-01、2025年")]
    assert sorted(found, key=str) == sorted([(2024, 3, 1), (2024, 3, 1), (2024, 3, 1), (2025, None, None)], key=str)
