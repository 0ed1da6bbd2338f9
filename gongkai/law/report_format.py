"""The annual report formats as data: sections, tables, rows, columns and their arithmetic identities.

国办公开办函〔2021〕30号 (the current format, reports for 2021 on) and its predecessor, the trial
format of 国办公开办函〔2019〕60号 (reports for 2019 and 2020). Everything else — the model's JSON
Schema, the consistency rules, the renderers and the readers — is derived from these descriptions.
Row and column keys are stable English identifiers; labels are the official Chinese text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple


class CellKind(StrEnum):
    COUNT = "count"  # 件: a whole number >= 0
    SIGNED_COUNT = "signed_count"  # 本年增/减 of the 2019 trial format: a whole number, may be negative
    AMOUNT = "amount"  # 万元: a decimal amount >= 0


class CellRef(NamedTuple):
    """One cell of a report: table key, row key, column key."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: CellKind = CellKind.COUNT
    path: tuple[str, ...] = ()  # header groups above the label, outermost first


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # the official label, with its numbering
    path: tuple[str, ...] = ()  # group headings the row sits under, outermost first
    keywords: tuple[str, ...] = ()  # distinctive words a reader uses to find the row in mangled text


@dataclass(frozen=True)
class Identity:
    """An arithmetic identity of a table: sum(left) == sum(right)."""

    rule: str  # the rule id of the family this identity belongs to
    left: tuple[CellRef, ...]
    right: tuple[CellRef, ...]


