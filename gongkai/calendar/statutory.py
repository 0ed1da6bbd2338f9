"""The statutory holidays of any year 2004–2100, from 《全国年节及纪念日放假办法》 alone.

The 2024 revision (国务院令第795号, in force 2025-01-01) gives everyone 13 days off (第二条):
元旦 1月1日; 春节 农历除夕、正月初一至初三 (4 days); 清明节 (the solar term, 1 day); 劳动节 5月1日、2日;
端午节 农历五月初五; 中秋节 农历八月十五; 国庆节 10月1日至3日. 第六条: a statutory day falling on a
Saturday or Sunday is made up (补假) on a working day. What the yearly notice adds (调休: weekdays moved
into a block and weekend days worked instead) cannot be known in advance, so this rule has none.

A statutory day that coincides with another (中秋 on 1–3 October) is made up like one on a weekend.
Lunar dates and the 清明 solar term come from `lunar_python` (pinned in pyproject.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar  # type: ignore[import-untyped]

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "RULE",
    "Festival",
    "compensatory_days",
    "festivals",
    "rule_days_off",
]

RULE = "《全国年节及纪念日放假办法》（2024年修订）"
FIRST_YEAR, LAST_YEAR = 2004, 2100
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Festival:
    """One festival's statutory days off (第二条) in a year."""

    name: str
    days: tuple[date, ...]


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    """The day of the 清明 solar term (Beijing time) in `year`."""
    solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@cache
def festivals(year: int) -> tuple[Festival, ...]:
    """The seven festivals of `year` with their 13 statutory days, in date order."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"暂定节假日只能推算{FIRST_YEAR}—{LAST_YEAR}年，不能推算{year}年")
    new_year = _lunar(year, 1, 1)
    return (
        Festival("元旦", (date(year, 1, 1),)),
        Festival("春节", tuple(new_year + timedelta(days=i) for i in range(-1, 3))),
        Festival("清明节", (_qingming(year),)),
        Festival("劳动节", (date(year, 5, 1), date(year, 5, 2))),
        Festival("端午节", (_lunar(year, 5, 5),)),
        Festival("中秋节", (_lunar(year, 8, 15),)),
        Festival("国庆节", (date(year, 10, 1), date(year, 10, 2), date(year, 10, 3))),
    )


@cache
def compensatory_days(year: int) -> dict[date, str]:
    """第六条 补假: for each statutory day on a weekend (or on another statutory day), the next free weekday
    after the festival, with the festival's name."""
    statutory = {d for f in festivals(year) for d in f.days}
    made_up: dict[date, str] = {}
    taken: set[date] = set()
    for festival in sorted(festivals(year), key=lambda f: f.days[0]):
        owed = 0
        for day in festival.days:
            if day.weekday() >= 5 or day in taken:
                owed += 1
            taken.add(day)
        day = festival.days[-1]
        while owed:
            day += _ONE_DAY
            if day.weekday() < 5 and day not in statutory and day not in made_up:
                made_up[day] = festival.name
                owed -= 1
    return made_up


@cache
def rule_days_off(year: int) -> dict[date, str]:
    """Every weekday off under the rule alone (statutory days and 补假), with the festival's name."""
    off = {d: f.name for f in festivals(year) for d in f.days if d.weekday() < 5}
    off.update({d: f"{name}补假" for d, name in compensatory_days(year).items()})
    return off
