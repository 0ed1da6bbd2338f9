"""Report text assembled from a document's blocks: the layout `render.text` writes and the text reader reads.

Every structured reader (HTML, DOCX, XLSX, PDF) walks its document and hands lines and table grids
to a `TextOut`: a paragraph or heading is a line followed by a blank line, a table is one
tab-separated line per grid row followed by a blank line, a caption sits right above its table.
A table that directly follows another with no text or caption between is taken as the same table
split (across pages, or into several `<table>` elements): its rows follow on, minus a header that
repeats the first part's.
"""

from __future__ import annotations

import re

from gongkai.report.read import limits

_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_NUMBER = re.compile(r"^\s*[-+]?[\d,，.．]+\s*$")


def clean(text: str) -> str:
    """One line of text: runs of white space (the document's line breaks, tabs, &nbsp;) as one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


class TextOut:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._table: list[list[str]] | None = None  # the rows of the table just written, while it may go on

    def line(self, text: str) -> None:
        text = clean(text)
        if text:
            self.lines += [text, ""]
            self._table = None

    def caption(self, text: str) -> None:
        """A table's caption; left out when it only repeats the heading just above the table."""
        self._table = None
        text = clean(text)
        if not text:
            return
        previous = next((line for line in reversed(self.lines) if line), "")
        if _compact(text) and _compact(text) in _compact(previous):
            return
        self.lines.append(text)

    def table(self, rows: list[list[str]]) -> None:
        rows = [[clean(cell) for cell in row] for row in rows]
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        if self._table is not None:
            rows = rows[_repeated_header(self._table, rows) :]
            if self.lines and not self.lines[-1]:
                self.lines.pop()  # the same table goes on: no blank line inside it
            self._table = self._table + rows
        else:
            self._table = rows
        self.lines += ["\t".join(row) for row in rows]
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _repeated_header(first: list[list[str]], rows: list[list[str]]) -> int:
    """How many leading rows of a continuation repeat the first part's header (rows without numbers)."""
    count = 0
    while (
        count < len(rows)
        and count < len(first)
        and rows[count] == first[count]
        and not any(_NUMBER.match(cell) for cell in rows[count] if cell)
    ):
        count += 1
    return count


def expand(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """The plain grid of a table given as rows of (text, rowspan, colspan): the HTML table model.

    A merged cell's text goes to its top-left position and its other positions are blank, as in
    `layout`; rows are padded to the table's width. Used by the HTML, DOCX and PDF readers. A grid of
    more than `limits.table_cells` cells raises `limits.LimitExceeded`.
    """
    most = limits.current().table_cells  # spans are the document's claim: the grid they expand to is bounded
    taken: dict[tuple[int, int], str] = {}
    width = area = 0
    for r, cells in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in taken:
                c += 1
            rowspan, colspan = min(max(rowspan, 1), len(rows) - r), max(colspan, 1)  # no rows past the end
            area += rowspan * colspan
            if area > most:
                raise limits.LimitExceeded("table_cells", area)
            for i in range(rowspan):
                for k in range(colspan):
                    taken.setdefault((r + i, c + k), text if i == 0 and k == 0 else "")
            c += colspan
            width = max(width, c)
    height = len(rows)
    if height * width > most:
        raise limits.LimitExceeded("table_cells", height * width)
    return [[taken.get((r, c), "") for c in range(width)] for r in range(height)]