@dataclass(frozen=True)
class Table:
    key: str
    section: str  # the key of the section that holds the table
    heading: str  # the heading above the table in the report ("" where the section heading is enough)
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    row_header: str = ""  # the header of the label column (信息内容)
    note: str = ""  # the note printed in the header block
    identities: tuple[Identity, ...] = ()

    def column(self, key: str) -> Column:
        return self._columns[key]

    def row(self, key: str) -> Row:
        return self._rows[key]

    @cached_property
    def _columns(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    @cached_property
    def _rows(self) -> dict[str, Row]:
        return {r.key: r for r in self.rows}

    @cached_property
    def row_identities(self) -> dict[str, tuple[Identity, ...]]:
        """For each row, the identities that involve that row alone (they judge a row by itself)."""
        return {
            row.key: tuple(i for i in self.identities if {ref.row for ref in (*i.left, *i.right)} == {row.key})
            for row in self.rows
        }

    def cells(self) -> tuple[CellRef, ...]:
        return self._cells

    @cached_property
    def _cells(self) -> tuple[CellRef, ...]:
        return tuple(CellRef(self.key, r.key, c.key) for r in self.rows for c in self.columns)


@dataclass(frozen=True)
class SubItem:
    key: str
    label: str
    keywords: tuple[str, ...]  # any of these in the section's text shows the sub-item is covered


@dataclass(frozen=True)
class Section:
    key: str
    number: str  # 一 … 六
    title: str
    tables: tuple[str, ...] = ()  # table keys; a section without tables is a text section
    subitems: tuple[SubItem, ...] = ()
    keywords: tuple[str, ...] = ()  # words of the heading however a report words it ("行政复议" of 四)

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"

    @property
    def is_text(self) -> bool:
        return not self.tables


@dataclass(frozen=True)
class ReportFormat:
    id: str
    name: str
    basis: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    first_year: int
    last_year: int | None = None
    tell_tales: tuple[str, ...] = field(default=())  # phrases found only in this format

    def table(self, key: str) -> Table:
        return self._tables[key]

    def section(self, key: str) -> Section:
        return self._sections[key]

    def cells(self) -> tuple[CellRef, ...]:
        return self._cells

    def kind(self, ref: CellRef) -> CellKind:
        return self._kinds[ref]

    @cached_property
    def _tables(self) -> dict[str, Table]:
        return {t.key: t for t in self.tables}

    @cached_property
    def _sections(self) -> dict[str, Section]:
        return {s.key: s for s in self.sections}

    @cached_property
    def _cells(self) -> tuple[CellRef, ...]:
        return tuple(self._kinds)

    @cached_property
    def _kinds(self) -> dict[CellRef, CellKind]:
        return {ref: t.column(ref.column).kind for t in self.tables for ref in t.cells()}


# --------------------------------------------------------------------------------------------
# Section 三: 收到和处理政府信息公开申请情况 (shared by both formats but for the （六） rows)

APPLICANT_COLUMNS = (
    Column("natural_person", "自然人", path=("申请人情况",)),
    Column("commercial", "商业企业", path=("申请人情况", "法人或其他组织")),
    Column("research", "科研机构", path=("申请人情况", "法人或其他组织")),
    Column("public_interest", "社会公益组织", path=("申请人情况", "法人或其他组织")),
    Column("legal_services", "法律服务机构", path=("申请人情况", "法人或其他组织")),
    Column("other_org", "其他", path=("申请人情况", "法人或其他组织")),
    Column("total", "总计", path=("申请人情况",)),
)
APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_HANDLED = "（五）不予处理"
_OTHER = "（六）其他处理"

_HEAD_ROWS = (
    Row("new", "一、本年新收政府信息公开申请数量", keywords=("本年新收",)),
    Row("carried_in", "二、上年结转政府信息公开申请数量", keywords=("上年结转",)),
)
_OUTCOME_ROWS_BEFORE_OTHER = (
    Row("granted", "（一）予以公开", (_RESULTS,), ("予以公开",)),
    Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (_RESULTS,), ("部分公开",)),
    Row("withheld.state_secret", "1.属于国家秘密", (_RESULTS, _WITHHELD), ("国家秘密",)),
    Row("withheld.law_forbids", "2.其他法律行政法规禁止公开", (_RESULTS, _WITHHELD), ("禁止公开",)),
    Row("withheld.security_stability", "3.危及“三安全一稳定”", (_RESULTS, _WITHHELD), ("三安全一稳定",)),
    Row("withheld.third_party", "4.保护第三方合法权益", (_RESULTS, _WITHHELD), ("第三方合法权益",)),
    Row("withheld.internal_affairs", "5.属于三类内部事务信息", (_RESULTS, _WITHHELD), ("内部事务",)),
    Row("withheld.process_info", "6.属于四类过程性信息", (_RESULTS, _WITHHELD), ("过程性信息",)),
    Row("withheld.enforcement_file", "7.属于行政执法案卷", (_RESULTS, _WITHHELD), ("执法案卷",)),
    Row("withheld.query_matter", "8.属于行政查询事项", (_RESULTS, _WITHHELD), ("行政查询",)),
    Row("unable.not_held", "1.本机关不掌握相关政府信息", (_RESULTS, _UNABLE), ("不掌握",)),
    Row("unable.needs_creation", "2.没有现成信息需要另行制作", (_RESULTS, _UNABLE), ("另行制作",)),
    Row("unable.unclear_after_correction", "3.补正后申请内容仍不明确", (_RESULTS, _UNABLE), ("仍不明确",)),
    Row("not_handled.petition", "1.信访举报投诉类申请", (_RESULTS, _NOT_HANDLED), ("信访",)),
    Row("not_handled.repeat", "2.重复申请", (_RESULTS, _NOT_HANDLED), ("重复申请",)),
    Row("not_handled.publication", "3.要求提供公开出版物", (_RESULTS, _NOT_HANDLED), ("公开出版物",)),
    Row("not_handled.excessive", "4.无正当理由大量反复申请", (_RESULTS, _NOT_HANDLED), ("大量反复",)),
    Row(
        "not_handled.confirm_or_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        (_RESULTS, _NOT_HANDLED),
        ("重新出具", "确认或重新"),
    ),
)
_OTHER_ROWS_2021 = (
    Row(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        (_RESULTS, _OTHER),
        ("不补正",),
    ),
    Row(
        "other.no_payment",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        (_RESULTS, _OTHER),
        ("缴纳费用", "收费通知"),
    ),
    Row("other.other", "3.其他", (_RESULTS, _OTHER), ("其他",)),
)
_OTHER_ROWS_2019 = (Row("other", "（六）其他处理", (_RESULTS,), ("其他处理",)),)
_TAIL_ROWS = (
    Row("total", "（七）总计", (_RESULTS,), ("总计", "合计")),
    Row("carried_out", "四、结转下年度继续办理", keywords=("结转下年度",)),
)


def _applications_identities(table: str, rows: tuple[Row, ...]) -> tuple[Identity, ...]:
    """The 勾稽关系 of table 三, derived from its rows and columns."""
    outcome_rows = [r.key for r in rows if r.path[:1] == (_RESULTS,) and r.key != "total"]
    applicant_columns = [c.key for c in APPLICANT_COLUMNS if c.key != "total"]
    balance = tuple(
        Identity(
            "T3.balance",  # 表三表头：第一项加第二项之和，等于第三项加第四项之和
            (CellRef(table, "new", c.key), CellRef(table, "carried_in", c.key)),
            (CellRef(table, "total", c.key), CellRef(table, "carried_out", c.key)),
        )
        for c in APPLICANT_COLUMNS
    )
    outcome_total = tuple(
        Identity(
            "T3.outcome_total",  # （七）总计 = the sum of every outcome row
            (CellRef(table, "total", c.key),),
            tuple(CellRef(table, r, c.key) for r in outcome_rows),
        )
        for c in APPLICANT_COLUMNS
    )
    applicant_total = tuple(
        Identity(
            "T3.applicant_total",  # 总计 = 自然人 + the five 法人或其他组织 columns
            (CellRef(table, r.key, "total"),),
            tuple(CellRef(table, r.key, c) for c in applicant_columns),
        )
        for r in rows
    )
    return balance + outcome_total + applicant_total


