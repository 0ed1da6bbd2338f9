"""The override table: entering a year's notice by hand, correcting a day, the file format."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from gongkai.calendar import (
    ChineseCalendarSchedule,
    DayKind,
    DayOverride,
    HolidayScheduleError,
    HolidayScheduleFormatError,
    OverriddenSchedule,
    ScheduleOverrides,
    UnknownHolidayYearError,
    YearNotice,
    add_working_days,
    bundled_overrides,
    dump_overrides,
    is_working_day,
    load_overrides,
    parse_overrides,
    schedule_with_overrides,
)

NOTICE_2026 = Path(__file__).with_name("notice_2026.tsv")

# Made-up data for the tests only: 2027 has no notice yet (it would normally appear in November 2026).
TEST_2027 = """\
日期\t安排\t文号\t说明
2027\t全年\t测试用\t
2027-01-01\t放假\t测试用\t元旦
2027-02-06..2027-02-12\t放假\t测试用\t春节
2027-02-13\t上班\t测试用\t春节调休
"""


def _with(text: str) -> OverriddenSchedule:
    return OverriddenSchedule(ChineseCalendarSchedule(), parse_overrides(text))


def test_the_2026_notice_entered_as_a_complete_year_gives_the_same_days_as_the_library() -> None:
    # A complete year is answered from the table alone; the real 2026 notice must reproduce the library.
    library = ChineseCalendarSchedule()
    entered = OverriddenSchedule(None, load_overrides(NOTICE_2026))
    first = date(2026, 1, 1)
    for i in range(365):
        day = first + timedelta(days=i)
        assert entered.is_working_day(day) == library.is_working_day(day), day


def test_a_year_declared_complete_becomes_known() -> None:
    schedule = _with(TEST_2027)
    assert schedule.knows_year(2027)
    assert not schedule.is_working_day(date(2027, 2, 8))  # 春节 (test data)
    assert schedule.is_working_day(date(2027, 2, 13))  # Saturday 上班 (test data)
    # Across the year boundary: 12/31 (Thu) is the 1st, 1/1 is a holiday, 1/4 (Mon) the 2nd.
    assert add_working_days(date(2026, 12, 30), 2, schedule=schedule) == date(2027, 1, 4)


def test_days_without_the_complete_year_line_do_not_make_a_year_known() -> None:
    schedule = _with(TEST_2027.replace("2027\t全年\t测试用\t\n", ""))
    assert not schedule.knows_year(2027)
    with pytest.raises(UnknownHolidayYearError):
        schedule.is_working_day(date(2027, 3, 1))


def test_an_override_corrects_a_library_day() -> None:
    # An emergency change like the 2020 Spring Festival extension: a Monday made a holiday.
    schedule = _with("2026-06-22\t放假\t测试用\t临时调整\n")
    assert not schedule.is_working_day(date(2026, 6, 22))
    assert schedule.is_working_day(date(2026, 6, 23))
    assert is_working_day(date(2026, 6, 22))  # the default schedule is untouched


def test_the_schedule_is_passed_through_the_public_functions() -> None:
    schedule = _with(TEST_2027)
    assert is_working_day(date(2027, 1, 4), schedule=schedule)
    with pytest.raises(UnknownHolidayYearError):
        is_working_day(date(2027, 1, 4))


def test_dump_and_parse_round_trip_and_ranges_are_written_as_ranges() -> None:
    overrides = parse_overrides(TEST_2027)
    text = dump_overrides(overrides)
    assert "2027-02-06..2027-02-12\t放假\t测试用\t春节" in text
    assert parse_overrides(text) == overrides


def test_later_overrides_win_when_tables_are_combined() -> None:
    file_table = ScheduleOverrides.from_entries([DayOverride(date(2026, 6, 22), DayKind.OFF, "甲")])
    database = ScheduleOverrides.from_entries(
        [DayOverride(date(2026, 6, 22), DayKind.WORK, "乙")], [YearNotice(2027, "乙")]
    )
    combined = file_table.updated(database)
    assert combined.days[date(2026, 6, 22)].kind is DayKind.WORK
    assert 2027 in combined.complete_years


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("日期\t安排\n2027-02-30\t放假\n", 2, "YYYY-MM-DD"),
        ("2027-02-01\t值班\n", 1, "放假"),
        ("# 注释\n\n2027-02-01\n", 3, "制表符"),
        ("27\t全年\n", 1, "四位年份"),
        ("2027-02-05..2027-02-01\t放假\n", 1, "早于"),
    ],
)
def test_format_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(HolidayScheduleFormatError) as info:
        parse_overrides(text, source="x.tsv")
    assert info.value.line == line
    assert f"x.tsv第{line}行" in str(info.value)
    assert words in str(info.value)


def test_a_day_entered_twice_is_an_error() -> None:
    with pytest.raises(HolidayScheduleError, match="重复"):
        parse_overrides("2027-02-01\t放假\n2027-01-30..2027-02-02\t放假\n")


def test_the_bundled_table_parses() -> None:
    assert isinstance(bundled_overrides(), ScheduleOverrides)


def test_the_web_apps_table_goes_on_top_of_the_default_schedule() -> None:
    schedule = schedule_with_overrides(parse_overrides(TEST_2027))
    assert schedule.known_years() == frozenset(range(2004, 2028))
    assert add_working_days(date(2024, 1, 26), 20, schedule=schedule) == date(2024, 2, 28)
