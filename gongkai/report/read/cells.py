"""The values of one table row, from the text between its label and the next row's label.

Real reports separate cells by tabs, runs of spaces or pipes, leave cells blank, write `——` or `/`
for none, split a number with a stray space, or glue a row's digits together when text is copied
from a web page (`801000081` is 80, 1, 0, 0, 0, 0, 81). The row's own arithmetic decides how such a
row splits; where several splits satisfy it, the caller is told the row is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from itertools import combinations
from typing import NamedTuple

Number = int | Decimal

_TOKEN = re.compile(
    r"(?P<num>-?\d{1,3}(?:,\d{3}(?!\d))+(?!\.)|-?\d+(?:\.\d+)?)"
    r"|(?<!\S)(?P<none>—{1,2}|-{1,2}|–|/|无|空)(?!\S)"
)
MAX_CANDIDATES = 50_000
MAX_FALLBACK = 64  # splits of a row that no reading makes add up, handed to the table's identities
MAX_SURPLUS = 8  # numbers beyond a row's cells that page numbers and split numbers can explain


class Atom(NamedTuple):
    kind: str  # "num", "none" (written as none: 0) or "blank" (an empty cell: None)
    text: str
    offset: int  # offset of the atom in the whole text

    def value(self) -> Number | None:
        if self.kind == "num" and self.text.isdigit():
            return int(self.text)
        if self.kind == "blank":
            return None
        if self.kind == "none":
            return 0
        digits = self.text.replace(",", "")
        return Decimal(digits) if "." in digits else int(digits)


class RowReading(NamedTuple):
    """One way to read a row: its values and the offset each came from."""

    values: tuple[Number | None, ...]
    offsets: tuple[int, ...]
    cost: int  # 0 for the text as written; each glued split, merge or dropped page number adds 1
    checked: bool = True  # False: no reading passes the row's arithmetic, this is one of the splits there are


Check = Callable[[tuple[Number | None, ...]], bool | None]
Totals = dict[int, tuple[int, ...]]  # column index of a total -> the column indexes it sums


def atoms_of(text: str, start: int, end: int) -> tuple[list[Atom], list[bool]]:
    """The atoms of text[start:end], and for each gap between two atoms whether it is weak (one space)."""
    atoms: list[Atom] = []
    weak: list[bool] = []
    previous_end = -1
    make = tuple.__new__  # Atom(...) without the named tuple's keyword handling: one call per figure
    for match in _TOKEN.finditer(text, start, end):
        at = match.start()
        if previous_end >= 0:
            gap = text[previous_end:at]
            if gap == "\t":
                weak.append(False)
            else:
                separators = gap.count("\t") + gap.count("|")
                if separators > 1 and not gap.strip(" \t|"):  # only tabs, pipes and spaces: blank cells
                    for _ in range(separators - 1):
                        atoms.append(make(Atom, ("blank", "", previous_end)))
                        weak.append(False)
                weak.append(gap == " ")
        number = match.group("num")
        atoms.append(make(Atom, ("num", number, at) if number else ("none", match.group(), at)))
        previous_end = match.end()
    return atoms, weak


def _alone_on_line(text: str, atom: Atom) -> bool:
    start, end = atom.offset, atom.offset + len(atom.text)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def readings(
    text: str, atoms: list[Atom], weak: list[bool], expected: int, check: Check, totals: Totals | None = None
) -> list[RowReading]:
    """The readings of a row with the least cost that give `expected` values and pass `check`.

    As written, with the right number of values, the row is read as it stands (the rules judge its
    arithmetic later). Otherwise glued digits are split, or numbers split by a stray space joined, or
    a number alone on its line (a page number) dropped, and only readings the row's arithmetic
    accepts are kept.
    """
    if len(atoms) == expected:
        return [RowReading(tuple(a.value() for a in atoms), tuple(a.offset for a in atoms), 0)]
    found: list[RowReading] = []
    if len(atoms) < expected:
        source = _split_glued(atoms, expected, totals or {})
    else:
        source = _shrink(text, atoms, weak, expected)
    found = _passing(source, check)
    if found or len(atoms) > expected:
        return found
    found = _passing(_with_blanks(text, atoms, expected, totals or {}), check)
    if found:
        return found
    # No split passes the row's own arithmetic: the row is wrong whichever way it splits. The splits
    # there are (one, when every digit is a cell) go to the table's identities to be told apart.
    splits = _distinct(_walk(atoms, expected, {}, None, expected - len(atoms), MAX_FALLBACK + 1))
    if len(splits) > MAX_FALLBACK:
        return []
    return [reading._replace(checked=False) for reading in splits]


def _passing(source: Iterable[RowReading], check: Check) -> list[RowReading]:
    """The readings of least cost that pass `check`."""
    found: list[RowReading] = []
    for generated, reading in enumerate(source, start=1):
        if generated > MAX_CANDIDATES:
            break
        if found and reading.cost > found[0].cost:
            break
        if check(reading.values):
            found.append(reading)
    return _distinct(found)


def _with_blanks(text: str, atoms: list[Atom], expected: int, totals: Totals) -> Iterator[RowReading]:
    """Readings with blank cells where the row has spaces between its digits and too few digits for its cells.

    Page text writes an empty cell (`&nbsp;`) as a space between glued cells: `0 00000` is six figures
    for seven cells, the blank one where the space is.
    """
    digits = sum(len(_digits(a)) if _splittable(a) else 1 for a in atoms)
    missing = expected - digits
    if missing <= 0:
        return
    # spaces only: a tab or a line break is a cell boundary of its own
    ends = [a.offset + len(a.text) for a in atoms]
    gaps = [i for i in range(len(atoms) - 1) if not text[ends[i] : atoms[i + 1].offset].strip(" ")]
    budget = MAX_CANDIDATES
    for chosen in combinations(gaps, missing):
        with_blanks: list[Atom] = []
        for i, atom in enumerate(atoms):
            with_blanks.append(atom)
            if i in chosen:
                with_blanks.append(Atom("blank", "", atom.offset + len(atom.text)))
        found = _split_glued(with_blanks, expected, totals, budget)
        yield from found
        budget -= len(found)
        if budget <= 0:
            return


def _distinct(found: list[RowReading]) -> list[RowReading]:
    seen: dict[tuple[Number | None, ...], RowReading] = {}
    for reading in found:
        seen.setdefault(reading.values, reading)
    return list(seen.values())


def _split_glued(atoms: list[Atom], expected: int, totals: Totals, cap: int = MAX_CANDIDATES) -> list[RowReading]:
    """Readings with glued digit runs cut into whole numbers (no leading zeros), by depth-first search; at most `cap`.

    Where the row ends in a total (表三's 总计), its digits are the end of the last run: each suffix
    is tried as the total and the parts before it may not sum past it. A total column in the middle
    (表四's groups) is not searched but forced: the digits that follow must spell its parts' sum.
    """
    cost = expected - len(atoms)
    last = expected - 1
    if last not in totals or not atoms or not atoms[-1].text.isdigit() or not _splittable(atoms[-1]):
        return _walk(atoms, expected, totals, None, cost, cap)
    tail = atoms[-1]
    inner = {column: parts for column, parts in totals.items() if column != last}
    found: list[RowReading] = []
    for k in range(1, len(tail.text) + 1):
        suffix = tail.text[-k:]
        if k > 1 and suffix[0] == "0":
            continue
        head = atoms[:-1] + ([Atom("num", tail.text[:-k], tail.offset)] if k < len(tail.text) else [])
        total = int(suffix)
        at = tail.offset + len(tail.text) - k
        for reading in _walk(head, last, inner, (totals[last], total), cost, cap - len(found)):
            found.append(RowReading((*reading.values, total), (*reading.offsets, at), cost))
        if len(found) >= cap:
            break
    return found


def _walk(
    atoms: list[Atom], expected: int, totals: Totals, bound: tuple[tuple[int, ...], int] | None, cost: int, cap: int
) -> list[RowReading]:
    """Every split of the atoms into `expected` values (at most `cap`), depth first, in the order of shorter pieces."""
    count = len(atoms)
    splittable = [_splittable(a) for a in atoms]
    digits_of = [_digits(a) for a in atoms]
    capacity = [0] * (count + 1)  # how many values the atoms from i on can give at most
    for i in range(count - 1, -1, -1):
        capacity[i] = capacity[i + 1] + (len(digits_of[i]) if splittable[i] else 1)
    bounded, limit = (set(bound[0]), bound[1]) if bound else (set(), 0)
    # every bounded value comes from the digits (or is written as none): the parts must spell the total exactly
    exact = bound is not None and all(splittable[i] or atoms[i].value() == 0 for i in range(count))
    # a value is at least the sum of its digits: when every value is a part of the total, the digits still to
    # come must not sum past what is left of it (floor[i][at]: the digits of atom i from `at` on and of those after)
    floor: list[list[int]] | None = None
    if exact and bounded.issuperset(range(expected)) and not any(a.text[:1] == "-" for a in atoms):
        floor = [[] for _ in range(count + 1)]
        after = 0
        floor[count] = [0]
        for i in range(count - 1, -1, -1):
            sums = [after]
            if splittable[i]:
                for digit in reversed(digits_of[i]):
                    sums.append(sums[-1] + int(digit))
            floor[i] = sums[::-1]
            after = floor[i][0]
    found: list[RowReading] = []
    values: list[Number | None] = []
    offsets: list[int] = []

    def walk(index: int, at: int, spent: int) -> bool:
        """Extend the split in `values`; False once `cap` readings are found."""
        column = len(values)
        if index == count:
            if column == expected and (not exact or spent == limit):
                found.append(RowReading(tuple(values), tuple(offsets), cost))
                return len(found) < cap
            return True
        if column >= expected:
            return True
        atom = atoms[index]
        if not splittable[index]:
            values.append(atom.value())
            offsets.append(atom.offset)
            going = walk(index + 1, 0, spent)
            del values[-1], offsets[-1]
            return going
        digits = digits_of[index]
        signed = len(digits) < len(atom.text)  # "-10" glued: the sign is the first piece's (本年增/减 "1-10")
        parts = totals.get(column)
        forced = sum(values[i] or 0 for i in parts) if parts and all(values[i] is not None for i in parts) else None
        left_after = expected - column - 1
        atoms_after = count - index - 1
        # the digits left after this piece must still fill the columns after it; a piece starting with 0 is "0"
        longest = len(digits) - at - max(0, left_after - capacity[index + 1])
        if digits[at] == "0":
            longest = min(longest, 1)
        lengths = [len(str(forced))] if forced is not None else range(1, longest + 1)
        for length in lengths:
            piece = digits[at : at + length]
            if len(piece) < length or (length > 1 and piece[0] == "0"):
                continue
            number = -int(piece) if signed and at == 0 else int(piece)
            if forced is not None and number != forced:
                continue
            now_spent = spent + number if column in bounded else spent
            if now_spent > limit and bound:
                break  # longer pieces are larger still
            rest = len(digits) - at - length
            if left_after < atoms_after + (1 if rest else 0) or left_after > rest + capacity[index + 1]:
                continue
            if floor is not None and now_spent + floor[index][at + length] > limit:
                continue
            values.append(number)
            offsets.append(atom.offset + at + (1 if signed and at else 0))
            going = walk(index, at + length, now_spent) if rest else walk(index + 1, 0, now_spent)
            del values[-1], offsets[-1]
            if not going:
                return False
        return True

    if cap > 0:
        walk(0, 0, 0)
    return found


def _splittable(atom: Atom) -> bool:
    """Digits that may be glued cells: a run of digits, or one after a minus sign (only signed tables keep it)."""
    return atom.kind == "num" and _digits(atom).isdigit() and len(_digits(atom)) > (atom.text[:1] == "-")


def _digits(atom: Atom) -> str:
    return atom.text[1:] if atom.text[:1] == "-" else atom.text


def _shrink(text: str, atoms: list[Atom], weak: list[bool], expected: int) -> Iterator[RowReading]:
    """Readings with too many numbers made right: join numbers split by one space, drop page numbers."""
    surplus = len(atoms) - expected
    if surplus > MAX_SURPLUS:
        return  # not a row with a few stray numbers: nothing here is worth trying
    joinable = [i for i, w in enumerate(weak) if w and atoms[i].kind == atoms[i + 1].kind == "num"]
    droppable = [i for i, a in enumerate(atoms) if a.kind == "num" and _alone_on_line(text, a)]
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
