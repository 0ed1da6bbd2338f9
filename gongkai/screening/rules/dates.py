"""Dates: days that do not exist, weekdays that do not match, and later dates told as past.

- ``date.impossible``: "2023年2月30日", "2024年13月", "2023-04-31".
- ``date.weekday``: "2024年3月1日（星期四）" — that day was a Friday.
- ``date.after_item``: with the item's date (or year) as context, a date after it told as something that
  has happened ("2025年3月已完成", "截至2025年底", "2025年以来") in an item dated 2024. A clause that
  also speaks of the future (将、计划、力争、有效期 …) is left alone: plans and terms of validity look ahead.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from gongkai.screening.findings import Category, Finding, ScreeningContext, Severity

__all__ = ["DateMention", "find", "mentions"]

# The first digit is consumed before the look-behind so that `re` can skip ahead to digits quickly.
_ARABIC = re.compile(r"(\d(?<!\d\d)\d{3})[ \t]*年[ \t]*(?:(\d{1,2})[ \t]*月(?:[ \t]*(\d{1,2})[ \t]*[日号])?)?")
_HAN_DIGIT = "〇零○Ｏ一二三四五六七八九"
_HAN_NUMBER = "[一二三四五六七八九十]{1,3}"
_HANZI = re.compile(rf"([{_HAN_DIGIT}]{{4}})年(?:({_HAN_NUMBER})月(?:({_HAN_NUMBER})日)?)?")
_NUMERIC = re.compile(r"(\d(?<![\d./-]\d)\d{3})([-./])(\d{1,2})\2(\d{1,2})(?![\d./-])")
_WEEKDAY = re.compile(r"[ \t]*[（(]?[ \t]*(?:星期|周|礼拜)([一二三四五六日天])[ \t]*[）)]?")
_WEEKDAYS = "一二三四五六日"

_CLAUSE_MARKS = "。；;！!？?\n"
_CLAUSE_END = re.compile(f"[{_CLAUSE_MARKS}]")
_PAST_BEFORE = re.compile(r"(?:截至|截止到|截止|已于|已经于|业已于)[ \t]*$")
_PAST_AFTER = re.compile(r"以来|已经|已于|业已|已|(?:召开|举行|完成|印发|发布|出台|实现|取得|开展|通过)了")
_FUTURE = re.compile(r"将|拟|计划|预计|力争|争取|目标|规划|预期|届时|有效期|之前|以前|前完成|起施行|起实施|起执行")
_PAST_REACH = 30  # characters after the date searched for a past cue
_CLAUSE_REACH = 300  # a clause is cut here when no punctuation ends it
_YEARS = range(1900, 2101)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None

    def exists(self) -> bool:
        if self.month is None:
            return True
        if not 1 <= self.month <= 12:
            return False
        return self.day is None or 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]


def _han_number(value: str) -> int:
    if "十" not in value:
        return int("".join(str(_HAN_DIGIT.index(ch) - 3 if _HAN_DIGIT.index(ch) > 3 else 0) for ch in value))
    tens, _, ones = value.partition("十")
    return (_han_number(tens) if tens else 1) * 10 + (_han_number(ones) if ones else 0)


def mentions(text: str) -> Iterator[DateMention]:
    """Dates and years written in ``text``, in the forms 2024年3月1日, 二〇二四年三月一日, 2024-03-01."""
    for pattern, number in ((_ARABIC, int), (_HANZI, _han_number)):
        for match in pattern.finditer(text):
            year = number(match.group(1))
            month, day = (number(group) if group else None for group in match.groups()[1:])
            if year in _YEARS:
                yield DateMention(match.start(), match.end(), year, month, day)
    for match in _NUMERIC.finditer(text):  # 2024-03-01: a date only when the month is 1..12
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if year in _YEARS and 1 <= month <= 12:
            yield DateMention(match.start(), match.end(), year, month, day)


def find(text: str, context: ScreeningContext | None = None) -> list[Finding]:
    """Impossible dates, wrong weekdays and (with a context) later dates told as past."""
    findings: list[Finding] = []
    for mention in mentions(text):
        written = text[mention.start : mention.end]
        if not mention.exists():
            findings.append(_finding("date.impossible", Severity.ERROR, mention, written, _why_impossible(mention)))
            continue
        if mention.month and mention.day:
            weekday = _WEEKDAY.match(text, mention.end)
            if weekday:
                stated = _WEEKDAYS.index(weekday.group(1).replace("天", "日"))
                actual = date(mention.year, mention.month, mention.day).weekday()
                if stated != actual:
                    span = DateMention(mention.start, weekday.end(), mention.year, mention.month, mention.day)
                    findings.append(
                        _finding(
                            "date.weekday",
                            Severity.ERROR,
                            span,
                            text[span.start : span.end],
                            f"{mention.year}年{mention.month}月{mention.day}日是星期{_WEEKDAYS[actual]}",
                            suggestion=f"星期{_WEEKDAYS[actual]}",
                        )
                    )
        year = context.item_year if context else None
        if context and year and _after(mention, context):
            cue = _past_cue(text, mention)
            if cue:
                when = context.item_date.isoformat() if context.item_date else f"{year}年"
                findings.append(
                    _finding(
                        "date.after_item",
                        Severity.WARNING,
                        mention,
                        written,
                        f"条目日期为{when}，“{written}”在其后，却按已发生的事叙述（“{cue}”）",
                        suggestion="核实年份是否写错",
                    )
                )
    return findings


def _why_impossible(mention: DateMention) -> str:
    if mention.month is None or not 1 <= mention.month <= 12:
        return f"月份“{mention.month}”不存在"
    return f"{mention.year}年{mention.month}月没有{mention.day}日"


def _after(mention: DateMention, context: ScreeningContext) -> bool:
    if context.item_date is None:
        return context.year is not None and mention.year > context.year
    item = context.item_date
    if mention.month is None:
        return mention.year > item.year
    if mention.day is None:
        return (mention.year, mention.month) > (item.year, item.month)
    return (mention.year, mention.month, mention.day) > (item.year, item.month, item.day)


def _past_cue(text: str, mention: DateMention) -> str | None:
    lowest = max(0, mention.start - _CLAUSE_REACH)
    clause_start = max(lowest, *(text.rfind(mark, lowest, mention.start) + 1 for mark in _CLAUSE_MARKS))
    highest = min(len(text), mention.end + _CLAUSE_REACH)
    after = _CLAUSE_END.search(text, mention.end, highest)
    clause_end = after.start() if after else highest
    if _FUTURE.search(text, clause_start, clause_end):
        return None
    cue = _PAST_BEFORE.search(text, clause_start, mention.start)
    if cue is None:
        cue = _PAST_AFTER.search(text, mention.end, min(clause_end, mention.end + _PAST_REACH))
    return cue.group().strip() if cue else None


def _finding(
    rule: str, severity: Severity, mention: DateMention, written: str, message: str, suggestion: str = ""
) -> Finding:
    return Finding(
        rule=rule,
        category=Category.DATE,
        severity=severity,
        start=mention.start,
        end=mention.end,
        text=written,
        message=message,
        suggestion=suggestion or "核实日期",
        source="公历日期与星期；条目日期由调用方给出",
    )
