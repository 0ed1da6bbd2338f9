"""The override file: holiday days and complete years typed in from the State Council notices.

Format: UTF-8 text, one entry per line, fields separated by tabs; blank lines and lines starting with
`#` are ignored, and so is a header line starting with `日期`. Fields:

    日期        安排    文号                    说明
    2027        全年    国办发明电〔2026〕N号    (declares the whole of 2027 entered)
    2027-01-01  放假    国办发明电〔2026〕N号    元旦
    2027-02-05..2027-02-11  放假  国办发明电〔2026〕N号  春节   (a range; `至` works too)
    2027-02-14  上班    国办发明电〔2026〕N号    春节调休

`安排` is `放假`, `上班` or `全年`; `文号` and `说明` may be empty. A year becomes known only with its
`全年` line: until then its days only correct the library (see `gongkai.calendar.schedule`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from gongkai.calendar.schedule import (
    DayKind,
    DayOverride,
    HolidayScheduleError,
    ScheduleOverrides,
    YearNotice,
)

__all__ = [
    "HolidayScheduleFormatError",
    "dump_overrides",
    "load_overrides",
    "parse_overrides",
]

COMPLETE_YEAR = "全年"
HEADER = "日期\t安排\t文号\t说明"


class HolidayScheduleFormatError(HolidayScheduleError):
    """A line of an override file cannot be read."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        self.source = source
        self.line = line
        super().__init__(f"{source}第{line}行：{problem}")


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"日期“{text}”应写作YYYY-MM-DD") from None


def _parse_days(text: str) -> list[date]:
    for sep in ("..", "至", "~"):
        if sep in text:
            first_text, last_text = text.split(sep, 1)
            first, last = _parse_day(first_text), _parse_day(last_text)
            if last < first:
                raise ValueError(f"区间“{text}”的结束日早于开始日")
            return [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [_parse_day(text)]


def parse_overrides(text: str, source: str = "节假日安排") -> ScheduleOverrides:
    """Read the override format from a string; `source` names it in error messages."""
    days: list[DayOverride] = []
    years: list[YearNotice] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("日期"):
            continue
        fields = [f.strip() for f in raw.rstrip("\r\n").split("\t")]
        if len(fields) < 2:
            raise HolidayScheduleFormatError(source, number, "至少需要“日期”和“安排”两栏，以制表符分隔")
        when, kind_text = fields[0], fields[1]
        notice = fields[2] if len(fields) > 2 else ""
        note = fields[3] if len(fields) > 3 else ""
        try:
            if kind_text == COMPLETE_YEAR:
                if not (when.isdigit() and len(when) == 4):
                    raise ValueError(f"“全年”一行的日期栏应为四位年份，而不是“{when}”")
                years.append(YearNotice(int(when), notice, note))
            else:
                kind = DayKind.parse(kind_text)
                days.extend(DayOverride(d, kind, notice, note) for d in _parse_days(when))
        except ValueError as exc:
            raise HolidayScheduleFormatError(source, number, str(exc)) from None
    try:
        return ScheduleOverrides.from_entries(days, years)
    except HolidayScheduleError as exc:
        raise HolidayScheduleError(f"{source}：{exc}") from None


def load_overrides(path: Path | str) -> ScheduleOverrides:
    """Read an override file."""
    file = Path(path)
    return parse_overrides(file.read_text(encoding="utf-8"), source=file.name)


def _runs(entries: Iterable[DayOverride]) -> list[tuple[date, date, DayOverride]]:
    """Consecutive days with the same kind, notice and note, as (first, last, sample)."""
    runs: list[tuple[date, date, DayOverride]] = []
    for entry in sorted(entries, key=lambda e: e.day):
        if runs:
            first, last, sample = runs[-1]
            same = (sample.kind, sample.notice, sample.note) == (entry.kind, entry.notice, entry.note)
            if same and entry.day == last + timedelta(days=1):
                runs[-1] = (first, entry.day, sample)
                continue
        runs.append((entry.day, entry.day, entry))
    return runs


def dump_overrides(overrides: ScheduleOverrides) -> str:
    """Write overrides in the file format (consecutive equal days as ranges); `parse_overrides` reads it."""
    lines = [HEADER]
    years = sorted(set(overrides.complete_years) | {d.year for d in overrides.days})
    for year in years:
        notice = overrides.complete_years.get(year)
        if notice is not None:
            lines.append("\t".join((str(year), COMPLETE_YEAR, notice.notice, notice.note)))
        for first, last, sample in _runs(overrides.days_in_year(year)):
            when = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
            lines.append("\t".join((when, sample.kind.label, sample.notice, sample.note)))
    return "\n".join(lines) + "\n"
