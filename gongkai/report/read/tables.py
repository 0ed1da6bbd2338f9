"""Finding a table's rows in report text by their labels, in order, and reading their cells.

Rows are found by distinctive words of their labels (see `Row.keywords`), matched loosely (spaces
and line breaks anywhere, any quote style) and in the official order, so misaligned, broken and
flattened tables read alike. A row's cells are the values between its label and the next row's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import product

from gongkai.law.report_format import CellKind, CellRef, Identity, Row, Table
from gongkai.report.read.cells import Atom, Check, Number, RowReading, atoms_of, readings
from gongkai.report.read.normalize import loose

MAX_COMBINATIONS = 100_000
# the numbering of the next row's label ("3." of "3.其他"), left at the end of this row's text
_NEXT_ROW_NUMBER = re.compile(r"\d[ \t]*[.、]\D*$")
# a numbered heading of the text after a row: "(二)主动公开政府信息的主要类别 2021年，在主动公开的198条…"
# follows the last row of table 二 on a page; its figures are prose, not the row's cells
_NUMERAL = "[一二三四五六七八九十]"
_HEADING_AFTER = re.compile(rf"[(（]\s*{_NUMERAL}{{1,2}}\s*[)）]|(?<!{_NUMERAL}){_NUMERAL}{{1,2}}、")


@dataclass
class TableReading:
    values: dict[CellRef, Number | None] = field(default_factory=dict)
    offsets: dict[CellRef, int] = field(default_factory=dict)
    missing_rows: list[Row] = field(default_factory=list)
    bad_rows: list[tuple[Row, int, int]] = field(default_factory=list)  # row, values found, offset
    ambiguous_rows: list[tuple[Row, list[RowReading], int]] = field(default_factory=list)
    glued_rows: list[tuple[Row, int]] = field(default_factory=list)
    blank_rows: list[Row] = field(default_factory=list)  # a label and no figures at all: blank cells
    merged: list[tuple[str, tuple[Number | None, ...], int]] = field(default_factory=list)  # group, sums, offset
    # rows of zeros printed a cell short ("0 0 0 0 0 0"), the missing cell 0 by the table's identities: row, offset
    zero_filled: list[tuple[Row, int]] = field(default_factory=list)


@cache
def _row_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{loose(k)})" for k in keywords))


def find_rows(text: str, tables: list[Table], start: int, end: int) -> list[tuple[Table, Row, int | None, int | None]]:
    """Each row of the tables, in order, with the span of its label's keyword ((None, None) if absent)."""
    found: list[tuple[Table, Row, int | None, int | None]] = []
    position = start
    for table in tables:
        for row in table.rows:
            match = _row_pattern(row.keywords).search(text, position, end) if row.keywords else None
            if match:
                found.append((table, row, match.start(), match.end()))
                position = match.end()
            else:
                found.append((table, row, None, None))
    return found


# figures the report's text states for cells ("现行有效16件"), worked out only when a glued row needs them
Stated = Callable[[], dict[CellRef, set[Number]]]


