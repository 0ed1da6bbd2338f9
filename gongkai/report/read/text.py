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

from gongkai.law.report_format import FORMATS, PRE_2019_TELL_TALES, CellKind, CellRef, ReportFormat
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport, SourcePos, Value
from gongkai.report.read import ReadResult
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
_NUMBERING = (
    r"(?:第?[一二三四五六七八九十]{1,2}\s*(?:、|\.|,|部分|:)?|\(\s*[一二三四五六七八九十]\s*\)|\d{1,2}\s*[、.])?"
)
_MARKUP = r"(?:#{1,6}[ \t]*|\*{1,2}|<[^>\n]{1,40}>)?"  # Markdown heading, bold, a stray tag
_ART20_HEADING = re.compile(r"第\s*二\s*十\s*条\s*第?\s*\(?\s*[一二三四五六七八九十\d]{1,3}\s*\)?\s*项")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@cache
def _heading_patterns(title: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A heading at the start of a line (preferred), and anywhere (for text flattened onto one line)."""
    body = loose(title)
    return (
        re.compile(rf"(?m)^[ \t]*{_MARKUP}{_NUMBERING}[ \t]*{body}"),
        re.compile(rf"{_MARKUP}{_NUMBERING}\s*{body}"),
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
    report = AnnualReport(agency, year, fmt_id)
    sources = SourceMap(lines)
    report.sources = sources
    for index, section in enumerate(fmt.sections):
        span = spans[section.key]
        if span is None:
            findings.append(finding("TXT.missing_section", f"缺少第{section.number}部分“{section.title}”"))
            continue
        end = _next_start(spans, fmt, index, len(norm))
        if section.is_text:
            report.sections[section.key] = _section_text(text, clean, span[1], end)
        else:
            tables = [fmt.table(key) for key in section.tables]
            readings = read_tables(clean, tables, span[1], end)
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


def _find_sections(clean: str, fmt: ReportFormat, start: int) -> dict[str, tuple[int, int] | None]:
    spans: dict[str, tuple[int, int] | None] = {}
    position = start
    for section in fmt.sections:
        at_line_start, anywhere = _heading_patterns(section.title)
        match = at_line_start.search(clean, position) or anywhere.search(clean, position)
        if match:
            spans[section.key] = (match.start(), match.end())
            position = match.end()
        else:
            spans[section.key] = None
    return spans


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


class SourceMap(Mapping[CellRef, SourcePos]):
    """Where each cell was read: offsets kept, lines and columns worked out only when asked for."""

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.offsets: dict[CellRef, int] = {}

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
        findings.append(finding("READ.missing_table", f"未找到表格“{name}”"))
        return
    for row in reading.missing_rows:
        findings.append(
            finding("READ.missing_row", f"“{name}”中未找到“{row.label}”一行", cells=_row_cells(table_key, row.key, fmt))
        )
    for row, count, offset in reading.bad_rows:
        label = row.label or name
        findings.append(
            finding(
                "READ.row_cells",
                f"“{label}”一行读到{count}个数字，应为{len(table.columns)}个，无法确定各列数值",
                cells=_row_cells(table_key, row.key, fmt),
                expected=str(len(table.columns)),
                found=str(count),
                source=_pos(lines, offset),
            )
        )
    for row, options, offset in reading.ambiguous_rows:
        shown = "；".join("、".join(_show(v) for v in o.values) for o in options[:3])
        findings.append(
            finding(
                "READ.ambiguous_split",
                f"“{row.label or name}”一行数字粘连，有{len(options)}种拆分都符合勾稽关系（如：{shown}），无法确定",
                cells=_row_cells(table_key, row.key, fmt),
                source=_pos(lines, offset),
            )
        )
    for row, offset in reading.glued_rows:
        if row not in {r for r, _, _ in reading.ambiguous_rows}:
            findings.append(
                finding(
                    "READ.glued_split",
                    f"“{row.label or name}”一行数字粘连或有页码、空格夹杂，已按勾稽关系唯一确定",
                    source=_pos(lines, offset),
                )
            )
    amounts = {c.key for c in table.columns if c.kind is CellKind.AMOUNT}
    for ref, value in reading.values.items():
        report.cells[ref] = Decimal(value) if ref.column in amounts and isinstance(value, int) else value
    sources.offsets.update(reading.offsets)


def _row_cells(table: str, row: str, fmt: ReportFormat) -> tuple[CellRef, ...]:
    return tuple(CellRef(table, row, c.key) for c in fmt.table(table).columns)


def _show(value: Value) -> str:
    return "空" if value is None else str(value)


def _pos(lines: LineIndex, offset: int) -> SourcePos:
    line, column = lines.position(offset)
    return SourcePos(line, column)
