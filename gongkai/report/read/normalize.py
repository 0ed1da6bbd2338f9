"""Length-preserving normalisation of report text, and positions (line, column) of offsets.

The reader finds structure in a normalised copy (full-width digits and brackets made ASCII, odd
spaces made plain, page numbers and running headers blanked) whose every character stands where it
stood in the source, so that text is cut from the source and every cell points at its source line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000\u202f\u205f"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), " ")
_OTHER = {ord("．"): ".", ord("﹒"): ".", ord("−"): "-", ord("\r"): " ", ord("\x0c"): "\n", ord("\x0b"): "\n"}
_TABLE = {**_FULLWIDTH, **_SPACES, **_ZERO_WIDTH, **_OTHER}

_PAGE_MARKERS = re.compile(
    r"(?m)^[ \t]*(?:"
    r"[-—–~_]+[ \t]*\d{1,3}[ \t]*[-—–~_]+"  # - 3 -   — 3 —
    r"|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*(?:[,/][ \t]*)?共[ \t]*\d{1,3}[ \t]*页)?"  # 第3页 共5页
    r"|\d{1,3}[ \t]*/[ \t]*\d{1,3}"  # 3/5
    r"|page[ \t]*\d{1,3}(?:[ \t]*of[ \t]*\d{1,3})?"
    r")[ \t]*$",
    re.IGNORECASE,
)
# | --- | :---: |: every run of spaces or dashes is bounded by a character no neighbour can take
_MARKDOWN_RULE = re.compile(r"(?m)^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*(?::?-{3,}:?[ \t]*)?)*$")


def normalise(text: str) -> str:
    """The same text, each character in place: ASCII digits/brackets/colons, plain spaces."""
    return text.translate(_TABLE)


def blank_out(text: str, pattern: re.Pattern[str]) -> str:
    """Replace each match by spaces of the same length (line breaks kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def blank_page_furniture(text: str, title: str | None) -> str:
    """Blank page numbers, Markdown rule lines, and running headers that repeat the title."""
    text = blank_out(text, _PAGE_MARKERS)
    text = blank_out(text, _MARKDOWN_RULE)
    if title:
        compact = "".join(title.split())
        first = True
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if len(line) >= len(compact) and "".join(line.split()) == compact:
                if not first:
                    lines[i] = " " * len(line)
                first = False
        text = "\n".join(lines)
    return text


class LineIndex:
    """Turns an offset of the text into a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def loose(phrase: str) -> str:
    """A regex for a phrase as reports print it: any whitespace between characters, any quote style."""
    parts = []
    for char in normalise(phrase):
        if char in "“”\"「」『』‘’'":
            parts.append("[“”\"「」『』‘’']?")
        elif char.isspace():
            continue
        else:
            parts.append(re.escape(char))
    return r"\s*".join(parts)