def read_tables(
    text: str, tables: list[Table], start: int, end: int, stated: Stated | None = None
) -> dict[str, TableReading]:
    """Read every row of `tables`, which follow each other in text[start:end]; `stated` settles glued rows."""
    results = {table.key: TableReading() for table in tables}
    if len(tables) == 1 and not tables[0].rows[0].keywords:
        # a table of one unlabelled row (section 四): its values are the numbers of the region after the
        # table's header, so a sentence before it ("2022年，未有…行政复议…") gives none of them
        begin = _after_header(text, start, end, len(tables[0].columns))
        anchors: list[tuple[Table, Row, int | None, int | None]] = [(tables[0], tables[0].rows[0], begin, begin)]
    else:
        anchors = find_rows(text, tables, start, end)
    located = [(table, row, s, e) for table, row, s, e in anchors if s is not None and e is not None]
    for table, row, s, _ in anchors:
        if s is None:
            results[table.key].missing_rows.append(row)
    pending: dict[str, list[tuple[Row, list[RowReading]]]] = {table.key: [] for table in tables}
    blank: dict[str, list[tuple[Row, int]]] = {table.key: [] for table in tables}
    for index, (table, row, _, label_end) in enumerate(located):
        result = results[table.key]
        segment_end = located[index + 1][2] if index + 1 < len(located) else end
        if index + 1 < len(located) and located[index + 1][1].label[:1].isdigit():
            trailing = _NEXT_ROW_NUMBER.search(text, label_end, segment_end)
            if trailing:
                segment_end = trailing.start()
        heading = _HEADING_AFTER.search(text, label_end, segment_end)
        if heading:
            segment_end = heading.start()
        atoms, weak = atoms_of(text, label_end, segment_end)
        atoms = _signed_or_not(table, atoms)
        if not atoms:
            blank[table.key].append((row, label_end))
            continue
        options = readings(text, atoms, weak, len(table.columns), *_row_arithmetic(table, row))
        group = _merged_group(text, table, row, located[index][2], result)
        if group is not None and len(options) == 1:
            result.merged.append((group, options[0].values, label_end))
            continue
        if not options:
            result.bad_rows.append((row, len(atoms), label_end))
            continue
        if options[0].cost:
            result.glued_rows.append((row, label_end))
        pending[table.key].append((row, options))
    for table in tables:
        _blank_rows(table, results[table.key], pending[table.key], blank[table.key])
        _settle(table, results[table.key], [_as_stated(table, row, o, stated) for row, o in pending[table.key]])
    return results


# the last column of the header of an unlabelled table (表四's "总计"), with a figure after it; its first column
_LAST_HEADER = re.compile(r"总\s*计(?=\D*\d)")
_FIRST_HEADER = re.compile(r"结\s*果\s*维\s*持")


def _after_header(text: str, start: int, end: int, cells: int) -> int:
    """Where the figures of an unlabelled table begin: after the last header word that has figures after it, if
    there are digits enough there for its cells; else (each header word beside its figure) where the header begins."""
    ends = [match.end() for match in _LAST_HEADER.finditer(text, start, end)]
    if ends and sum(c.isdigit() for c in text[ends[-1] : end]) >= cells:
        return ends[-1]
    first = _FIRST_HEADER.search(text, start, end)  # header words among the figures: from the header's start
    return first.start() if first else start


def _blank_rows(
    table: Table, result: TableReading, pending: list[tuple[Row, list[RowReading]]], rows: list[tuple[Row, int]]
) -> None:
    """Rows with a label and no figure: blank cells where the rest of the table has its figures (rows printed
    empty), unreadable where most rows have none (the figures were not where the labels are)."""
    if len(rows) * 2 > len(rows) + len(pending):
        result.bad_rows += [(row, 0, offset) for row, offset in rows]
        return
    width = len(table.columns)
    for row, offset in rows:
        result.blank_rows.append(row)
        pending.append((row, [RowReading((None,) * width, (offset,) * width, 0)]))


def _merged_group(text: str, table: Table, row: Row, start: int | None, result: TableReading) -> str | None:
    """The group heading when a group of rows is printed as one row under its heading ((六)其他处理 as in the
    2019 format), its other rows absent: the row's keyword was found inside the group's own heading."""
    if not result.missing_rows or start is None or len(row.path) < 2:
        return None
    group = row.path[-1]
    title = re.sub(r"^[(（][一二三四五六七八九十][)）]", "", group)
    siblings = [r for r in table.rows if r.path == row.path and r.key != row.key]
    if not siblings or not all(r in result.missing_rows for r in siblings):
        return None
    heading = re.compile(loose(title))
    for begin in range(max(0, start - len(title)), start + 1):
        match = heading.match(text, begin)
        if match and match.start() <= start < match.end():
            for sibling in siblings:
                result.missing_rows.remove(sibling)
            return group
    return None


