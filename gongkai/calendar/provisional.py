"""Provisional calendars for years whose holiday notice is not known, and how sure a derived date is.

- `ProvisionalSchedule(base)`: `base` for the years it knows; for any other year 2004–2100 the days of
  its notice entered so far, else the rule of `gongkai.calendar.statutory` (statutory days, 补假 and
  weekends). Its dates are 暂定.
- `SafeSchedule(base)`: as above, but in a provisional year every weekday that is not a statutory day,
  and every weekend day within `SAFE_WINDOW_DAYS` of one (where the notice may put a 调休 working day),
  counts as a working day (a weekend day next to a statutory day stays off). It has at least every
  working day the real notice can have, so a period counted on it never ends later than the real one:
  the "不晚于" bound of the agency's own deadlines (measured: benchmarks/measure_provisional_calendar.py).
- `DerivedDate`: a date with its `Certainty` (exact, provisional, unknown) and, where useful, that bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from gongkai.calendar.schedule import DayKind, HolidaySchedule, OverriddenSchedule, UnknownHolidayYearError
from gongkai.calendar.statutory import FIRST_YEAR, LAST_YEAR, festivals, rule_days_off

__all__ = [
    "SAFE_WINDOW_DAYS",
    "Certainty",
    "DerivedDate",
    "ProvisionalSchedule",
    "SafeSchedule",
    "chinese_date",
]

# 调休 working days fall on the weekends around a holiday block: in the 2019–2026 notices 2 to 9 days from
# a statutory day (2025-02-08, 2026-02-28 after 春节), never on a weekend day next to one, which stays
# part of the break. The window leaves a day's room.
SAFE_WINDOW_DAYS = 10


def chinese_date(day: date) -> str:
    """2027年1月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


class Certainty(StrEnum):
    EXACT = "exact"  # every day counted is in a year whose notice is known
    PROVISIONAL = "provisional"  # counted on the rule of the 放假办法: 暂定 until the notice is entered
    UNKNOWN = "unknown"  # cannot be computed yet (a pause still open) or outside 2004–2100

    @property
    def label(self) -> str:
        return {"exact": "确定", "provisional": "暂定", "unknown": "未定"}[self.value]


@dataclass(frozen=True)
class DerivedDate:
    """A date computed from recorded events, with how sure it is."""

    value: date | None
    certainty: Certainty
    safe: date | None = None  # 不晚于: never later than the real date (agency deadlines in a provisional year)

    @classmethod
    def of(cls, value: date | None, schedule: HolidaySchedule, safe: date | None = None) -> DerivedDate:
        """`value` computed on `schedule`: provisional if its year is one `schedule` only estimates."""
        if value is None:
            return cls(None, Certainty.UNKNOWN)
        if schedule.is_provisional(value.year):
            return cls(value, Certainty.PROVISIONAL, safe if safe is not None and safe < value else None)
        return cls(value, Certainty.EXACT)

    @property
    def provisional(self) -> bool:
        return self.certainty is Certainty.PROVISIONAL

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def text(self) -> str:
        """For staff: 2027年1月5日（暂定，不晚于2027年1月4日）; 未定 when unknown."""
        if self.value is None:
            return "未定"
        if not self.provisional:
            return chinese_date(self.value)
        bound = f"，不晚于{chinese_date(self.safe)}" if self.safe is not None else ""
        return f"{chinese_date(self.value)}（暂定{bound}）"

    @property
    def public_text(self) -> str:
        """For applicants and letters: 2027年1月5日（暂定）, without the internal bound."""
        if self.value is None:
            return "另行告知的日期"
        return f"{chinese_date(self.value)}（暂定）" if self.provisional else chinese_date(self.value)

    def __str__(self) -> str:
        return self.text


class ProvisionalSchedule(HolidaySchedule):
    """`base`, and the 放假办法's rule for every year 2004–2100 that `base` does not know."""

    def __init__(self, base: HolidaySchedule) -> None:
        self.base = base.base if isinstance(base, ProvisionalSchedule) else base
        # days of a notice entered before its year is complete: facts, used before the rule
        self._entered = self.base.overrides.days if isinstance(self.base, OverriddenSchedule) else {}

    def knows_year(self, year: int) -> bool:
        return self.base.knows_year(year) or FIRST_YEAR <= year <= LAST_YEAR

    def known_years(self) -> frozenset[int]:
        return self.base.known_years() | frozenset(range(FIRST_YEAR, LAST_YEAR + 1))

    def is_provisional(self, year: int) -> bool:
        return not self.base.knows_year(year) and FIRST_YEAR <= year <= LAST_YEAR

    def require_year(self, year: int) -> None:
        if not self.knows_year(year):
            raise UnknownHolidayYearError(year, self.base.known_years())

    def _is_working_day(self, day: date) -> bool:
        if self.base.knows_year(day.year):
            return self.base.is_working_day(day)
        entry = self._entered.get(day)
        if entry is not None:
            return entry.kind is DayKind.WORK
        return self._rule_working_day(day)

    def _rule_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in rule_days_off(day.year)


@cache
def _statutory_days(year: int) -> frozenset[date]:
    return frozenset(d for f in festivals(year) for d in f.days)


@cache
def _possible_working_weekends(year: int) -> frozenset[date]:
    statutory = _statutory_days(year)
    near = {d + timedelta(days=i) for d in statutory for i in range(-SAFE_WINDOW_DAYS, SAFE_WINDOW_DAYS + 1)}
    next_to = {d + timedelta(days=i) for d in statutory for i in (-1, 1)}
    return frozenset(d for d in near - next_to if d.weekday() >= 5 and d.year == year)


class SafeSchedule(ProvisionalSchedule):
    """A provisional schedule with every day that may turn out a working day counted as one."""

    def _rule_working_day(self, day: date) -> bool:
        if day in _statutory_days(day.year):
            return False
        return day.weekday() < 5 or day in _possible_working_weekends(day.year)
