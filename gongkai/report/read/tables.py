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
_NEXT_ROW_NUMBER = re.compile(r"\d\s*[.、]\s*\D*$")


@dataclass
class TableReading:
    values: dict[CellRef, Number | None] = field(default_factory=dict)
    offsets: dict[CellRef, int] = field(default_factory=dict)
    missing_rows: list[Row] = field(default_factory=list)
    bad_rows: list[tuple[Row, int, int]] = field(default_factory=list)  # row, values found, offset
    ambiguous_rows: list[tuple[Row, list[RowReading], int]] = field(default_factory=list)
    glued_rows: list[tuple[Row, int]] = field(default_factory=list)


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


def read_tables(text: str, tables: list[Table], start: int, end: int) -> dict[str, TableReading]:
    """Read every row of `tables`, which follow each other in text[start:end]."""
    results = {table.key: TableReading() for table in tables}
    if len(tables) == 1 and not tables[0].rows[0].keywords:
        # a table of one unlabelled row (section 四): its values are all the numbers of the region
        anchors: list[tuple[Table, Row, int | None, int | None]] = [(tables[0], tables[0].rows[0], start, start)]
    else:
        anchors = find_rows(text, tables, start, end)
    located = [(table, row, s, e) for table, row, s, e in anchors if s is not None and e is not None]
    for table, row, s, _ in anchors:
        if s is None:
            results[table.key].missing_rows.append(row)
    pending: dict[str, list[tuple[Row, list[RowReading]]]] = {table.key: [] for table in tables}
    for index, (table, row, _, label_end) in enumerate(located):
        result = results[table.key]
        segment_end = located[index + 1][2] if index + 1 < len(located) else end
        if index + 1 < len(located) and located[index + 1][1].label[:1].isdigit():
            trailing = _NEXT_ROW_NUMBER.search(text, label_end, segment_end)
            if trailing:
                segment_end = trailing.start()
        atoms, weak = atoms_of(text, label_end, segment_end)
        atoms = _signed_or_not(table, atoms)
        options = readings(text, atoms, weak, len(table.columns), *_row_arithmetic(table, row))
        if not options:
            result.bad_rows.append((row, len(atoms), label_end))
            continue
        if options[0].cost:
            result.glued_rows.append((row, label_end))
        pending[table.key].append((row, options))
    for table in tables:
        _settle(table, results[table.key], pending[table.key])
    return results


def _signed_or_not(table: Table, atoms: list[Atom]) -> list[Atom]:
    """A sign belongs to a number only in a table with signed cells (本年增/减); elsewhere '-' is none."""
    if any(c.kind is CellKind.SIGNED_COUNT for c in table.columns):
        return atoms
    return [Atom("none", "-", a.offset) if a.kind == "num" and a.text == "-" else a for a in atoms]


_ARITHMETIC: dict[tuple[int, str], tuple[Check, dict[int, tuple[int, ...]]]] = {}


def _row_arithmetic(table: Table, row: Row) -> tuple[Check, dict[int, tuple[int, ...]]]:
    """A row's check and totals, worked out once per table of a format."""
    key = (id(table), row.key)
    if key not in _ARITHMETIC:
        _ARITHMETIC[key] = (_row_check(table, row), _row_totals(table, row))
    return _ARITHMETIC[key]


def _row_check(table: Table, row: Row) -> Check:
    """The identities that lie within one row, as a check on that row's values (None: not decidable)."""
    columns = [c.key for c in table.columns]
    local = table.row_identities[row.key]

    def check(values: tuple[Number | None, ...]) -> bool | None:
        if not local:
            return True  # no arithmetic to judge by: only a row that splits one way is read
        by_column = dict(zip(columns, values, strict=True))
        return all(_holds(identity, lambda ref: by_column[ref.column]) for identity in local)

    return check


def _row_totals(table: Table, row: Row) -> dict[int, tuple[int, ...]]:
    """Within a row, each total's column index and the column indexes of its parts."""
    index = {c.key: i for i, c in enumerate(table.columns)}
    return {
        index[i.left[0].column]: tuple(index[ref.column] for ref in i.right)
        for i in table.row_identities[row.key]
        if len(i.left) == 1
    }


def _holds(identity: Identity, value_of: Callable[[CellRef], Number | None]) -> bool:
    left = [value_of(ref) for ref in identity.left]
    right = [value_of(ref) for ref in identity.right]
    if any(v is None for v in (*left, *right)):
        return False
    return sum(left) == sum(right)


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
            for combo in product(*(options for _, options in doubtful)):
                trial = dict(chosen) | {row.key: reading for (row, _), reading in zip(doubtful, combo, strict=True)}
                if _table_holds(table, trial):
                    survivors.append(combo)
        if len(survivors) == 1:
            for (row, _), reading in zip(doubtful, survivors[0], strict=True):
                chosen[row.key] = reading
        else:
            for row, options in doubtful:
                result.ambiguous_rows.append((row, options, options[0].offsets[0] if options[0].offsets else 0))
    for row in table.rows:
        reading = chosen.get(row.key)
        for index, column in enumerate(table.columns):
            ref = CellRef(table.key, row.key, column.key)
            result.values[ref] = reading.values[index] if reading else None
            if reading:
                result.offsets[ref] = reading.offsets[index]


def _table_holds(table: Table, chosen: dict[str, RowReading]) -> bool:
    columns = {c.key: i for i, c in enumerate(table.columns)}

    def value_of(ref: CellRef) -> Number | None:
        reading = chosen.get(ref.row)
        return reading.values[columns[ref.column]] if reading else None

    decidable = [i for i in table.identities if all(r.row in chosen for r in (*i.left, *i.right))]
    return all(_holds(identity, value_of) for identity in decidable)
