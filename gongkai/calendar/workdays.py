"""Working-day arithmetic on a holiday schedule, counted the way Chinese procedural law counts periods.

"Within N working days of X": the day of X is not counted (期间开始之日不计算在期间内, 民法典 第二百零一条
and 民事诉讼法 第八十五条); the period ends at the end of the N-th working day after X. X itself need not
be a working day (an application confirmed on a Saturday starts counting on Monday).

Every function takes `schedule=`; without it the default schedule is used: `chinesecalendar` corrected
by the project's override file `gongkai/calendar/holiday_overrides.tsv`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from importlib import resources

from gongkai.calendar.overrides import parse_overrides
from gongkai.calendar.provisional import ProvisionalSchedule
from gongkai.calendar.schedule import (
    ChineseCalendarSchedule,
    HolidaySchedule,
    OverriddenSchedule,
    ScheduleOverrides,
)

__all__ = [
    "add_working_days",
    "bundled_overrides",
    "default_schedule",
    "is_working_day",
    "next_working_day",
    "roll_forward",
    "schedule_with_overrides",
    "working_days_between",
]

_ONE_DAY = timedelta(days=1)


def bundled_overrides() -> ScheduleOverrides:
    """The override table shipped with gongkai (`holiday_overrides.tsv` beside this module)."""
    text = resources.files("gongkai.calendar").joinpath("holiday_overrides.tsv").read_text("utf-8")
    return parse_overrides(text, source="holiday_overrides.tsv")


@cache
def default_schedule() -> HolidaySchedule:
    """`chinesecalendar` corrected by the bundled override table (built once)."""
    return OverriddenSchedule(ChineseCalendarSchedule(), bundled_overrides())


def schedule_with_overrides(overrides: ScheduleOverrides) -> HolidaySchedule:
    """The default schedule with `overrides` (for example the web app's table) on top of the bundled ones."""
    return OverriddenSchedule(ChineseCalendarSchedule(), bundled_overrides().updated(overrides))


def _schedule(schedule: HolidaySchedule | None) -> HolidaySchedule:
    return default_schedule() if schedule is None else schedule


def is_working_day(day: date, *, schedule: HolidaySchedule | None = None) -> bool:
    """Whether `day` is a working day (调休 weekend working days included, holidays excluded)."""
    return _schedule(schedule).is_working_day(day)


def add_working_days(
    start: date, n: int, *, schedule: HolidaySchedule | None = None, provisional: bool = False
) -> date:
    """The n-th working day after `start` (`start` itself not counted); `start` for n == 0.

    Raises `UnknownHolidayYearError` if `start` or any day counted lies in a year whose schedule is
    unknown; with `provisional=True` such a year (2004–2100) is counted on the 放假办法's rule instead
    (`gongkai.calendar.provisional.ProvisionalSchedule`) and the result is 暂定.
    """
    if n < 0:
        raise ValueError(f"工作日数不能为负数：{n}")
    sched = _schedule(schedule)
    if provisional:
        sched = ProvisionalSchedule(sched)
    sched.require_year(start.year)
    day = start
    counted = 0
    while counted < n:
        day += _ONE_DAY
        if sched.is_working_day(day):
            counted += 1
    return day


def next_working_day(day: date, *, schedule: HolidaySchedule | None = None) -> date:
    """The first working day after `day`."""
    return add_working_days(day, 1, schedule=schedule)


def roll_forward(day: date, *, schedule: HolidaySchedule | None = None) -> date:
    """`day` if it is a working day, else the first working day after it.

    For periods counted in calendar days or months: 期间届满的最后一日是法定休假日的，以法定休假日后的
    第一日为期间届满的日期 (民事诉讼法 第八十五条; 民法典 第二百零三条).
    """
    sched = _schedule(schedule)
    while not sched.is_working_day(day):
        day += _ONE_DAY
    return day


def working_days_between(a: date, b: date, *, schedule: HolidaySchedule | None = None) -> int:
    """The number of working days in (a, b]: after `a`, up to and including `b`.

    0 when a == b; negative (minus the count in (b, a]) when b is before a, so that
    `working_days_between(today, due)` is the working days left and goes below zero once overdue.
    """
    if b < a:
        return -working_days_between(b, a, schedule=schedule)
    sched = _schedule(schedule)
    sched.require_year(a.year)
    count = 0
    day = a
    while day < b:
        day += _ONE_DAY
        if sched.is_working_day(day):
            count += 1
    return count
