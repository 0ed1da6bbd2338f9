"""China's working days (工作日): `chinesecalendar` plus an override table for the years it lacks.

    >>> from datetime import date
    >>> from gongkai.calendar import add_working_days
    >>> add_working_days(date(2024, 1, 26), 20)  # 春节 2月10日至17日; 2月4日、18日（周日）上班
    datetime.date(2024, 2, 28)

A date in a year whose official arrangement is unknown raises `UnknownHolidayYearError` (a
`GongkaiError`) with a message in Chinese naming the year; nothing falls back to weekends alone.
The web app builds `schedule_with_overrides(ScheduleOverrides.from_entries(...))` from its
administrator-edited table and passes it as `schedule=`; without it `default_schedule()` is used.
"""

from gongkai.calendar.overrides import (
    HolidayScheduleFormatError,
    dump_overrides,
    load_overrides,
    parse_overrides,
)
from gongkai.calendar.schedule import (
    ChineseCalendarSchedule,
    DayKind,
    DayOverride,
    HolidaySchedule,
    HolidayScheduleError,
    OverriddenSchedule,
    ScheduleOverrides,
    UnknownHolidayYearError,
    YearNotice,
)
from gongkai.calendar.workdays import (
    add_working_days,
    bundled_overrides,
    default_schedule,
    is_working_day,
    next_working_day,
    roll_forward,
    schedule_with_overrides,
    working_days_between,
)

__all__ = [
    "ChineseCalendarSchedule",
    "DayKind",
    "DayOverride",
    "HolidaySchedule",
    "HolidayScheduleError",
    "HolidayScheduleFormatError",
    "OverriddenSchedule",
    "ScheduleOverrides",
    "UnknownHolidayYearError",
    "YearNotice",
    "add_working_days",
    "bundled_overrides",
    "default_schedule",
    "dump_overrides",
    "is_working_day",
    "load_overrides",
    "next_working_day",
    "parse_overrides",
    "roll_forward",
    "schedule_with_overrides",
    "working_days_between",
]
