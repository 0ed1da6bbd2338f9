"""The official table layout with its merged cells: spans derived from `layout`'s rows of cells.

`layout.header_rows` / `layout.body_rows` leave a merged cell's other positions blank. Here a
non-blank header or label cell takes in the blank cells to its right and then the blank rows below
it, inside its own region (the header block, or the label columns of the body); value cells never
merge. Expanding the spans again (`read.blocks.expand`: text in the top-left, blanks elsewhere)
gives back exactly the layout rows, which is what every reader's `to_text` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from gongkai.law.report_format import Table
from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import body_rows, header_rows


@dataclass(frozen=True)
class GridCell:
    """One cell as drawn: its text, top-left position and spans; `header` for th, `label` for row headers."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # in the header block (column headers)
    label: bool = False  # a row label in the body

    @property
    def is_th(self) -> bool:
        return self.header or self.label


@dataclass(frozen=True)
class TableGrid:
    table: Table
    width: int
    header_count: int  # rows of the header block
    label_count: int  # label columns of the body
    rows: tuple[tuple[GridCell, ...], ...]  # per grid row, the cells anchored in it, left to right

    @property
    def cells(self) -> tuple[GridCell, ...]:
        return tuple(c for row in self.rows for c in row)

    def header_ids(self, cell: GridCell) -> list[GridCell]:
        """The header and label cells that describe a value cell (for HTML `headers`)."""
        by_col, by_row = self._describing
        return by_col.get(cell.col, []) + by_row.get(cell.row, [])

    @cached_property
    def _describing(self) -> tuple[dict[int, list[GridCell]], dict[int, list[GridCell]]]:
        by_col: dict[int, list[GridCell]] = {}
        by_row: dict[int, list[GridCell]] = {}
        for cell in self.cells:
            if cell.header and cell.text:
                for c in range(cell.col, cell.col + cell.colspan):
                    by_col.setdefault(c, []).append(cell)
            elif cell.label and cell.text:
                for r in range(cell.row, cell.row + cell.rowspan):
                    by_row.setdefault(r, []).append(cell)
        return by_col, by_row


def table_grid(report: AnnualReport, table: Table) -> TableGrid:
    header = header_rows(table)
    body = body_rows(report, table)
    grid = header + body
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    label_count = width - len(table.columns)
    owner: dict[tuple[int, int], tuple[int, int]] = {}  # position -> top-left of the cell covering it

    def free(r: int, c: int) -> bool:
        return not grid[r][c] and (r, c) not in owner

    def same_parent(a: tuple[int, int], b: tuple[int, int]) -> bool:
        """Header cells spread only under their parent, body labels only beside theirs."""
        return a[0] < 0 or a[1] < 0 or owner.get(a) == owner.get(b)

    rows: list[tuple[GridCell, ...]] = []
    for r, line in enumerate(grid):
        in_header = r < len(header)
        last_row = len(header) if in_header else len(grid)
        region_cols = width if in_header else label_count
        anchored: list[GridCell] = []
        for c, text in enumerate(line):
            if (r, c) in owner:
                continue
            if c >= region_cols or not text:
                anchored.append(GridCell(text, r, c, header=in_header, label=not in_header and c < region_cols))
                owner[(r, c)] = (r, c)
                continue
            colspan = 1
            while (
                c + colspan < region_cols
                and free(r, c + colspan)
                and (not in_header or same_parent((r - 1, c), (r - 1, c + colspan)))
            ):
                colspan += 1
            rowspan = 1
            while (
                r + rowspan < last_row
                and all(free(r + rowspan, k) for k in range(c, c + colspan))
                and (in_header or same_parent((r, c - 1), (r + rowspan, c - 1)))
            ):
                rowspan += 1
            for i in range(rowspan):
                for k in range(colspan):
                    owner[(r + i, c + k)] = (r, c)
            anchored.append(GridCell(text, r, c, rowspan, colspan, header=in_header, label=not in_header))
        rows.append(tuple(anchored))
    return TableGrid(table, width, len(header), label_count, tuple(rows))


def column_widths_mm(grid: TableGrid, total: float = 156.0) -> list[float]:
    """Column widths filling the type area (GB/T 9704: 156 mm): label columns wide, value columns even."""
    if grid.label_count == 0:
        labels: list[float] = []
    elif grid.label_count == 3:  # table 三: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密
        labels = [14.0, 20.0, 50.0]
    else:
        labels = [44.0 / grid.label_count] * grid.label_count
    values = grid.width - grid.label_count
    return labels + [(total - sum(labels)) / values] * values
