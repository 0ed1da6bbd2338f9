"""The annual report as data: one model for every way a report is written or read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.law.report_format import FORMATS, CellKind, CellRef, ReportFormat

Value = int | Decimal | None  # None is a blank cell: blank is not 0


class ReportDataError(ValueError):
    """A report's data does not fit its format (unknown cell, wrong kind of value)."""


@dataclass(frozen=True)
class SourcePos:
    """Where a parsed value came from: 1-based line and column of the source text (or a locator)."""

    line: int
    column: int
    where: str = ""  # e.g. "表格2 第3行" for documents without lines

    def __str__(self) -> str:
        return self.where or f"第{self.line}行第{self.column}列"


@dataclass
class AnnualReport:
    """A 政府信息公开工作年度报告: agency, year, the tables' cells and the text sections.

    Cells are exact: counts are ints, amounts (万元) are Decimals, blanks are None. `sources` records
    where a reader found each value and takes no part in equality.
    """

    agency: str
    year: int
    format_id: str = "2021"
    cells: dict[CellRef, Value] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    sources: Mapping[CellRef, SourcePos] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        fmt = self.format
        refs = fmt.cells()
        if self.cells:
            unknown = self.cells.keys() - set(refs)
            for ref in refs:
                self.cells.setdefault(ref, None)
        else:
            unknown = set()
            self.cells.update(dict.fromkeys(refs))
        for section in fmt.sections:
            if section.is_text:
                self.sections.setdefault(section.key, "")
        if unknown:
            raise ReportDataError(f"格式{fmt.id}中没有这些单元格：{', '.join(sorted(map(str, unknown)))}")
        for ref, value in self.cells.items():
            if value is None:
                continue
            kind = fmt.kind(ref)
            if type(value) is not int or kind is CellKind.AMOUNT:  # a count given as an int is as it should be
                self.cells[ref] = coerce_value(kind, value, ref)

    @property
    def format(self) -> ReportFormat:
        try:
            return FORMATS[self.format_id]
        except KeyError:
            raise ReportDataError(f"未知的年报格式：{self.format_id}") from None

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @classmethod
    def blank(cls, agency: str, year: int, format_id: str = "2021") -> AnnualReport:
        return cls(agency=agency, year=year, format_id=format_id)

    @classmethod
    def zeros(cls, agency: str, year: int, format_id: str = "2021") -> AnnualReport:
        """A report of an agency with nothing to count: every cell 0."""
        fmt = FORMATS[format_id]
        return cls(agency, year, format_id, cells=dict.fromkeys(fmt.cells(), 0))

    def get(self, table: str, row: str, column: str) -> Value:
        return self.cells[CellRef(table, row, column)]

    def set(self, table: str, row: str, column: str, value: Value) -> None:
        ref = CellRef(table, row, column)
        if ref not in self.cells:
            raise ReportDataError(f"格式{self.format_id}中没有单元格{ref}")
        self.cells[ref] = coerce_value(self.format.kind(ref), value, ref)

    def row_values(self, table: str, row: str) -> list[Value]:
        return [self.cells[CellRef(table, row, c.key)] for c in self.format.table(table).columns]


def coerce_value(kind: CellKind, value: object, ref: CellRef | None = None) -> Value:
    """The exact value a cell of this kind holds; a clear error for anything else."""
    if value is None:
        return None
    where = f"单元格{ref}" if ref else "单元格"
    if isinstance(value, bool):
        raise ReportDataError(f"{where}的值不能是真假值")
    if kind is CellKind.AMOUNT:
        if isinstance(value, int | Decimal):
            return Decimal(value)
        if isinstance(value, str):
            try:
                return Decimal(value.strip())
            except ArithmeticError:
                raise ReportDataError(f"{where}应为金额（万元），而不是“{value}”") from None
        raise ReportDataError(f"{where}应为金额（万元），而不是{type(value).__name__}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    if isinstance(value, Decimal | float | str):
        # kept as found: the rules report a non-integer count instead of rounding it away
        try:
            return Decimal(str(value).strip())
        except ArithmeticError:
            pass
    raise ReportDataError(f"{where}应为整数件数，而不是“{value}”")