def _signed_or_not(table: Table, atoms: list[Atom]) -> list[Atom]:
    """A sign belongs to a number only in a table with signed cells (本年增/减); elsewhere '-' is none."""
    if _signed(table) or not any(a.text == "-" for a in atoms):
        return atoms
    return [Atom("none", "-", a.offset) if a.kind == "num" and a.text == "-" else a for a in atoms]


_SIGNED: dict[int, bool] = {}  # by id of the table: a frozen table's hash walks every row


def _signed(table: Table) -> bool:
    if id(table) not in _SIGNED:
        _SIGNED[id(table)] = any(c.kind is CellKind.SIGNED_COUNT for c in table.columns)
    return _SIGNED[id(table)]


_ARITHMETIC: dict[tuple[int, str], tuple[Check, dict[int, tuple[int, ...]]]] = {}


def _row_arithmetic(table: Table, row: Row) -> tuple[Check, dict[int, tuple[int, ...]]]:
    """A row's check and totals, worked out once per table of a format."""
    key = (id(table), row.key)
    if key not in _ARITHMETIC:
        _ARITHMETIC[key] = (_row_check(table, row), _row_totals(table, row))
    return _ARITHMETIC[key]


def _row_check(table: Table, row: Row) -> Check:
    """The identities that lie within one row, as a check on that row's values (None: not decidable)."""
    index = {c.key: i for i, c in enumerate(table.columns)}
    sides = [
        (tuple(index[ref.column] for ref in identity.left), tuple(index[ref.column] for ref in identity.right))
        for identity in table.row_identities[row.key]
    ]

    def check(values: tuple[Number | None, ...]) -> bool | None:
        # no arithmetic to judge by: only a row that splits one way is read; an identity with a blank
        # cell cannot be judged: it does not rule a reading out
        for left, right in sides:
            total = 0
            for i in left:
                value = values[i]
                if value is None:
                    break
                total += value
            else:
                for i in right:
                    value = values[i]
                    if value is None:
                        break
                    total -= value
                else:
                    if total != 0:
                        return False
        return True

    return check


def _row_totals(table: Table, row: Row) -> dict[int, tuple[int, ...]]:
    """Within a row, each total's column index and the column indexes of its parts."""
    index = {c.key: i for i, c in enumerate(table.columns)}
    return {
        index[i.left[0].column]: tuple(index[ref.column] for ref in i.right)
        for i in table.row_identities[row.key]
        if len(i.left) == 1
    }


def _holds(identity: Identity, value_of: Callable[[CellRef], Number | None]) -> bool | None:
    """Whether the identity holds; None when a blank cell leaves it undecided."""
    left = [value_of(ref) for ref in identity.left]
    right = [value_of(ref) for ref in identity.right]
    if any(v is None for v in (*left, *right)):
        return None
    return sum(left) == sum(right)


def _as_stated(
    table: Table, row: Row, options: list[RowReading], stated: Stated | None
) -> tuple[Row, list[RowReading]]:
    """A glued row's readings narrowed to those agreeing with the figures the text states, where any do."""
    if len(options) < 2 or stated is None:
        return row, options
    agreeing = options
    figures_of = stated()
    for index, column in enumerate(table.columns):
        figures = figures_of.get(CellRef(table.key, row.key, column.key))
        if figures:
            agreeing = [o for o in agreeing if o.values[index] in figures]
    return row, agreeing or options


