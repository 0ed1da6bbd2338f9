"""Hypothesis strategies: random VALID annual reports — consistent tables, plausible text.

`valid_reports()` (the 2021 format) and `valid_reports_2019()` (the trial format of 国办公开办函〔2019〕60号)
draw reports on which `gongkai.report.rules.check` finds no error; round-trip tests reuse them.
Tables 三 and 四 are built so that every identity of the format holds; section 二 holds whole
numbers (本年增/减 may be negative) and amounts in 万元 with at most four decimals; each text section
is one to three paragraphs, each a stripped non-empty line, joined by "\\n", never a section heading.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.law.report_format import FORMATS, CellKind, CellRef, ReportFormat
from gongkai.report.model import AnnualReport, Value

# (agency, may it make 规章 — 立法法): 规章 cells stay 0 for bodies that cannot
AGENCIES = (
    ("大寨乡", False),
    ("某县人民政府", False),
    ("某县教育局", False),
    ("某市某区人民政府", False),
    ("某街道办事处", False),
    ("某市人民政府", True),
    ("贵州省人民政府", True),
)
_WORDS = (
    "我乡", "本机关", "政府信息", "主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "严格", "落实",
    "加强", "完善", "制度", "群众", "及时", "准确", "规范", "门户网站", "专栏", "更新", "审核", "保密", "培训",
    "考核", "便民", "服务", "质量", "水平", "提高", "政策解读", "回应关切", "目录", "标准", "流程", "责任",
)  # fmt: skip
APPLICATIONS = "applications"
APPEALS = "appeals"


def _amounts() -> st.SearchStrategy[Decimal]:
    """An amount in 万元, >= 0, with at most four decimals."""
    return st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**9), st.integers(0, 4))


def _value(kind: CellKind) -> st.SearchStrategy[int] | st.SearchStrategy[Decimal]:
    if kind is CellKind.AMOUNT:
        return _amounts()
    if kind is CellKind.SIGNED_COUNT:
        return st.integers(-100, 100)
    return st.integers(0, 10**6) | st.integers(0, 20)


_small = st.integers(0, 6) | st.just(0)


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    groups = draw(st.lists(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=6), min_size=1, max_size=3))
    return "，".join("".join(g) for g in groups) + "。"


@st.composite
def _section_text(draw: st.DrawFn, year: int) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        opening = f"{year}年，" if draw(st.booleans()) else ""
        paragraphs.append(opening + "".join(draw(st.lists(_sentences(), min_size=1, max_size=3))))
    return "\n".join(paragraphs)


def _applications(draw: st.DrawFn, fmt: ReportFormat) -> dict[CellRef, Value]:
    """Table 三 per applicant column: outcomes and carried-out drawn, new = outcomes + carried-out − carried-in."""
    table = fmt.table(APPLICATIONS)
    outcome_rows = [r.row for r in next(i for i in table.identities if i.rule == "T3.outcome_total").right]
    cells: dict[CellRef, Value] = dict.fromkeys(table.cells(), 0)
    for column in (c.key for c in table.columns if c.key != "total"):
        values = {row: draw(_small) for row in outcome_rows}
        values["total"] = sum(values.values())
        values["carried_out"] = draw(_small)
        values["carried_in"] = draw(st.integers(0, values["total"] + values["carried_out"]))
        values["new"] = values["total"] + values["carried_out"] - values["carried_in"]
        for row, value in values.items():
            cells[CellRef(APPLICATIONS, row, column)] = value
            total = CellRef(APPLICATIONS, row, "total")
            cells[total] = (cells[total] or 0) + value
    return cells


def _appeals(draw: st.DrawFn, fmt: ReportFormat) -> dict[CellRef, Value]:
    """Table 四: each group's 总计 is the sum of its four results."""
    cells: dict[CellRef, Value] = {}
    for identity in fmt.table(APPEALS).identities:
        parts = {ref: draw(_small) for ref in identity.right}
        cells.update(parts)
        cells[identity.left[0]] = sum(parts.values())
    return cells


@st.composite
def valid_reports(draw: st.DrawFn, format_id: str = "2021") -> AnnualReport:
    """A report of the given format on which the rules find no error."""
    fmt = FORMATS[format_id]
    agency, makes_rules = draw(st.sampled_from(AGENCIES))
    year = draw(st.integers(fmt.first_year, fmt.last_year or fmt.first_year + 9))
    cells: dict[CellRef, Value] = {}
    for table in fmt.tables:
        if table.key in (APPLICATIONS, APPEALS):
            continue
        for ref in table.cells():
            cells[ref] = 0 if ref.row == "rules" and not makes_rules else draw(_value(fmt.kind(ref)))
    cells.update(_applications(draw, fmt))
    cells.update(_appeals(draw, fmt))
    sections = {s.key: draw(_section_text(year)) for s in fmt.sections if s.is_text}
    return AnnualReport(agency=agency, year=year, format_id=format_id, cells=cells, sections=sections)


def valid_reports_2019() -> st.SearchStrategy[AnnualReport]:
    """A report in the 2019 trial format (reports for 2019 and 2020)."""
    return valid_reports(format_id="2019")
