"""Reading published report text back into the model: title, sections, tables, format version.

Copes with what real reports contain: full-width digits, blank cells, `——` or `/` for none, numbers
split by stray spaces, columns marked by runs of spaces (PDF text in layout mode), Markdown pipe
tables, labels broken over lines, page numbers and running headers between rows, headings with or
without numbering, the whole report on one line, and rows whose cells were glued together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from gongkai.law.report_format import (
    FORMATS,
    PRE_2019_TELL_TALES,
    CellKind,
    CellRef,
    ReportFormat,
    Section,
    Table,
)
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport, SourcePos, Value
from gongkai.report.read import ReadResult
from gongkai.report.read.cells import RowReading
from gongkai.report.read.normalize import LineIndex, blank_out, blank_page_furniture, loose, normalise
from gongkai.report.read.tables import TableReading, read_tables

_REPORT_NAME = r"政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?(?:报\s*告|年\s*报)"
_TITLES = (
    # 大寨乡2023年政府信息公开工作年度报告 · 2023年度某局政府信息公开工作年度报告
    re.compile(rf"(?m)^(?P<pre>[^\n]*?)(?P<year>(?:19|20)\d{{2}})\s*年\s*(?:度\s*)?(?P<post>[^\n]*?){_REPORT_NAME}"),
    # 某局政府信息公开工作年度报告（2023年度）
    re.compile(rf"(?m)^(?P<pre>[^\n]*?)(?P<post>){_REPORT_NAME}\s*\(\s*(?P<year>(?:19|20)\d{{2}})\s*年?\s*度?\s*\)"),
)
_CHINESE_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=\s*年)")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
# Each optional part of a heading starts with a character no space run before it can take, and owns
# the spaces after it: no two quantifiers ever compete for one run (linear time on any input).
_NUMBERING = (
    r"(?:(?:第?[一二三四五六七八九十]{1,2}(?:\s*(?:、|\.|,|部分|:))?"
    r"|\(\s*[一二三四五六七八九十]\s*\)|\d{1,2}\s*[、.])\s*)?"
)
_MARKUP = r"(?:(?:#{1,6}|\*{1,2}|<[^>\n]{1,40}>)[ \t]*)?"  # Markdown heading, bold, a stray tag
_ART20_HEADING = re.compile(r"第\s*二\s*十\s*条\s*第?\s*\(?\s*[一二三四五六七八九十\d]{1,3}\s*\)?\s*项")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@cache
def _heading_patterns(title: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A heading at the start of a line (preferred), and anywhere (for text flattened onto one line)."""
    body = loose(title)
    return (
        re.compile(rf"(?m)^[ \t]*{_MARKUP}{_NUMBERING}{body}"),
        re.compile(rf"(?=\S){_MARKUP}{_NUMBERING}{body}"),
    )


def parse_report_text(text: str, *, source: str = "") -> ReadResult:
    """Read a report from its text; what cannot be read becomes a finding, never a silent zero."""
    norm = normalise(text)
    lines = LineIndex(norm)
    findings: list[Finding] = []
    title = _find_title(norm[:3000])
    clean = blank_out(blank_page_furniture(norm, title.group() if title else None), _ART20_HEADING)
    compact = re.sub(r"\s+", "", norm)

    fmt_id = _recognise(compact, int(title.group("year")) if title else None)
    if fmt_id == "pre2019":
        return ReadResult(source, None, [finding("READ.old_format", _OLD_FORMAT_MESSAGE)], "pre2019")
    if fmt_id is None:
        message = "未识别为政府信息公开工作年度报告：没有找到“收到和处理政府信息公开申请情况”及其表格"
        return ReadResult(source, None, [finding("READ.not_a_report", message)], None)
    fmt = FORMATS[fmt_id]
    findings.append(finding("READ.format", f"识别为{fmt.name}（{fmt.basis}）"))

    year = int(title.group("year")) if title else _most_common_year(norm)
    if year is None:
        findings.append(finding("READ.no_year", "未找到报告年度：标题中应有“XXXX年政府信息公开工作年度报告”"))
        return ReadResult(source, None, findings, fmt_id)
    agency = _agency(title) if title else ""

    spans = _find_sections(clean, fmt, title.end() if title else 0)
    stated = cache(lambda: _stated_figures(clean, fmt))
    report = AnnualReport(agency, year, fmt_id)
    sources = SourceMap(lines)
    report.sources = sources
    for index, section in enumerate(fmt.sections):
        span = spans[section.key]
        if span is None and not section.is_text:
            for key in section.tables:
                name = fmt.table(key).heading or section.heading
                findings.append(_unread(fmt.table(key), "READ.missing_table", f"未找到表格“{name}”"))
            continue
        if span is None:
            findings.append(finding("TXT.missing_section", f"未找到第{section.number}部分“{section.title}”"))
            continue
        end = _next_start(spans, fmt, index, len(norm))
        if section.is_text:
            report.sections[section.key] = _section_text(text, clean, span[1], end)
        else:
            tables = [fmt.table(key) for key in section.tables]
            end = _other_heading(clean, section, tables, span[1], end)
            readings = read_tables(clean, tables, span[1], end, stated)
            for table in tables:
                _store_table(report, findings, fmt, table.key, readings[table.key], sources)
    return ReadResult(source, report, findings, fmt_id)


