"""Holiday schedules: which days of a year are working days (工作日) in China.

Working days are Monday to Friday, minus statutory holidays (法定节假日) and the weekdays moved into a
holiday block, plus the weekend days the yearly 调休 notice makes working days (上班). The State
Council General Office publishes each year's arrangement as 《国务院办公厅关于X年部分节假日安排的
通知》 (国办发明电), usually in November of the year before (全国年节及纪念日放假办法 第六条、第七条).

A schedule answers only for the years it knows and raises `UnknownHolidayYearError` for the others:
a deadline computed on weekends alone would be silently wrong around every holiday.

- `ChineseCalendarSchedule`: the `chinesecalendar` package (2004–2026 at 1.11.0).
- `ScheduleOverrides`: a table of days (放假 / 上班, with the notice number) and of years declared
  complete, loaded from a file (`gongkai.calendar.overrides`) or from the web app's database.
- `OverriddenSchedule`: a base schedule corrected by overrides. A year an override table declares
  complete is answered from the table alone (days not listed follow the weekday rule); in other
  years the listed days correct the base (as for the 2020 Spring Festival extension).
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

import chinese_calendar  # type: ignore[import-untyped]

from gongkai.errors import GongkaiError

__all__ = [
    "ChineseCalendarSchedule",
    "DayKind",
    "DayOverride",
    "HolidaySchedule",
    "HolidayScheduleError",
    "OverriddenSchedule",
    "ScheduleOverrides",
    "UnknownHolidayYearError",
    "YearNotice",
    "describe_years",
]


class HolidayScheduleError(GongkaiError):
    """A holiday schedule cannot answer or is malformed."""


class UnknownHolidayYearError(HolidayScheduleError):
    """A date falls in a year whose official holiday arrangement has not been entered."""

    def __init__(self, year: int, known_years: Iterable[int] = ()) -> None:
        self.year = year
        self.known_years = tuple(sorted(known_years))
        known = describe_years(self.known_years) or "无"
        super().__init__(
            f"{year}年的法定节假日安排尚未录入，无法按工作日计算期限。"
            f"请依照《国务院办公厅关于{year}年部分节假日安排的通知》录入该年全部放假和调休上班日期，"
            f"并标记“{year}年全年已录入”（或升级 chinesecalendar）。已掌握的年份：{known}。"
        )


class DayKind(StrEnum):
    """What the holiday notice makes of a day."""

    OFF = "off"  # 放假: a holiday or a weekday moved into a holiday block
    WORK = "work"  # 上班: a working day, usually a 调休 weekend day

    @property
    def label(self) -> str:
        return "放假" if self is DayKind.OFF else "上班"

    @classmethod
    def parse(cls, text: str) -> DayKind:
        """Read `放假`/`休`/`off` or `上班`/`班`/`work`."""
        value = text.strip().lower()
        if value in {"放假", "休", "休息", "off", "holiday"}:
            return cls.OFF
        if value in {"上班", "班", "work", "workday"}:
            return cls.WORK
        raise ValueError(f"无法识别的安排“{text}”：应为“放假”或“上班”")


@dataclass(frozen=True)
class DayOverride:
    """One day of a notice: 放假 or 上班, and the notice that says so."""

    day: date
    kind: DayKind
    notice: str = ""  # e.g. 国办发明电〔2024〕12号
    note: str = ""  # e.g. 春节


@dataclass(frozen=True)
class YearNotice:
    """A year whose whole arrangement is in an override table (its 放假 and 上班 days are all listed)."""

    year: int
    notice: str = ""
    note: str = ""


def describe_years(years: Iterable[int]) -> str:
    """`2004—2026年、2028年`: the years as runs, for messages."""
    ordered = sorted(set(years))
    runs: list[tuple[int, int]] = []
    for year in ordered:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return "、".join(f"{a}年" if a == b else f"{a}—{b}年" for a, b in runs)


class HolidaySchedule(abc.ABC):
    """Knows, for some years, whether each day is a working day."""

    @abc.abstractmethod
    def knows_year(self, year: int) -> bool:
        """Whether the year's official arrangement is known."""

    @abc.abstractmethod
    def known_years(self) -> frozenset[int]:
        """Every year this schedule can answer for."""

    @abc.abstractmethod
    def _is_working_day(self, day: date) -> bool:
        """The answer for a day of a known year."""

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is a working day; raises `UnknownHolidayYearError` outside the known years."""
        self.require_year(day.year)
        return self._is_working_day(day)

    def is_provisional(self, year: int) -> bool:
        """Whether this schedule only estimates `year` (see `gongkai.calendar.provisional`)."""
        return False

    def require_year(self, year: int) -> None:
        if not self.knows_year(year):
            raise UnknownHolidayYearError(year, self.known_years())


def _weekday_rule(day: date) -> bool:
    return day.weekday() < 5


class ChineseCalendarSchedule(HolidaySchedule):
    """The schedules carried by the `chinesecalendar` package (its holidays and 调休 working days)."""

    def __init__(self) -> None:
        years = {d.year for d in chinese_calendar.holidays}
        self._years = frozenset(range(min(years), max(years) + 1))
        # chinese_calendar.is_workday's own answer, without its check of the year (a min() and a max() over
        # every holiday it knows, each call: 20 µs, most of a request list's time); the year is checked first
        self._holidays = frozenset(chinese_calendar.holidays)
        self._workdays = frozenset(chinese_calendar.workdays)

    def knows_year(self, year: int) -> bool:
        return year in self._years

    def known_years(self) -> frozenset[int]:
        return self._years

    def _is_working_day(self, day: date) -> bool:
        return day in self._workdays or (day.weekday() <= 4 and day not in self._holidays)


@dataclass(frozen=True)
class ScheduleOverrides:
    """Days and complete years entered by hand, each with its notice number.

    Build it with `from_entries`, from a file with `gongkai.calendar.overrides.load_overrides`, or from
    the web app's records.
    """

    days: Mapping[date, DayOverride] = field(default_factory=lambda: MappingProxyType({}))
    complete_years: Mapping[int, YearNotice] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_entries(
        cls, days: Iterable[DayOverride] = (), complete_years: Iterable[YearNotice] = ()
    ) -> ScheduleOverrides:
        """Index the entries; a day or year given twice is an error."""
        by_day: dict[date, DayOverride] = {}
        for entry in days:
            if entry.day in by_day:
                raise HolidayScheduleError(f"节假日安排中{entry.day.isoformat()}重复录入")
            by_day[entry.day] = entry
        by_year: dict[int, YearNotice] = {}
        for notice in complete_years:
            if notice.year in by_year:
                raise HolidayScheduleError(f"节假日安排中{notice.year}年的全年声明重复录入")
            by_year[notice.year] = notice
        return cls(MappingProxyType(by_day), MappingProxyType(by_year))

    def updated(self, other: ScheduleOverrides) -> ScheduleOverrides:
        """These overrides with `other`'s entries on top (for example the database over the file)."""
        return ScheduleOverrides(
            MappingProxyType({**self.days, **other.days}),
            MappingProxyType({**self.complete_years, **other.complete_years}),
        )

    def days_in_year(self, year: int) -> tuple[DayOverride, ...]:
        return tuple(sorted((o for o in self.days.values() if o.day.year == year), key=lambda o: o.day))


class OverriddenSchedule(HolidaySchedule):
    """A base schedule (or none) corrected and extended by an override table."""

    def __init__(self, base: HolidaySchedule | None, overrides: ScheduleOverrides) -> None:
        self.base = base
        self.overrides = overrides

    def knows_year(self, year: int) -> bool:
        return year in self.overrides.complete_years or (self.base is not None and self.base.knows_year(year))

    def known_years(self) -> frozenset[int]:
        base = self.base.known_years() if self.base is not None else frozenset()
        return base | frozenset(self.overrides.complete_years)

    def _is_working_day(self, day: date) -> bool:
        entry = self.overrides.days.get(day)
        if entry is not None:
            return entry.kind is DayKind.WORK
        if day.year in self.overrides.complete_years or self.base is None:
            return _weekday_rule(day)
        return self.base.is_working_day(day)
