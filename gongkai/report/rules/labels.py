"""How a finding names tables, rows, columns and cells: in the report's own words, taken from the format."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from gongkai.law.report_format import CellRef, ReportFormat, Row, Table
from gongkai.report.model import Value

_TOP_NUMBER = re.compile(r"^([一二三四五六七八九十]+)、")  # 一、本年新收… → 一
_ITEM_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")  # （七）总计 → （七）
_TRAILING_NOTE = re.compile(r"(?<=.)（[^（）]*）$")  # （二）部分公开（区分处理的，…） → （二）部分公开


def show(value: Value | int | Decimal) -> str:
    """A value as the report prints it; a blank as 空白."""
    if value is None:
        return "空白"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def short_label(label: str) -> str:
    """A label without its trailing note in brackets."""
    return _TRAILING_NOTE.sub("", label)


def table_name(fmt: ReportFormat, table: Table) -> str:
    """表三, 表四, or 表二（第二十条第（一）项） for the small tables of section 二."""
    number = fmt.section(table.section).number
    return f"表{number}（{table.heading}）" if table.heading else f"表{number}"


def row_title(row: Row) -> str:
    """A row as a reader finds it: its label under its groups, without the outermost group.

    （七）总计, （三）不予公开·1.属于国家秘密, 一、本年新收政府信息公开申请数量, 规章.
    """
    parts = [short_label(p) for p in row.path[1:]] + [short_label(row.label)]
    return "·".join(p for p in parts if p)


def row_item(row: Row) -> str:
    """A row as the header note of table 三 counts it: 第一项, 第三项（七）总计; other rows by their title."""
    top = _TOP_NUMBER.match(row.path[0] if row.path else row.label)
    if not top:
        return row_title(row)
    if not row.path:
        return f"第{top.group(1)}项"
    return f"第{top.group(1)}项" + "".join(short_label(p) for p in (*row.path[1:], row.label))


def column_path(table: Table, key: str) -> tuple[str, ...]:
    """A column's header path and label, without the header groups every column of the table shares."""
    shared = _common_prefix([(*c.path, c.label) for c in table.columns])
    column = table.column(key)
    return (*column.path, column.label)[len(shared) :]


def column_title(table: Table, key: str) -> str:
    return "·".join(column_path(table, key))


def cell_title(fmt: ReportFormat, ref: CellRef) -> str:
    """表三“（一）予以公开”行“自然人”列; 表四“行政复议·总计”."""
    table = fmt.table(ref.table)
    row = table.row(ref.row)
    where = f"“{row_title(row)}”行" if row.label else ""
    return f"{table_name(fmt, table)}{where}“{column_title(table, ref.column)}”{'列' if where else ''}"


def cells_list(fmt: ReportFormat, refs: Sequence[CellRef], limit: int) -> str:
    """Name up to `limit` cells, then say how many more."""
    named = "、".join(cell_title(fmt, r) for r in refs[:limit])
    return named + (f"等{len(refs)}个单元格" if len(refs) > limit else "")


def describe_identity(fmt: ReportFormat, left: Sequence[CellRef], right: Sequence[CellRef]) -> tuple[str, str, str]:
    """(scope, left side, right side) of an identity in words, e.g.

    ("表三“总计”列", "第一项加第二项之和", "第三项（七）总计加第四项之和").
    """
    table = fmt.table(left[0].table)
    refs = [*left, *right]
    if len({r.column for r in refs}) == 1:
        scope = f"{table_name(fmt, table)}“{column_title(table, refs[0].column)}”列"
        return scope, _rows_side(table, left), _rows_side(table, right)
    if len({r.row for r in refs}) == 1:
        row = table.row(refs[0].row)
        shared = _common_prefix([column_path(table, r.column) for r in refs])
        scope = table_name(fmt, table)
        scope += f"“{row_title(row)}”行" if row.label else ""
        scope += f"“{'·'.join(shared)}”" if shared else ""
        return scope, _columns_side(table, left, len(shared)), _columns_side(table, right, len(shared))
    scope = table_name(fmt, table)
    return scope, _sum_of([cell_title(fmt, r) for r in left]), _sum_of([cell_title(fmt, r) for r in right])


def _rows_side(table: Table, refs: Sequence[CellRef]) -> str:
    rows = [table.row(r.row) for r in refs]
    if len(rows) <= 4:
        return _sum_of([row_item(r) for r in rows])
    # many rows: name the span of items they fall under, e.g. 第三项（一）至（六）各项之和
    items: list[str] = []
    for row in rows:
        label = row.path[1] if len(row.path) > 1 else row.label
        match = _ITEM_NUMBER.match(label)
        item = match.group(0) if match else short_label(label)
        if item not in items:
            items.append(item)
    top = _TOP_NUMBER.match(rows[0].path[0]) if rows[0].path else None
    prefix = f"第{top.group(1)}项" if top and all(r.path[:1] == rows[0].path[:1] for r in rows) else ""
    return f"{prefix}{items[0]}至{items[-1]}各项之和"


def _columns_side(table: Table, refs: Sequence[CellRef], skip: int) -> str:
    # group consecutive columns under the same header: 自然人、法人或其他组织（商业企业、…、其他）
    groups: list[tuple[tuple[str, ...], list[str]]] = []
    for ref in refs:
        *head, label = column_path(table, ref.column)[skip:]
        if groups and groups[-1][0] == tuple(head) and head:
            groups[-1][1].append(label)
        else:
            groups.append((tuple(head), [label]))
    names = ["·".join(h) + f"（{'、'.join(ls)}）" if h and len(ls) > 1 else "·".join((*h, *ls)) for h, ls in groups]
    return _sum_of(names)


def _sum_of(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    joiner = "加" if len(names) == 2 else "、"
    return joiner.join(names) + "之和"


def _common_prefix(paths: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    if not paths:
        return ()
    prefix: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        prefix.append(parts[0])
    # never swallow a whole path: a column keeps at least its own label
    shortest = min(len(p) for p in paths)
    return tuple(prefix[: shortest - 1]) if len(prefix) >= shortest else tuple(prefix)
