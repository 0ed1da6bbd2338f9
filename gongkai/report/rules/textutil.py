"""Helpers for the text rules: compact text, sentences and clauses, numbers written in Chinese."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_CLAUSE_END = re.compile(r"[，,：:]+")
YEAR = re.compile(r"((?:19|20)\d{2})(?=\s*年)")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMBER = r"(\d+|[零〇一二两三四五六七八九十百千万]+)"


def compact(text: str) -> str:
    """Text without whitespace within lines ("2023 年" → "2023年"); line breaks kept."""
    return "\n".join(_SPACE.sub("", line) for line in text.splitlines())


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(compact(text)) if s]


def clauses(sentence: str) -> list[str]:
    """The clauses of one sentence (split at commas and colons)."""
    return [c for c in _CLAUSE_END.split(sentence) if c]


def normalise_sentence(sentence: str) -> str:
    """A sentence for comparing across years: no whitespace or punctuation, every year number alike."""
    kept = "".join(ch for ch in sentence if unicodedata.category(ch)[0] not in "PSZC")
    return YEAR.sub("#", kept)


def parse_number(text: str) -> int | None:
    """21, 二十一, 两百零五 → int; None for anything else."""
    if text.isdigit():
        return int(text)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)
