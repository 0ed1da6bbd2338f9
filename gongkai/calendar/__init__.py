"""China's working days (工作日): `chinesecalendar` plus an override table for the years it lacks.

    >>> from datetime import date
    >>> from gongkai.calendar import add_working_days
    >>> add_working_days(date(2024, 1, 26), 20)  # 春节 2月10日至17日; 2月4日、18日（周日）上班
    datetime.date(2024, 2, 28)

A date in a year whose official arrangement is unknown raises `UnknownHolidayYearError` (a
`GongkaiError`) with a message in Chinese naming the year; nothing falls back to weekends alone.
Asked for it, the 放假办法's rule gives a provisional (暂定) date for any year 2004–2100:

    >>> add_working_days(date(2026, 12, 5), 20, provisional=True)  # 2027: 元旦 1月1日 only
    datetime.date(2027, 1, 4)

`DerivedDate` carries a date with its `Certainty` and, for the agency's own deadlines, a safe bound
counted on `SafeSchedule` (see `gongkai.calendar.provisional`).
The web app builds `schedule_with_overrides(ScheduleOverrides.from_entries(...))` from its
administrator-edited table and passes it as `schedule=`; without it `default_schedule()` is used.
"""

from gongkai.calendar.overrides import (
    HolidayScheduleFormatError,
    dump_overrides,
    load_overrides,
    parse_overrides,
)
from gongkai.calendar.provisional import (
    Certainty,
    DerivedDate,
    ProvisionalSchedule,
    SafeSchedule,
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
    "Certainty",
    "ChineseCalendarSchedule",
    "DayKind",
    "DayOverride",
    "DerivedDate",
    "HolidaySchedule",
    "HolidayScheduleError",
    "HolidayScheduleFormatError",
    "OverriddenSchedule",
    "ProvisionalSchedule",
    "SafeSchedule",
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
