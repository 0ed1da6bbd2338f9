"""Tables of a PDF page found from their ruling lines: cells where horizontal and vertical lines cross.

The method of pdfplumber's "lines" strategy, on the lines and characters `pdf_page` reads: lines
within 3 pt of one another are snapped to one position and joined where they touch; a cell is the
smallest rectangle whose four corners are crossings joined by lines; cells that share a corner make
one table (a table of one cell is a frame, not a table). A character belongs to the cell holding the
middle of its box; a cell's lines of text are kept apart (\n) for the reader to join.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from gongkai.report.read.pdf_page import Char, Line

SNAP = 3.0  # lines this close are one line
JOIN = 3.0  # collinear lines with a gap this small are one line
MIN_LENGTH = 3.0  # shorter lines are not rules
CROSS = 3.0  # a line ending this close to another still crosses it
LINE_GAP = 3.0  # characters whose tops differ by this much are on one line; a wider gap separates words

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class FoundTable:
    bbox: Box
    rows: list[list[tuple[Box, str]]]  # per row (cells sharing a top), its cells left to right with their text


def find_tables(horizontal_lines: list[Line], vertical_lines: list[Line], chars: list[Char]) -> list[FoundTable]:
    """The ruled tables of a page, top to bottom, with the text of each cell."""
    horizontal = _merge(horizontal_lines)
    vertical = _merge(vertical_lines)
    if not horizontal or not vertical:
        return []
    tables = [cells for cells in _group(_cells(horizontal, vertical)) if len(cells) > 1]
    tables.sort(key=lambda cells: min((c[1], c[0]) for c in cells))
    found = []
    for cells in tables:
        texts = _cell_texts(cells, chars)
        rows: dict[float, list[tuple[Box, str]]] = defaultdict(list)
        for cell in sorted(cells, key=lambda c: (c[1], c[0])):
            rows[cell[1]].append((cell, texts[cell]))
        bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        found.append(FoundTable(bbox, list(rows.values())))
    return found


def _merge(lines: list[Line]) -> list[Line]:
    """Lines (position, start, end) snapped to the mean position of their cluster, joined, long enough."""
    lines = sorted(set(lines))  # shared borders are often drawn twice, once for each cell
    merged: list[Line] = []
    first, count = 0, len(lines)
    while first < count:
        last = first + 1
        while last < count and lines[last][0] <= lines[last - 1][0] + SNAP:
            last += 1
        cluster = lines[first:last]
        position = sum(line[0] for line in cluster) / len(cluster)
        spans = sorted((start, end) for _, start, end in cluster)
        start, end = spans[0]
        for next_start, next_end in spans[1:]:
            if next_start <= end + JOIN:
                end = max(end, next_end)
                continue
            if end - start >= MIN_LENGTH:
                merged.append((position, start, end))
            start, end = next_start, next_end
        if end - start >= MIN_LENGTH:
            merged.append((position, start, end))
        first = last
    return merged


def _cells(horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]) -> list[Box]:
    """The smallest rectangles whose corners are crossings joined by lines."""
    # crossing point -> the lines through it (indices into vertical, horizontal)
    through: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, (x, v_top, v_bottom) in enumerate(vertical):
        for hi, (y, h_x0, h_x1) in enumerate(horizontal):
            if v_top - CROSS <= y <= v_bottom + CROSS and h_x0 - CROSS <= x <= h_x1 + CROSS:
                v_set, h_set = through.setdefault((x, y), (set(), set()))
                v_set.add(vi)
                h_set.add(hi)
    below: dict[float, list[float]] = defaultdict(list)  # x -> crossing ys, ascending
    right: dict[float, list[float]] = defaultdict(list)  # y -> crossing xs, ascending
    for x, y in sorted(through):
        below[x].append(y)
        right[y].append(x)

    def joined(p: tuple[float, float], q: tuple[float, float], axis: int) -> bool:
        return not through[p][axis].isdisjoint(through[q][axis])

    cells: list[Box] = []
    for x, y in sorted(through):
        found = None
        for y2 in below[x][bisect_right(below[x], y) :]:
            if not joined((x, y), (x, y2), 0):
                continue
            for x2 in right[y][bisect_right(right[y], x) :]:
                if not joined((x, y), (x2, y), 1):
                    continue
                corner = (x2, y2)
                if corner in through and joined(corner, (x2, y), 0) and joined(corner, (x, y2), 1):
                    found = (x, y, x2, y2)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells that share a corner, directly or through other cells, as one table."""
    at: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            at[corner].append(i)
    seen = bytearray(len(cells))
    groups: list[list[Box]] = []
    for start in range(len(cells)):
        if seen[start]:
            continue
        seen[start] = 1
        stack, group = [start], []
        while stack:
            cell = cells[stack.pop()]
            group.append(cell)
            x0, top, x1, bottom = cell
            for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
                for j in at[corner]:
                    if not seen[j]:
                        seen[j] = 1
                        stack.append(j)
        groups.append(group)
    return groups


def _cell_texts(cells: list[Box], chars: list[Char]) -> dict[Box, str]:
    """Each cell's text: the characters whose middle lies in it, in lines."""
    xs = sorted({x for c in cells for x in (c[0], c[2])})
    ys = sorted({y for c in cells for y in (c[1], c[3])})
    column_of = {x: i for i, x in enumerate(xs)}
    row_of = {y: i for i, y in enumerate(ys)}
    slots: dict[tuple[int, int], Box] = {}  # (column, row) of the grid of all edges -> the cell covering it
    for cell in cells:
        for column in range(column_of[cell[0]], column_of[cell[2]]):
            for row in range(row_of[cell[1]], row_of[cell[3]]):
                slots[column, row] = cell
    inside: dict[Box, list[Char]] = {cell: [] for cell in cells}
    x_first, x_last, y_first, y_last = xs[0], xs[-1], ys[0], ys[-1]
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        if x_first <= x < x_last and y_first <= y < y_last:
            cell = slots.get((bisect_right(xs, x) - 1, bisect_right(ys, y) - 1))
            if cell is not None:
                inside[cell].append(char)
    return {cell: "\n".join(map(line_text, text_lines(members))) for cell, members in inside.items()}


_BY_TOP, _BY_X0 = attrgetter("top"), attrgetter("x0")


def text_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters in lines, top to bottom, each left to right: tops within LINE_GAP of the one above are a line."""
    if not chars:
        return []
    lines: list[list[Char]] = []
    last_top = None
    for char in sorted(chars, key=_BY_TOP):
        if last_top is None or char.top > last_top + LINE_GAP:
            lines.append([])
        lines[-1].append(char)
        last_top = char.top
    for line in lines:
        line.sort(key=_BY_X0)
    return lines


def line_text(line: list[Char]) -> str:
    """A line's words joined by one space: words end at a space character or at a gap wider than LINE_GAP."""
    words: list[str] = []
    word: list[str] = []
    end = None  # right edge of the previous character of the word
    for char in line:
        if char.blank:
            if word:
                words.append("".join(word))
            word, end = [], None
            continue
        if end is not None and char.x0 > end + LINE_GAP:
            words.append("".join(word))
            word = []
        word.append(char.text)
        end = char.x1
    if word:
        words.append("".join(word))
    return " ".join(words)
