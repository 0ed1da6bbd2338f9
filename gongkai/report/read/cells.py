"""The values of one table row, from the text between its label and the next row's label.

Real reports separate cells by tabs, runs of spaces or pipes, leave cells blank, write `——` or `/`
for none, split a number with a stray space, or glue a row's digits together when text is copied
from a web page (`801000081` is 80, 1, 0, 0, 0, 0, 81). The row's own arithmetic decides how such a
row splits; where several splits satisfy it, the caller is told the row is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations, pairwise

Number = int | Decimal

_TOKEN = re.compile(
    r"(?P<num>-?\d{1,3}(?:,\d{3})+(?![\d.])|-?\d+(?:\.\d+)?)"
    r"|(?<!\S)(?P<none>—{1,2}|-{1,2}|–|/|无|空)(?!\S)"
)
_BLANK_GAP = re.compile(r"[ \t]*(?:[\t|][ \t]*){2,}")
MAX_CANDIDATES = 50_000


@dataclass(frozen=True)
class Atom:
    kind: str  # "num", "none" (written as none: 0) or "blank" (an empty cell: None)
    text: str
    offset: int  # offset of the atom in the whole text
    alone_on_line: bool = False

    def value(self) -> Number | None:
        if self.kind == "blank":
            return None
        if self.kind == "none":
            return 0
        digits = self.text.replace(",", "")
        return Decimal(digits) if "." in digits else int(digits)


@dataclass(frozen=True)
class RowReading:
    """One way to read a row: its values and the offset each came from."""

    values: tuple[Number | None, ...]
    offsets: tuple[int, ...]
    cost: int  # 0 for the text as written; each glued split, merge or dropped page number adds 1


Check = Callable[[tuple[Number | None, ...]], bool | None]


def atoms_of(text: str, start: int, end: int) -> tuple[list[Atom], list[bool]]:
    """The atoms of text[start:end], and for each gap between two atoms whether it is weak (one space)."""
    atoms: list[Atom] = []
    weak: list[bool] = []
    previous_end: int | None = None
    for match in _TOKEN.finditer(text, start, end):
        if previous_end is not None:
            gap = text[previous_end : match.start()]
            if _BLANK_GAP.fullmatch(gap):
                for _ in range(len(re.findall(r"[\t|]", gap)) - 1):
                    atoms.append(Atom("blank", "", previous_end))
                    weak.append(False)
            weak.append(gap == " ")
        kind = "num" if match.group("num") else "none"
        atoms.append(Atom(kind, match.group(), match.start(), _alone_on_line(text, match.start(), match.end())))
        previous_end = match.end()
    return atoms, weak


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def readings(atoms: list[Atom], weak: list[bool], expected: int, check: Check) -> list[RowReading]:
    """The readings of a row with the least cost that give `expected` values and pass `check`.

    As written, with the right number of values, the row is read as it stands (the rules judge its
    arithmetic later). Otherwise glued digits are split, or numbers split by a stray space joined, or
    a number alone on its line (a page number) dropped, and only readings the row's arithmetic
    accepts are kept.
    """
    if len(atoms) == expected:
        return [RowReading(tuple(a.value() for a in atoms), tuple(a.offset for a in atoms), 0)]
    found: list[RowReading] = []
    source = _split_glued(atoms, expected) if len(atoms) < expected else _shrink(atoms, weak, expected)
    for generated, reading in enumerate(source, start=1):
        if generated > MAX_CANDIDATES:
            break
        if found and reading.cost > found[0].cost:
            break
        if check(reading.values):
            found.append(reading)
    return _distinct(found)


def _distinct(found: list[RowReading]) -> list[RowReading]:
    seen: dict[tuple[Number | None, ...], RowReading] = {}
    for reading in found:
        seen.setdefault(reading.values, reading)
    return list(seen.values())


def _split_glued(atoms: list[Atom], expected: int) -> Iterator[RowReading]:
    """Readings with glued digit runs split into several whole numbers, fewest splits first."""
    splittable = [i for i, a in enumerate(atoms) if a.kind == "num" and a.text.isdigit() and len(a.text) > 1]
    missing = expected - len(atoms)
    capacity = sum(len(atoms[i].text) - 1 for i in splittable)
    if missing > capacity:
        return
    for parts in _distributions(missing, [len(atoms[i].text) - 1 for i in splittable]):
        extra = dict(zip(splittable, parts, strict=True))
        yield from _expand(atoms, extra, 0, (), (), missing)


def _distributions(total: int, limits: list[int]) -> Iterator[tuple[int, ...]]:
    if not limits:
        if total == 0:
            yield ()
        return
    for first in range(min(total, limits[0]), -1, -1):
        for rest in _distributions(total - first, limits[1:]):
            yield (first, *rest)


def _expand(
    atoms: list[Atom],
    extra: dict[int, int],
    index: int,
    values: tuple[Number | None, ...],
    offsets: tuple[int, ...],
    cost: int,
) -> Iterator[RowReading]:
    if index == len(atoms):
        yield RowReading(values, offsets, cost)
        return
    atom = atoms[index]
    cuts = extra.get(index, 0)
    if not cuts:
        yield from _expand(atoms, extra, index + 1, (*values, atom.value()), (*offsets, atom.offset), cost)
        return
    for pieces in _cut(atom.text, cuts + 1):
        piece_offsets = []
        position = atom.offset
        for piece in pieces:
            piece_offsets.append(position)
            position += len(piece)
        yield from _expand(
            atoms,
            extra,
            index + 1,
            values + tuple(int(p) for p in pieces),
            offsets + tuple(piece_offsets),
            cost,
        )


def _cut(digits: str, parts: int) -> Iterator[tuple[str, ...]]:
    """Ways to cut a digit string into `parts` whole numbers without leading zeros."""
    for cuts in combinations(range(1, len(digits)), parts - 1):
        bounds = (0, *cuts, len(digits))
        pieces = tuple(digits[a:b] for a, b in pairwise(bounds))
        if all(p == "0" or not p.startswith("0") for p in pieces):
            yield pieces


def _shrink(atoms: list[Atom], weak: list[bool], expected: int) -> Iterator[RowReading]:
    """Readings with too many numbers made right: join numbers split by one space, drop page numbers."""
    surplus = len(atoms) - expected
    joinable = [i for i, w in enumerate(weak) if w and atoms[i].kind == atoms[i + 1].kind == "num"]
    droppable = [i for i, a in enumerate(atoms) if a.kind == "num" and a.alone_on_line]
    for joins in range(surplus, -1, -1):
        drops = surplus - joins
        for joined in combinations(joinable, joins):
            for dropped in combinations([d for d in droppable if d not in joined], drops):
                reading = _apply(atoms, set(joined), set(dropped))
                if reading is not None:
                    yield RowReading(reading[0], reading[1], surplus)


def _apply(
    atoms: list[Atom], joined: set[int], dropped: set[int]
) -> tuple[tuple[Number | None, ...], tuple[int, ...]] | None:
    values: list[Number | None] = []
    offsets: list[int] = []
    i = 0
    while i < len(atoms):
        if i in dropped:
            i += 1
            continue
        text, offset = atoms[i].text, atoms[i].offset
        while i in joined:
            i += 1
            if i in dropped:
                return None
            text += atoms[i].text
        value = Atom("num", text, offset).value() if atoms[i].kind == "num" else atoms[i].value()
        values.append(value)
        offsets.append(offset)
        i += 1
    return tuple(values), tuple(offsets)