_OLD_FORMAT_MESSAGE = (
    "这是2019年以前（旧条例时期）的自由格式年度报告，没有现行格式的统计表，不按现行格式读取；"
    "请人工查阅，或只检查其文字内容"
)


def _recognise(compact: str, year: int | None) -> str | None:
    """The format a report is in, from its content: "2021", "2019", "pre2019", or None (not a report)."""
    has_table3 = "本年新收" in compact or "收到和处理政府信息公开申请情况" in compact
    if not has_table3:
        if any(t in compact for t in PRE_2019_TELL_TALES) or (year is not None and year < 2019):
            return "pre2019"
        return None
    hits = {f.id: sum(t in compact for t in f.tell_tales) for f in FORMATS.values()}
    if hits["2019"] > hits["2021"]:
        return "2019"
    if hits["2021"] == 0 and year is not None and year <= 2020 and "逾期不补正" not in compact:
        return "2019"
    return "2021"


def _find_title(head: str) -> re.Match[str] | None:
    """The title line: agency and year (a year in Chinese numerals, 二〇二三年, read as digits)."""
    head = _CHINESE_YEAR.sub(lambda m: m.group().translate(_CHINESE_DIGITS), head)
    matches = [m for m in (pattern.search(head) for pattern in _TITLES) if m]
    return min(matches, key=lambda m: m.start("year")) if matches else None


def _agency(title: re.Match[str]) -> str:
    before = re.sub(r"关于$", "", title.group("pre").strip()).split()
    if before:
        return before[-1]
    return re.sub(r"\s+", "", title.group("post"))


def _most_common_year(norm: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(norm[:5000])]
    return max(set(years), key=years.count) if years else None


_CHINESE_NUMBERS = "一二三四五六七八九十"


