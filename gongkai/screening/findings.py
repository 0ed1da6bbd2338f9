"""What screening reports: a finding with its place in the text, the rule that fired and a suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

__all__ = [
    "CATEGORY_LABELS",
    "SEVERITY_LABELS",
    "Category",
    "Finding",
    "ScreeningContext",
    "Severity",
    "locate",
]


class Severity(StrEnum):
    ERROR = "error"  # 错误: must be fixed (or the item withheld) before publication
    WARNING = "warning"  # 提醒: a reviewer must look; it may be intended


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "提醒"}


class Category(StrEnum):
    SECRECY = "secrecy"  # 涉密及不宜公开标识
    PERSONAL = "personal"  # 个人信息
    WORDING = "wording"  # 错敏词（严重表述错误、错别字、敏感词）
    DATE = "date"  # 日期


CATEGORY_LABELS = {
    Category.SECRECY: "涉密标识",
    Category.PERSONAL: "个人信息",
    Category.WORDING: "错敏词",
    Category.DATE: "日期",
}


@dataclass(frozen=True, slots=True)
class ScreeningContext:
    """What the caller knows about the item: its date (成文或发布日期) or at least its year."""

    item_date: date | None = None
    year: int | None = None

    @property
    def item_year(self) -> int | None:
        return self.item_date.year if self.item_date else self.year


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reviewer has to look at: ``text[start:end]`` fired ``rule``."""

    rule: str  # stable id, e.g. "personal.id_number" or "dict.typos"
    category: Category
    severity: Severity
    start: int  # character offset into the screened text
    end: int  # exclusive
    text: str  # the text that fired
    message: str  # in Chinese, for the reviewer
    suggestion: str = ""  # the masked form or the correct wording, when there is one
    source: str = ""  # where the rule or the dictionary entry comes from

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "source": self.source,
        }


def locate(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, in characters) of a character offset; lines end at "\\n"."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
