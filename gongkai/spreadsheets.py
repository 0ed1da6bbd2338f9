"""Cells of CSV and XLSX exports that no spreadsheet takes for a formula (formula injection, CWE-1236).

A text cell that starts with = + - @, a tab or a carriage return is opened by Excel and WPS as a formula
(``=HYPERLINK(...)`` in a file name or a title). In CSV such text gets a leading apostrophe; in XLSX it
is a string cell with Excel's quote prefix. Numbers stay numbers, negative ones too, also when given
as text ("-3").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["FORMULA_START", "csv_writer", "keep_as_text", "looks_like_formula", "neutral", "neutral_row"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would evaluate this text (a plain number, signed or not, is just a number)."""
    return text.startswith(FORMULA_START) and not _NUMBER.match(text)


def neutral(value: Any) -> Any:
    """The value for a CSV cell: formula-like text with a leading apostrophe, anything else unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def neutral_row(values: Iterable[Any]) -> list[Any]:
    return [neutral(v) for v in values]


class _SafeWriter:
    """csv.writer whose rows are neutralised first."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, values: Iterable[Any]) -> Any:
        return self._writer.writerow(neutral_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(out: Any, **kwargs: Any) -> _SafeWriter:
    """Like `csv.writer(out, **kwargs)`, for files people open in Excel or WPS."""
    return _SafeWriter(out, **kwargs)


def keep_as_text(cell: Any) -> None:
    """An openpyxl cell holding text stays text: a string cell, quote-prefixed when it looks like a formula
    (so that Excel keeps it text when the cell is edited, too)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True