@cache
def _numbered_heading(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """A numbered heading worded in any way that keeps one of its words: 四、因政府信息公开工作被申请行政复议…"""
    words = "|".join(loose(k) for k in keywords)
    number = r"(?<![(（一二三四五六七八九十])([一二三四五六七八九十])\s*[、.,:]"
    return re.compile(rf"{number}[^。；;\n、]{{0,20}}?(?:{words})")


# the rest of a heading worded in its own way, up to the word that ends it: …及改进措施, …及明年工作计划
_MARKUP_ONLY = re.compile(rf"[ \t]*{_MARKUP}")  # what may stand before a heading's number on its line
_HEADING_REST = re.compile(r"(?:[^。；;\n\d(（：:]{0,16}?(?:情况|措施|计划|事项|方案))?")


def _find_sections(clean: str, fmt: ReportFormat, start: int) -> dict[str, tuple[int, int] | None]:
    """Each section's heading, in order: numbered headings first (an introduction that names every section
    is not taken for them), then the official title at a line start, then anywhere."""
    spans: dict[str, tuple[int, int] | None] = {}
    position = start
    for section in fmt.sections:
        at_line_start, anywhere = _heading_patterns(section.title)
        numbered = _numbered_heading(section.keywords).search(clean, position) if section.keywords else None
        if numbered:
            whole = anywhere.match(clean, numbered.start()) or _HEADING_REST.match(clean, numbered.end())
            line_start = clean.rfind("\n", 0, numbered.start()) + 1
            begin = line_start if _MARKUP_ONLY.fullmatch(clean, line_start, numbered.start()) else numbered.start()
            spans[section.key] = (begin, max(numbered.end(), whole.end()))
            position = spans[section.key][1]
            continue
        match = at_line_start.search(clean, position) or anywhere.search(clean, position)
        if match:
            spans[section.key] = (match.start(), match.end())
            position = match.end()
        else:
            spans[section.key] = None
    return spans


_ANY_NUMBERED = re.compile(r"(?<![(（一二三四五六七八九十])([一二三四五六七八九十])\s*、")


def _other_heading(clean: str, section: Section, tables: list[Table], start: int, end: int) -> int:
    """Where a section the format does not have begins inside a table section (a province's 五、信息处理费收取情况
    after 四), so its figures are not read as the table's: a later number whose words are no row of the tables."""
    own = _CHINESE_NUMBERS.index(section.number)
    words = [k for table in tables for row in table.rows for k in row.keywords]
    for match in _ANY_NUMBERED.finditer(clean, start, end):
        if _CHINESE_NUMBERS.index(match.group(1)) <= own:
            continue
        after = re.sub(r"\s+", "", clean[match.end() : match.end() + 40])
        if not any(w in after[:20] for w in words):
            return match.start()
    return end


# Figures a report's text states for a cell of section 二: the row's word, the column's word and one count in
# one clause ("全面梳理了我局现行有效的规范性文件16件"). They settle a glued row ("5416" = 5, 4, 16), never
# override a row that reads one way.
_COLUMN_WORDS = {
    "issued": ("制定", "制发", "出台", "印发"),
    "made": ("新制作", "制定", "制发"),
    "abolished": ("废止",),
    "in_force": ("现行有效",),
}
_CLAUSES = re.compile(r"[^。；;，,\n]+")
_COUNT = re.compile(r"(?<![\d.])(\d{1,6})\s*(?:件|个|份|部|项)")


def _stated_figures(clean: str, fmt: ReportFormat) -> dict[CellRef, set[Any]]:
    stated: dict[CellRef, set[Any]] = {}
    rows = [(t, r) for t in fmt.tables if t.section == "proactive" for r in t.rows if r.keywords]
    for clause in _CLAUSES.findall(re.sub(r"\s+", "", clean)):
        counts = _COUNT.findall(clause)
        if len(counts) != 1:
            continue
        named = [(t, r) for t, r in rows if any(k in clause for k in r.keywords)]
        if len(named) != 1:
            continue
        table, row = named[0]
        for column in table.columns:
            if any(word in clause for word in _COLUMN_WORDS.get(column.key, ())):
                stated.setdefault(CellRef(table.key, row.key, column.key), set()).add(int(counts[0]))
    return stated


def _next_start(spans: dict[str, tuple[int, int] | None], fmt: ReportFormat, index: int, default: int) -> int:
    for section in fmt.sections[index + 1 :]:
        span = spans[section.key]
        if span is not None:
            return span[0]
    return default


def _section_text(text: str, clean: str, start: int, end: int) -> str:
    """The section's paragraphs from the source text, one per line, page furniture left out."""
    paragraphs = []
    position = start
    for line in clean[start:end].split("\n"):
        line_end = position + len(line)
        if line.strip():
            paragraphs.append(text[position:line_end].strip())
        position = line_end + 1
    return "\n".join(paragraphs)


MAX_KEPT_CANDIDATES = 1000


class SourceMap(Mapping[CellRef, SourcePos]):
    """Where each cell was read: offsets kept, lines and columns worked out only when asked for."""

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.offsets: dict[CellRef, int] = {}
        # the splits of each row that could not be settled, (table, row) -> values: later evidence
        # (last year's report in the batch, see gongkai.report.read.settle) may settle them
        self.candidates: dict[tuple[str, str], list[tuple[Value, ...]]] = {}

    def __getitem__(self, ref: CellRef) -> SourcePos:
        return _pos(self.lines, self.offsets[ref])

    def __iter__(self) -> Iterator[CellRef]:
        return iter(self.offsets)

    def __len__(self) -> int:
        return len(self.offsets)


def _store_table(
    report: AnnualReport,
    findings: list[Finding],
    fmt: ReportFormat,
    table_key: str,
    reading: TableReading,
    sources: SourceMap,
) -> None:
    lines = sources.lines
    table = fmt.table(table_key)
    name = table.heading or fmt.section(table.section).heading
    if len(reading.missing_rows) == len(table.rows) and table.rows[0].keywords:
        findings.append(_unread(table, "READ.missing_table", f"未找到表格“{name}”"))
        return
    for row in reading.missing_rows:
        findings.append(
            _unread(
                table,
                "READ.missing_row",
                f"“{name}”中未找到“{row.label}”一行",
                cells=_row_cells(table_key, row.key, fmt),
            )
        )
    for row, count, offset in reading.bad_rows:
        label = row.label or name
        findings.append(
            _unread(
                table,
                "READ.row_cells",
                f"“{label}”一行读到{count}个数字，应为{len(table.columns)}个，无法确定各列数值",
                cells=_row_cells(table_key, row.key, fmt),
                expected=str(len(table.columns)),
                found=str(count),
                source=_pos(lines, offset),
            )
        )
    for row, options, offset in reading.ambiguous_rows:
        if len(options) <= MAX_KEPT_CANDIDATES:
            sources.candidates[(table_key, row.key)] = [o.values for o in options]
        shown = "；".join("、".join(_show(v) for v in o.values) for o in options[:3])
        findings.append(
            _unread(
                table,
                "READ.ambiguous_split",
                f"“{row.label or name}”一行数字粘连，有{len(options)}种拆分{_fits(options)}（如：{shown}），无法确定",
                cells=_row_cells(table_key, row.key, fmt),
                source=_pos(lines, offset),
            )
        )
    for row, offset in reading.zero_filled:
        message = (
            f"“{row.label or name}”一行少印一格（数字比列数少），各数字均为0；无论空的是哪一格，"
            "该格所在的勾稽关系另一边合计为0、件数不能为负，只能是0，已按0读取"
        )
        findings.append(finding("READ.glued_split", message, source=_pos(lines, offset)))
    for row, offset in reading.glued_rows:
        if row not in {r for r, _, _ in reading.ambiguous_rows}:
            findings.append(
                finding(
                    "READ.glued_split",
                    f"“{row.label or name}”一行数字粘连或有页码、空格夹杂，已按勾稽关系唯一确定",
                    source=_pos(lines, offset),
                )
            )
    zeros: dict[CellRef, Value] = {}
    for group, sums, offset in reading.merged:
        shown = "、".join(_show(v) for v in sums)
        cells = tuple(ref for r in table.rows if r.path[-1:] == (group,) for ref in _row_cells(table_key, r.key, fmt))
        if _all_zero_counts(table, sums):
            # a group printed as one row whose figures are all 0: counts are never negative, so every item is 0
            zeros.update(dict.fromkeys(cells, 0))
            message = f"“{name}”中“{group}”印为一行（{shown}），未分列其各项；合计均为0，各项只能是0，已按0读取"
            findings.append(finding("READ.merged_group", message, cells=cells, source=_pos(lines, offset)))
            continue
        # a non-zero sum over items not printed: which item holds it cannot be known, so they are unread
        message = f"“{name}”中“{group}”印为一行（{shown}），未分列其各项；各项无法得知，涉及它们的勾稽关系未核对"
        findings.append(finding("READ.merged_group_unknown", message, cells=cells, source=_pos(lines, offset)))
    amounts = {c.key for c in table.columns if c.kind is CellKind.AMOUNT}
    for ref, value in {**reading.values, **zeros}.items():
        report.cells[ref] = Decimal(value) if ref.column in amounts and isinstance(value, int) else value
    sources.offsets.update(reading.offsets)


def _unread(table: Table, rule: str, message: str, **details: Any) -> Finding:
    """A reading failure: an error where the table's 勾稽关系 need the cells, else a note that no rule needs them."""
    if table.identities:
        return finding(rule, message, **details)
    return finding("READ.unchecked", f"{message}（该表没有勾稽关系，不影响检查结论）", **details)


def _fits(options: list[RowReading]) -> str:
    return "都符合勾稽关系" if options[0].checked else "，没有一种符合本行勾稽关系"


def _all_zero_counts(table: Table, sums: tuple[Value, ...]) -> bool:
    """Whether a group's printed sums are all 0 in columns of counts (which no item can make negative)."""
    return all(v == 0 for v in sums) and all(c.kind is CellKind.COUNT for c in table.columns)


def _row_cells(table: str, row: str, fmt: ReportFormat) -> tuple[CellRef, ...]:
    return tuple(CellRef(table, row, c.key) for c in fmt.table(table).columns)


def _show(value: Value) -> str:
    return "空" if value is None else str(value)


def _pos(lines: LineIndex, offset: int) -> SourcePos:
    line, column = lines.position(offset)
    return SourcePos(line, column)