def _applications_table(rows: tuple[Row, ...]) -> Table:
    return Table(
        key="applications",
        section="applications",
        heading="",
        columns=APPLICANT_COLUMNS,
        rows=rows,
        note=APPLICATIONS_NOTE,
        identities=_applications_identities("applications", rows),
    )


# --------------------------------------------------------------------------------------------
# Section 四: 政府信息公开行政复议、行政诉讼情况 (one row of 15 numbers, both formats)

APPEAL_GROUPS = (
    ("review", ("行政复议",)),
    ("direct_suit", ("行政诉讼", "未经复议直接起诉")),
    ("suit_after_review", ("行政诉讼", "复议后起诉")),
)
APPEAL_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def _appeals_table() -> Table:
    columns = tuple(
        Column(f"{group}.{result}", label, path=path)
        for group, path in APPEAL_GROUPS
        for result, label in APPEAL_RESULTS
    )
    identities = tuple(
        Identity(
            "T4.group_total",  # each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结
            (CellRef("appeals", "cases", f"{group}.total"),),
            tuple(CellRef("appeals", "cases", f"{group}.{r}") for r, _ in APPEAL_RESULTS if r != "total"),
        )
        for group, _ in APPEAL_GROUPS
    )
    return Table(
        key="appeals",
        section="appeals",
        heading="",
        columns=columns,
        rows=(Row("cases", "", keywords=()),),
        identities=identities,
    )


# --------------------------------------------------------------------------------------------
# Text sections

OVERALL_SUBITEMS = (  # 国办公开办函〔2021〕30号 一（一）; 条例 第五十条
    SubItem("proactive", "主动公开", ("主动公开",)),
    SubItem("on_request", "依申请公开", ("依申请公开", "政府信息公开申请")),
    SubItem("management", "政府信息管理", ("政府信息管理", "信息管理")),
    SubItem("platform", "政府信息公开平台建设", ("平台建设", "公开平台", "网站建设", "门户网站建设")),
    SubItem("oversight", "监督保障", ("监督保障", "考核", "社会评议", "责任追究")),
)
# 条例 第五十条: 各级人民政府应当建立健全政府信息公开工作考核制度、社会评议制度和责任追究制度 — a
# government's report states the results of each of the three (any one word is not enough).
GOVERNMENT_OVERSIGHT_SUBITEMS = (
    SubItem("assessment", "工作考核", ("考核",)),
    SubItem("public_evaluation", "社会评议", ("社会评议", "评议")),
    SubItem("accountability", "责任追究", ("责任追究", "追责", "问责")),
)
OTHER_MATTERS_SUBITEMS = (  # 信息处理费 must be stated even when none was charged (国办函〔2020〕109号)
    SubItem("processing_fee", "信息处理费收取情况", ("信息处理费",)),
)


def _sections(art20_tables: tuple[str, ...]) -> tuple[Section, ...]:
    return (
        Section("overall", "一", "总体情况", subitems=OVERALL_SUBITEMS, keywords=("总体情况", "概述")),
        Section("proactive", "二", "主动公开政府信息情况", tables=art20_tables, keywords=("主动公开",)),
        Section(
            "applications",
            "三",
            "收到和处理政府信息公开申请情况",
            tables=("applications",),
            keywords=("收到和处理", "处理政府信息公开申请", "依申请公开"),
        ),
        Section("appeals", "四", "政府信息公开行政复议、行政诉讼情况", tables=("appeals",), keywords=("复议", "诉讼")),
        Section("problems", "五", "存在的主要问题及改进情况", keywords=("问题",)),
        Section(
            "other", "六", "其他需要报告的事项", subitems=OTHER_MATTERS_SUBITEMS, keywords=("其他需要报告", "其他事项")
        ),
    )


def _art20(key: str, heading: str, columns: tuple[Column, ...], rows: tuple[Row, ...]) -> Table:
    """A table of section 二, headed by the item of 条例 第二十条 it reports."""
    return Table(key, "proactive", heading, columns, rows, row_header="信息内容")


# --------------------------------------------------------------------------------------------
# Section 二 of the 2021 format: four tables, each headed by the item of 条例 第二十条 it reports

