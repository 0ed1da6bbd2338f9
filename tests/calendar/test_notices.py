"""The default schedule against the State Council's yearly holiday notices, every day of the year.

Each notice is written out below as its text gives it: the holiday blocks (放假) and the weekend days
made working days (上班). Every other Monday–Friday is a working day, every other weekend day is not.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.calendar import UnknownHolidayYearError, default_schedule, is_working_day

Block = tuple[date, date]
Notice = tuple[tuple[Block, ...], tuple[date, ...]]

# 国办发明电〔2023〕7号 (2024): 元旦 1月1日; 春节 2月10日至17日, 2月4日（星期日）、2月18日（星期日）上班;
# 清明 4月4日至6日, 4月7日（星期日）上班; 劳动节 5月1日至5日, 4月28日（星期日）、5月11日（星期六）上班;
# 端午 6月10日; 中秋 9月15日至17日, 9月14日（星期六）上班; 国庆 10月1日至7日, 9月29日（星期日）、
# 10月12日（星期六）上班.
NOTICE_2024: Notice = (
    (
        (date(2024, 1, 1), date(2024, 1, 1)),
        (date(2024, 2, 10), date(2024, 2, 17)),
        (date(2024, 4, 4), date(2024, 4, 6)),
        (date(2024, 5, 1), date(2024, 5, 5)),
        (date(2024, 6, 10), date(2024, 6, 10)),
        (date(2024, 9, 15), date(2024, 9, 17)),
        (date(2024, 10, 1), date(2024, 10, 7)),
    ),
    (
        date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28), date(2024, 5, 11),
        date(2024, 9, 14), date(2024, 9, 29), date(2024, 10, 12),
    ),
)

# 国办发明电〔2024〕12号 (2025, of 2024-11-12): 元旦 1月1日; 春节 1月28日至2月4日, 1月26日（周日）、
# 2月8日（周六）上班; 清明 4月4日至6日; 劳动节 5月1日至5日, 4月27日（周日）上班; 端午 5月31日至6月2日;
# 国庆节、中秋节 10月1日至8日, 9月28日（周日）、10月11日（周六）上班.
NOTICE_2025: Notice = (
    (
        (date(2025, 1, 1), date(2025, 1, 1)),
        (date(2025, 1, 28), date(2025, 2, 4)),
        (date(2025, 4, 4), date(2025, 4, 6)),
        (date(2025, 5, 1), date(2025, 5, 5)),
        (date(2025, 5, 31), date(2025, 6, 2)),
        (date(2025, 10, 1), date(2025, 10, 8)),
    ),
    (date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11)),
)

# 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 元旦 1月1日至3日, 1月4日（周日）上班; 春节
# 2月15日至23日, 2月14日（周六）、2月28日（周六）上班; 清明 4月4日至6日; 劳动节 5月1日至5日, 5月9日（周六）
# 上班; 端午 6月19日至21日; 中秋 9月25日至27日; 国庆 10月1日至7日, 9月20日（周日）、10月10日（周六）上班.
NOTICE_2026: Notice = (
    (
        (date(2026, 1, 1), date(2026, 1, 3)),
        (date(2026, 2, 15), date(2026, 2, 23)),
        (date(2026, 4, 4), date(2026, 4, 6)),
        (date(2026, 5, 1), date(2026, 5, 5)),
        (date(2026, 6, 19), date(2026, 6, 21)),
        (date(2026, 9, 25), date(2026, 9, 27)),
        (date(2026, 10, 1), date(2026, 10, 7)),
    ),
    (date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)),
)


def _expected_working(day: date, notice: Notice) -> bool:
    blocks, work_days = notice
    if day in work_days:
        return True
    if any(first <= day <= last for first, last in blocks):
        return False
    return day.weekday() < 5


def _days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize(
    ("year", "notice"),
    [(2024, NOTICE_2024), (2025, NOTICE_2025), (2026, NOTICE_2026)],
    ids=["国办发明电〔2023〕7号", "国办发明电〔2024〕12号", "2025-11-04通知"],
)
def test_schedule_matches_the_state_council_notice(year: int, notice: Notice) -> None:
    wrong = [d for d in _days_of(year) if is_working_day(d) != _expected_working(d, notice)]
    assert wrong == []


def test_weekend_working_days_of_the_notices_are_weekends() -> None:
    # 调休: every 上班 day of the notices is a Saturday or Sunday (全国年节及纪念日放假办法 第七条)
    for _, work_days in (NOTICE_2024, NOTICE_2025, NOTICE_2026):
        assert all(d.weekday() >= 5 for d in work_days)


def test_2020_spring_festival_extension_is_in_the_library() -> None:
    # The 2020 holiday was extended to 2 February by an emergency notice: 31 January (Fri) was a holiday.
    assert not is_working_day(date(2020, 1, 31))
    assert is_working_day(date(2020, 2, 3))


def test_known_years_are_2004_to_2026() -> None:
    assert default_schedule().known_years() == frozenset(range(2004, 2027))


@pytest.mark.parametrize("day", [date(2027, 1, 4), date(2003, 12, 31), date(2030, 6, 3)])
def test_a_day_in_an_unknown_year_raises_naming_the_year(day: date) -> None:
    with pytest.raises(UnknownHolidayYearError) as info:
        is_working_day(day)
    assert f"{day.year}年的法定节假日安排尚未录入" in str(info.value)
    assert info.value.year == day.year
