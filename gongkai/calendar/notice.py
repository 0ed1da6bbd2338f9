"""A year's State Council holiday notice: read from its own sentences or from ranges, checked against the 放假办法.

`parse_notice(year, text)` reads either form, line by line:

- the notice's sentences: "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。"
  (a sentence with 放假 gives days off, one with 上班 working days; a range's end may omit its month,
  and a "共N天" is checked against the range);
- ranges or days in the override file's form: "2027-02-05..2027-02-11	放假	…	春节", "2027-02-14 上班".

`check_notice(year, days)` lists in Chinese what keeps the entry from being the whole year: a statutory
day not off (第二条), a statutory day on a weekend not made up (第六条), or a working stretch longer than
the revised 放假办法's arrangements allow (调休后连续工作一般不超过6天). An empty list: it can be marked
全年已录入.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.calendar.overrides import parse_overrides
from gongkai.calendar.schedule import DayKind, DayOverride, HolidayScheduleError
from gongkai.calendar.statutory import LAST_YEAR, festivals

__all__ = ["FIRST_CHECKED_YEAR", "MAX_WORKING_STRETCH", "NoticeProblem", "check_notice", "parse_notice"]

FIRST_CHECKED_YEAR = 2025  # the 2024 revision's first year; earlier years come with chinesecalendar
MAX_WORKING_STRETCH = 6  # days in a row, the principle of the 2024 revision (2025 and 2026 notices: 5 and 6)
_WEEKDAYS = "一二三四五六日"
_DAY = r"(?:(\d{1,2})月)?(\d{1,2})日(?:（[^）]*）)?"
_RANGE = re.compile(_DAY + r"(?:\s*(?:至|—|-|–|~)\s*" + _DAY + r")?")
_TOTAL = re.compile(r"共(\d+)天")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、\s*([^：:]+)[：:]")
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")


class NoticeProblem(HolidayScheduleError):
    """The text of a notice cannot be read."""


@dataclass(frozen=True)
class _Sentence:
    name: str
    text: str


def _sentences(text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        name = heading.group(1).strip() if heading else ""
        body = line[heading.end():] if heading else line
        out.extend(_Sentence(name, s.strip()) for s in re.split(r"[。；;]", body) if s.strip())
    return out


def _days_of(year: int, sentence: str) -> list[date]:
    days: list[date] = []
    month: int | None = None
    for match in _RANGE.finditer(sentence):
        m1, d1, m2, d2 = match.groups()
        month = int(m1) if m1 else month
        if month is None:
            raise NoticeProblem(f"“{sentence}”中的日期“{match.group(0)}”没有写明月份")
        try:
            first = date(year, month, int(d1))
            if d2 is None:
                days.append(first)
                continue
            month = int(m2) if m2 else month
            last = date(year, month, int(d2))
        except ValueError:
            raise NoticeProblem(f"“{match.group(0)}”不是{year}年的有效日期") from None
        if last < first:
            raise NoticeProblem(f"“{match.group(0)}”的结束日早于开始日")
        days.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
    return days


def _from_sentences(year: int, text: str, notice: str) -> list[DayOverride]:
    entries: list[DayOverride] = []
    for s in _sentences(text):
        off, work = "放假" in s.text, "上班" in s.text
        if off == work:
            if _RANGE.search(s.text):
                raise NoticeProblem(f"无法判断“{s.text}”是放假还是上班：请写明“放假”或“上班”")
            continue
        days = _days_of(year, s.text)
        total = _TOTAL.search(s.text)
        if off and total and int(total.group(1)) != len(days):
            raise NoticeProblem(f"“{s.text}”写明共{total.group(1)}天，日期范围却是{len(days)}天")
        kind = DayKind.OFF if off else DayKind.WORK
        note = s.name if off else f"{s.name}调休上班"
        entries.extend(DayOverride(d, kind, notice, note) for d in days)
    return entries


def parse_notice(year: int, text: str, notice: str = "") -> list[DayOverride]:
    """The 放假 and 上班 days of `year` in `text` (the notice's sentences, or lines of ranges)."""
    if not text.strip():
        raise NoticeProblem("没有填写放假和调休上班安排")
    ranges = [line for line in text.splitlines() if _ISO.match(line)]
    if ranges:
        lines = []
        for line in ranges:
            fields = line.split("\t") if "\t" in line else line.split()
            fields += [""] * (4 - len(fields))
            lines.append("\t".join((fields[0], fields[1], fields[2] or notice, fields[3])))
        entries = list(parse_overrides("\n".join(lines), source="录入内容").days.values())
    else:
        entries = _from_sentences(year, text, notice)
    if not entries:
        raise NoticeProblem(
            "没有读到任何日期：请粘贴通知原文（如“1月1日（周五）至3日（周日）放假调休，共3天”）或逐行填写日期"
        )
    if wrong := sorted({e.day.isoformat() for e in entries if e.day.year != year}):
        raise NoticeProblem(f"以下日期不在{year}年：{'、'.join(wrong)}")
    seen: dict[date, DayOverride] = {}
    for entry in entries:
        if entry.day in seen and seen[entry.day].kind is not entry.kind:
            raise NoticeProblem(f"{_label(entry.day)}既写为放假又写为上班")
        seen[entry.day] = entry
    return sorted(seen.values(), key=lambda e: e.day)


def _label(day: date) -> str:
    return f"{day.month}月{day.day}日（周{_WEEKDAYS[day.weekday()]}）"


def _is_working(day: date, entered: dict[date, DayKind]) -> bool:
    kind = entered.get(day)
    return day.weekday() < 5 if kind is None else kind is DayKind.WORK


def check_notice(year: int, days: Iterable[DayOverride]) -> list[str]:
    """What is missing or wrong before `year` can be marked 全年已录入 (empty: nothing)."""
    if not FIRST_CHECKED_YEAR <= year <= LAST_YEAR:
        return [f"只能按《全国年节及纪念日放假办法》（2024年修订）核对{FIRST_CHECKED_YEAR}—{LAST_YEAR}年的安排"]
    entered = {d.day: d.kind for d in days if d.day.year == year}
    problems: list[str] = []
    incomplete = set()
    for festival in festivals(year):
        missing = [d for d in festival.days if entered.get(d) is not DayKind.OFF]
        if missing:
            incomplete.add(festival.name)
            problems.append(f"缺少{festival.name}的法定节假日：{'、'.join(_label(d) for d in missing)}应为放假"
                            "（《全国年节及纪念日放假办法》第二条）")
    statutory = {d for f in festivals(year) for d in f.days}
    taken: set[date] = set()
    for festival in festivals(year):
        owed = sum(1 for d in festival.days if d.weekday() >= 5 or d in taken)
        taken.update(festival.days)
        if not owed or festival.name in incomplete:
            continue
        block = _block(festival.days, entered)
        made_up = [d for d in block if d.weekday() < 5 and d not in statutory]
        if len(made_up) < owed:
            problems.append(f"{festival.name}有{owed}天法定节假日适逢周末或与其他节日重合，应在工作日补假{owed}天，"
                            f"安排中与之相连的补假只有{len(made_up)}天（第六条）")
    problems.extend(_long_stretches(year, entered))
    return problems


def _block(festival_days: tuple[date, ...], entered: dict[date, DayKind]) -> list[date]:
    """The run of days off around a festival."""
    first, last = festival_days[0], festival_days[-1]
    while not _is_working(first - timedelta(days=1), entered) and (first - timedelta(days=1)).year == first.year:
        first -= timedelta(days=1)
    while not _is_working(last + timedelta(days=1), entered) and (last + timedelta(days=1)).year == last.year:
        last += timedelta(days=1)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _long_stretches(year: int, entered: dict[date, DayKind]) -> list[str]:
    problems = []
    day, start, run = date(year, 1, 1), None, 0
    while day.year == year:
        if _is_working(day, entered):
            start, run = (start or day), run + 1
        else:
            if run > MAX_WORKING_STRETCH and start is not None:
                problems.append(_stretch(start, run))
            start, run = None, 0
        day += timedelta(days=1)
    if run > MAX_WORKING_STRETCH and start is not None:
        problems.append(_stretch(start, run))
    return problems


def _stretch(start: date, run: int) -> str:
    end = start + timedelta(days=run - 1)
    return (f"{_label(start)}至{_label(end)}连续上班{run}天，"
            f"超过调休安排连续工作一般不超过{MAX_WORKING_STRETCH}天的原则：请核对上班日期")
