"""The provisional calendar: 《全国年节及纪念日放假办法》（2024年修订） for a year whose notice is not entered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.calendar import (
    Certainty,
    DerivedDate,
    ProvisionalSchedule,
    SafeSchedule,
    UnknownHolidayYearError,
    add_working_days,
    default_schedule,
)
from gongkai.calendar.statutory import compensatory_days, festivals, rule_days_off


def _days(year: int) -> dict[str, tuple[date, ...]]:
    return {f.name: f.days for f in festivals(year)}


def test_thirteen_statutory_days_of_2027() -> None:
    """第二条: 元旦1、春节4（除夕、初一至初三）、清明1、劳动节2、端午1、中秋1、国庆3."""
    days = _days(2027)
    assert sum(len(d) for d in days.values()) == 13
    assert days["元旦"] == (date(2027, 1, 1),)
    assert days["春节"] == tuple(date(2027, 2, d) for d in (5, 6, 7, 8))  # 除夕 2月5日, 初一 2月6日
    assert days["清明节"] == (date(2027, 4, 5),)  # the solar term, not a fixed day
    assert days["劳动节"] == (date(2027, 5, 1), date(2027, 5, 2))
    assert days["端午节"] == (date(2027, 6, 9),)
    assert days["中秋节"] == (date(2027, 9, 15),)
    assert days["国庆节"] == (date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3))


@pytest.mark.parametrize(("year", "qingming"), [(2025, date(2025, 4, 4)), (2026, date(2026, 4, 5)),
                                                 (2008, date(2008, 4, 4)), (2100, date(2100, 4, 5))])
def test_qingming_is_the_solar_term(year: int, qingming: date) -> None:
    assert _days(year)["清明节"] == (qingming,)


def test_made_up_days_follow_a_weekend_festival() -> None:
    """第六条: a statutory day on a Saturday or Sunday is made up on the next working day."""
    # 2027: 春节 2月6日（六）、7日（日） → 2月9日、10日; 劳动节 5月1日（六）、2日（日） → 5月3日、4日;
    # 国庆 10月2日（六）、3日（日） → 10月4日、5日
    made_up = compensatory_days(2027)
    assert made_up == {
        date(2027, 2, 9): "春节", date(2027, 2, 10): "春节",
        date(2027, 5, 3): "劳动节", date(2027, 5, 4): "劳动节",
        date(2027, 10, 4): "国庆节", date(2027, 10, 5): "国庆节",
    }
    # 2026 matches the real notice where it made days up: 清明 4月5日（日） → 4月6日（一）
    assert date(2026, 4, 6) in compensatory_days(2026)


def test_rule_never_takes_a_day_off_the_real_notice_does_not() -> None:
    """Every day the rule gives off was off in the real 2025 and 2026 notices."""
    real = default_schedule()
    for year in (2025, 2026):
        assert [d for d in rule_days_off(year) if real.is_working_day(d)] == []


def test_add_working_days_refuses_unknown_year_unless_provisional() -> None:
    """API (issue 11 point 7): unknown years still raise; provisional=True counts on the rule."""
    with pytest.raises(UnknownHolidayYearError):
        add_working_days(date(2026, 12, 5), 20)
    assert add_working_days(date(2026, 12, 5), 20, provisional=True) == date(2027, 1, 4)
    assert add_working_days(date(2099, 12, 20), 20, provisional=True).year == 2100
    with pytest.raises(UnknownHolidayYearError):
        add_working_days(date(2100, 12, 20), 20, provisional=True)


def test_provisional_schedule_answers_known_years_from_the_base() -> None:
    base = default_schedule()
    provisional = ProvisionalSchedule(base)
    assert not provisional.is_provisional(2026) and provisional.is_provisional(2027)
    day = date(2026, 1, 1)
    for _ in range(365):
        assert provisional.is_working_day(day) == base.is_working_day(day)
        day += timedelta(days=1)


def test_safe_schedule_counts_weekends_near_holidays_as_possible_working_days() -> None:
    safe = SafeSchedule(default_schedule())
    assert safe.is_working_day(date(2027, 2, 13))  # a Saturday a week after 春节: may be 调休上班
    assert not safe.is_working_day(date(2027, 7, 10))  # a Saturday far from any festival
    assert not safe.is_working_day(date(2027, 2, 8))  # 正月初二: a statutory day is always off


def test_derived_date_wording() -> None:
    schedule = ProvisionalSchedule(default_schedule())
    exact = DerivedDate.of(date(2026, 12, 29), schedule)
    provisional = DerivedDate.of(date(2027, 1, 5), schedule, safe=date(2027, 1, 4))
    assert (exact.certainty, exact.text) == (Certainty.EXACT, "2026年12月29日")
    assert provisional.text == "2027年1月5日（暂定，不晚于2027年1月4日）"
    assert provisional.public_text == "2027年1月5日（暂定）"
    assert DerivedDate.of(None, schedule).public_text == "另行告知的日期"  # never a dash