_DECISIONS = Column("decisions", "本年处理决定数量")
FORMAT_2021 = ReportFormat(
    id="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    basis="国办公开办函〔2021〕30号",
    first_year=2021,
    sections=_sections(("art20_1", "art20_5", "art20_6", "art20_8")),
    tables=(
        _art20(
            "art20_1",
            "第二十条第（一）项",
            (
                Column("issued", "本年制发件数"),
                Column("abolished", "本年废止件数"),
                Column("in_force", "现行有效件数"),
            ),
            (
                Row("rules", "规章", keywords=("规章",)),
                Row("normative_documents", "行政规范性文件", keywords=("规范性文件",)),
            ),
        ),
        _art20(
            "art20_5",
            "第二十条第（五）项",
            (_DECISIONS,),
            (Row("licensing", "行政许可", keywords=("行政许可",)),),
        ),
        _art20(
            "art20_6",
            "第二十条第（六）项",
            (_DECISIONS,),
            (
                Row("penalty", "行政处罚", keywords=("行政处罚",)),
                Row("coercion", "行政强制", keywords=("行政强制",)),
            ),
        ),
        _art20(
            "art20_8",
            "第二十条第（八）项",
            (Column("fee_amount", "本年收费金额（单位：万元）", CellKind.AMOUNT),),
            (Row("fees", "行政事业性收费", keywords=("事业性收费",)),),
        ),
        _applications_table(_HEAD_ROWS + _OUTCOME_ROWS_BEFORE_OTHER + _OTHER_ROWS_2021 + _TAIL_ROWS),
        _appeals_table(),
    ),
    tell_tales=("本年制发件数", "本年处理决定数量", "逾期不补正"),
)

# --------------------------------------------------------------------------------------------
# The 2019 trial format (国办公开办函〔2019〕60号): another section 二, and （六）其他处理 as one row

_LAST_YEAR_ITEMS = Column("last_year_items", "上一年项目数量")
_CHANGE = Column("change", "本年增/减", CellKind.SIGNED_COUNT)
FORMAT_2019 = ReportFormat(
    id="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    basis="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=_sections(("art20_1", "art20_5", "art20_6", "art20_8", "art20_9")),
    tables=(
        _art20(
            "art20_1",
            "第二十条第（一）项",
            (
                Column("made", "本年新制作数量"),
                Column("published", "本年新公开数量"),
                Column("public_total", "对外公开总数量"),
            ),
            (
                Row("rules", "规章", keywords=("规章",)),
                Row("normative_documents", "规范性文件", keywords=("规范性文件",)),
            ),
        ),
        _art20(
            "art20_5",
            "第二十条第（五）项",
            (_LAST_YEAR_ITEMS, _CHANGE, Column("decisions", "处理决定数量")),
            (
                Row("licensing", "行政许可", keywords=("行政许可",)),
                Row("other_services", "其他对外管理服务事项", keywords=("对外管理服务",)),
            ),
        ),
        _art20(
            "art20_6",
            "第二十条第（六）项",
            (_LAST_YEAR_ITEMS, _CHANGE, Column("decisions", "处理决定数量")),
            (
                Row("penalty", "行政处罚", keywords=("行政处罚",)),
                Row("coercion", "行政强制", keywords=("行政强制",)),
            ),
        ),
        _art20(
            "art20_8",
            "第二十条第（八）项",
            (_LAST_YEAR_ITEMS, _CHANGE),
            (Row("fees", "行政事业性收费", keywords=("事业性收费",)),),
        ),
        _art20(
            "art20_9",
            "第二十条第（九）项",
            (
                Column("procurement_items", "采购项目数量"),
                Column("procurement_amount", "采购总金额", CellKind.AMOUNT),
            ),
            (Row("procurement", "政府集中采购", keywords=("集中采购",)),),
        ),
        _applications_table(_HEAD_ROWS + _OUTCOME_ROWS_BEFORE_OTHER + _OTHER_ROWS_2019 + _TAIL_ROWS),
        _appeals_table(),
    ),
    tell_tales=("本年新制作数量", "对外公开总数量", "第二十条第（九）项", "政府集中采购", "上一年项目数量"),
)

FORMATS = {f.id: f for f in (FORMAT_2021, FORMAT_2019)}
CURRENT_FORMAT = FORMAT_2021

# Phrases of the 2008–2018 reports (old Regulation) and their 《政府信息公开情况统计表》: a reader that
# meets them says so instead of forcing the report into a model it does not fit.
PRE_2019_TELL_TALES = (
    "同意公开答复数",
    "同意部分公开答复数",
    "不同意公开答复数",
    "否决公开",
    "被依法纠错数",
    "依申请公开信息收取的费用",
    "专职人员数",
    "主动公开政府信息数",
    "政府信息公开的收费及减免情况",
)