def _settle(table: Table, result: TableReading, pending: list[tuple[Row, list[RowReading]]]) -> None:
    """Fix each row's reading; rows with several readings are settled by the table's other identities."""
    doubtful = [(row, options) for row, options in pending if len(options) > 1]
    chosen: dict[str, RowReading] = {row.key: options[0] for row, options in pending if len(options) == 1}
    if doubtful:
        combinations = 1
        for _, options in doubtful:
            combinations *= len(options)
        survivors: list[tuple[RowReading, ...]] = []
        if combinations <= MAX_COMBINATIONS:
            trials = [
                (combo, dict(chosen) | {row.key: reading for (row, _), reading in zip(doubtful, combo, strict=True)})
                for combo in product(*(options for _, options in doubtful))
            ]
            survivors = [combo for combo, trial in trials if _broken_count(table, trial, stop_at=1) == 0]
            if not survivors and not any(r.checked for _, options in doubtful for r in options):
                # the table is wrong however its rows split: the split breaking fewest identities, if one
                broken = [(_broken_count(table, trial), combo) for combo, trial in trials]
                fewest = min(count for count, _ in broken)
                survivors = [combo for count, combo in broken if count == fewest][:2]
                survivors = survivors if len(survivors) == 1 else []
        filled = _zero_filled(table, chosen, doubtful) if len(survivors) != 1 else None
        if len(survivors) == 1:
            for (row, _), reading in zip(doubtful, survivors[0], strict=True):
                chosen[row.key] = reading
        elif filled is not None:
            chosen.update(filled)
            result.zero_filled += [(row, o[0].offsets[0] if o[0].offsets else 0) for row, o in doubtful]
        else:
            for row, options in doubtful:
                result.ambiguous_rows.append((row, options, options[0].offsets[0] if options[0].offsets else 0))
    width = len(table.columns)
    refs = table.cells()  # row by row
    for position, row in enumerate(table.rows):
        reading = chosen.get(row.key)
        row_refs = refs[position * width : (position + 1) * width]
        if reading:
            result.values.update(zip(row_refs, reading.values, strict=True))
            result.offsets.update(zip(row_refs, reading.offsets, strict=True))
        else:
            result.values.update(dict.fromkeys(row_refs))


def _zero_filled(
    table: Table, chosen: dict[str, RowReading], doubtful: list[tuple[Row, list[RowReading]]]
) -> dict[str, RowReading] | None:
    """Rows of zeros with a cell left blank somewhere (too few figures for the cells), read as all 0 where the table
    allows nothing else: wherever the blank is, an identity puts its cell in a sum of counts whose other side is 0
    (（七）总计 0 in its column: every outcome item of that column is 0, as no count is negative)."""
    if any(c.kind is not CellKind.COUNT for c in table.columns):
        return None
    if any(v not in (0, None) for _, options in doubtful for option in options for v in option.values):
        return None
    width = len(table.columns)
    zeros = {row.key: options[0]._replace(values=(0,) * width) for row, options in doubtful}
    trial = chosen | zeros
    if _broken_count(table, trial, stop_at=1):
        return None
    columns = [c.key for c in table.columns]
    for row, options in doubtful:
        for option in options:
            for index, value in enumerate(option.values):
                if value is None and not _zero_by_identity(table, chosen, row.key, columns[index]):
                    return None
    return zeros


def _zero_by_identity(table: Table, trial: dict[str, RowReading], row: str, column: str) -> bool:
    """Whether an identity makes the cell 0: it stands in one side, the other side is read (rows of one reading,
    `trial`, not the doubtful rows themselves) and sums to 0."""
    index = {c.key: i for i, c in enumerate(table.columns)}
    for identity in table.identities:
        for side, other in ((identity.left, identity.right), (identity.right, identity.left)):
            if not any(ref.row == row and ref.column == column for ref in side):
                continue
            if all(ref.row in trial for ref in other):
                total = sum(trial[ref.row].values[index[ref.column]] or 0 for ref in other)
                if total == 0 and all(trial[ref.row].values[index[ref.column]] is not None for ref in other):
                    return True
    return False


def _broken_count(table: Table, chosen: dict[str, RowReading], stop_at: int = 0) -> int:
    """How many identities the chosen readings break (counting stops at `stop_at` when given)."""
    columns = {c.key: i for i, c in enumerate(table.columns)}

    def value_of(ref: CellRef) -> Number | None:
        reading = chosen.get(ref.row)
        return reading.values[columns[ref.column]] if reading else None

    broken = 0
    for identity in table.identities:
        if all(r.row in chosen for r in (*identity.left, *identity.right)) and _holds(identity, value_of) is False:
            broken += 1
            if broken == stop_at:
                break
    return broken
