"""Text transformations that turn a cleanly rendered report into the shapes real published reports take."""

from __future__ import annotations

import re

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def fullwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH_DIGITS)


def flattened(text: str) -> str:
    """The whole report on one line, as web pages copied into a cell of a spreadsheet come out."""
    return re.sub(r"\s+", " ", text)


def glued(text: str) -> str:
    """The cells of each row glued together with no separator, as text copied from web pages comes."""
    text = re.sub(r"(?<=[^\d\s])\t+(?=\d)", "", text)
    return re.sub(r"(?<=\d)\t+(?=\d)", "", text)


def layout_mode(text: str) -> str:
    """Columns marked only by runs of spaces, as `pdftotext -layout` prints them."""
    return "\n".join(re.sub(r"\t+", lambda m: " " * (2 + 2 * len(m.group())), line) for line in text.split("\n"))


def paged(text: str, every: int = 17) -> str:
    """Page numbers and the running header (the title) between lines, every `every` lines."""
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index % every == every - 1:
            out += ["", f"- {index // every + 1} -", "", lines[0]]
    return "\n".join(out)


def broken_labels(text: str) -> str:
    """Long labels broken over two lines inside their cell."""
    return re.sub(
        r"(政府信息公开申请|三安全一稳定|合法权益|不再处理其)", lambda m: m.group()[:2] + "\n" + m.group()[2:], text
    )
