"""How good is the provisional calendar? Rebuild 2025 and 2026 from the 放假办法's rule alone and compare.

For every start day of the year and each period the law counts in working days (7: 补正告知, 条例 第三十条;
15: a third party's opinion, 第三十二条; 20: the reply, 第三十三条, the publication limit, 第二十六条, and
the fee; 40: the reply extended by 20, 第三十三条第二款), the provisional date and the safe ("不晚于") date
are compared with the date on the real notice (chinesecalendar). Prints the share exact, within one
calendar day, and whether the safe date was ever later than the real one. Counts that would run into a
year the real calendar does not know (2027) are left out.

    .venv/bin/python benchmarks/measure_provisional_calendar.py [--years 2025 2026]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.calendar import (
    ChineseCalendarSchedule,
    HolidaySchedule,
    ProvisionalSchedule,
    SafeSchedule,
    UnknownHolidayYearError,
    add_working_days,
)

PERIODS = (7, 15, 20, 40)


class _Forgetting(HolidaySchedule):
    """The real calendar with `years` forgotten, so that the provisional rule must count them."""

    def __init__(self, real: HolidaySchedule, years: frozenset[int]) -> None:
        self.real, self.years = real, years

    def knows_year(self, year: int) -> bool:
        return year not in self.years and self.real.knows_year(year)

    def known_years(self) -> frozenset[int]:
        return self.real.known_years() - self.years

    def _is_working_day(self, day: date) -> bool:
        return self.real.is_working_day(day)


@dataclass
class Row:
    year: int
    n: int
    starts: int = 0
    exact: int = 0
    within_one: int = 0
    safe_exact: int = 0
    safe_later: int = 0
    safe_max_early: int = 0  # calendar days the safe date lies before the real one, at most


def measure(year: int, n: int) -> Row:
    """Every start day of `year` (the whole count kept inside `year` and the next, known, one)."""
    real = ChineseCalendarSchedule()
    forgetting = _Forgetting(real, frozenset({year}))
    provisional, safe = ProvisionalSchedule(forgetting), SafeSchedule(forgetting)
    row = Row(year, n)
    day = date(year, 1, 1) - timedelta(days=1)  # a count that starts on 31 December runs into the year
    while day.year <= year:
        try:
            truth = add_working_days(day, n, schedule=real)
        except UnknownHolidayYearError:  # runs into a year with no real notice to compare with
            break
        if truth.year == year or day.year == year:
            guess = add_working_days(day, n, schedule=provisional)
            bound = add_working_days(day, n, schedule=safe)
            row.starts += 1
            row.exact += guess == truth
            row.within_one += abs((guess - truth).days) <= 1
            row.safe_exact += bound == truth
            row.safe_later += bound > truth
            row.safe_max_early = max(row.safe_max_early, (truth - bound).days)
        day += timedelta(days=1)
    return row


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[2025, 2026])
    args = parser.parse_args(argv)
    print("| 年份 | N个工作日 | 起算日数 | 暂定日期准确 | 暂定日期相差≤1日 | 不晚于日期准确 | 不晚于日期晚于实际 "
          "| 不晚于最多提前（日） |")
    print("|---|---|---|---|---|---|---|---|")
    later = 0
    for year in args.years:
        for n in PERIODS:
            r = measure(year, n)
            later += r.safe_later
            print(f"| {r.year} | {r.n} | {r.starts} | {_pct(r.exact, r.starts)} | {_pct(r.within_one, r.starts)} | "
                  f"{_pct(r.safe_exact, r.starts)} | {r.safe_later} | {r.safe_max_early} |")
    print("不晚于日期从未晚于实际日期。" if later == 0 else f"不晚于日期有{later}次晚于实际日期！")
    return 0 if later == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
