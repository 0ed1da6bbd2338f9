"""Rules on the text sections: the content the format asks for, figures against the tables, the year spoken of."""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.law.report_format import GOVERNMENT_OVERSIGHT_SUBITEMS, CellRef, Section
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport
from gongkai.report.rules.agency import is_government_from_name
from gongkai.report.rules.labels import cell_title, show
from gongkai.report.rules.textutil import NUMBER, YEAR, clauses, compact, parse_number, sentences

OVERALL = "overall"  # 一、总体情况: where figures and the report's year are stated
PROBLEMS = "problems"  # 五、存在的主要问题及改进情况: plans for next year are expected here
_NOTHING = {"无", "暂无", "没有", "无其他需要报告的事项"}

# ---------------------------------------------------------------- completeness (条例 第五十条)


def check_completeness(report: AnnualReport) -> list[Finding]:
    """TXT.empty_section for a text section with nothing in it; TXT.missing_subitem per item not covered."""
    findings: list[Finding] = []
    for section in report.format.sections:
        if not section.is_text:
            continue
        text = compact(report.sections.get(section.key, "")).replace("\n", "")
        if not text:
            findings.append(
                finding("TXT.empty_section", f"“{section.heading}”没有内容", expected="文字说明", found="空白")
            )
            continue
        findings += _missing_subitems(section, text)
    return findings + _government_oversight(report)


def _government_oversight(report: AnnualReport) -> list[Finding]:
    """条例 第五十条: a 人民政府's report states 工作考核、社会评议 and 责任追究, each of the three."""
    if not is_government_from_name(report.agency):
        return []
    text = compact(report.sections.get(OVERALL, "")).replace("\n", "")
    if not text:
        return []  # already TXT.empty_section
    missing = [item for item in GOVERNMENT_OVERSIGHT_SUBITEMS if not any(w in text for w in item.keywords)]
    if not missing:
        return []
    labels = "、".join(item.label for item in missing)
    return [
        finding(
            "TXT.government_oversight",
            f"{report.agency}是人民政府，“总体情况”应写明工作考核、社会评议和责任追究的情况（条例第五十条），"
            f"未写到：{labels}",
            expected="工作考核、社会评议、责任追究",
            found=f"缺少{labels}",
        )
    ]


def _missing_subitems(section: Section, text: str) -> list[Finding]:
    findings: list[Finding] = []
    says_nothing = text.rstrip("。.") in _NOTHING
    for item in section.subitems:
        if any(word in text for word in item.keywords):
            continue
        if says_nothing:  # "无" alone leaves the item out: even "none" must be said of it
            message = f"“{section.heading}”只写了“{text}”，未写到“{item.label}”（没有的也应写明）"
        else:
            message = f"“{section.heading}”未写到“{item.label}”"
        if len(section.subitems) > 1:
            message += f"（格式要求本部分涵盖{'、'.join(i.label for i in section.subitems)}）"
        findings.append(finding("TXT.missing_subitem", message, expected=item.label, found="未写到"))
    return findings


# ---------------------------------------------------------------- figures in the text against the tables

_RECEIVE = r"(?:收到|受理|新收|接收|接到|收悉)"
_UNIT = r"(?:件|个|条|份|宗|起)"
_NUMERALS = r"\d零〇一二两三四五六七八九十百千万"
_REQUEST_COUNTS = (
    re.compile(rf"{_RECEIVE}[^{_NUMERALS}]{{0,20}}?申请[^{_NUMERALS}]{{0,6}}?{NUMBER}{_UNIT}"),  # 收到申请21件
    re.compile(rf"{_RECEIVE}(?:共|共计|合计)?{NUMBER}{_UNIT}[^{_NUMERALS}]{{0,12}}?申请"),  # 收到21件申请
)
_NO_REQUESTS = re.compile(rf"(?:未|没有){_RECEIVE}[^{_NUMERALS}]{{0,20}}?申请")
# words that narrow a statement to part of the requests: a channel, an applicant kind, an outcome, a period
_NARROWER_REQUESTS = (
    "其中", "涉及", "通过", "网上", "网络", "在线", "信函", "邮寄", "当面", "现场", "传真", "邮件", "来信",
    "自然人", "法人", "企业", "组织", "予以", "部分", "不予", "无法", "结转", "上年", "去年", "同比", "较",
    "增长", "下降", "减少", "增加", "占", "累计", "以来", "月", "季度", "办结", "答复", "复议", "诉讼", "投诉",
    "举报", "信访", "费",
)  # fmt: skip
_NO_APPEALS = re.compile(r"(?:未|没有|无)(?!法|正当)[^。；]{0,24}?(?:行政复议|行政诉讼)")
_NARROWER_APPEALS = (
    "其中", "维持", "纠正", "撤销", "确认", "驳回", "审结", "尚未", "败诉", "胜诉", "上年", "去年", "同比", "较",
    "其他结果", "各", "分别", "复议后", "直接起诉", "累计", "以来", "月",
)  # fmt: skip

_TABLE = "applications"
_NEW = CellRef(_TABLE, "new", "total")
_CARRIED_IN = CellRef(_TABLE, "carried_in", "total")
_REVIEW_TOTAL = (CellRef("appeals", "cases", "review.total"),)
_SUIT_TOTAL = (CellRef("appeals", "cases", "direct_suit.total"), CellRef("appeals", "cases", "suit_after_review.total"))
_APPEAL_COUNTS = (  # 表四: 行政复议 总计; 行政诉讼 = 未经复议直接起诉 总计 + 复议后起诉 总计
    (_REVIEW_TOTAL, re.compile(rf"行政复议(?:案件|申请)?(?:共|共计|合计)?{NUMBER}{_UNIT}")),
    (_REVIEW_TOTAL, re.compile(rf"{NUMBER}{_UNIT}(?:政府信息公开)?行政复议")),
    (_SUIT_TOTAL, re.compile(rf"行政诉讼(?:案件)?(?:共|共计|合计)?{NUMBER}{_UNIT}")),
    (_SUIT_TOTAL, re.compile(rf"{NUMBER}{_UNIT}(?:政府信息公开)?行政诉讼")),
)


def check_figures(report: AnnualReport) -> list[Finding]:
    """TXT.figure_mismatch: whole-scope statements in 一、总体情况 that contradict tables 三 and 四."""
    findings: list[Finding] = []
    for sentence in sentences(report.sections.get(OVERALL, "")):
        opening = YEAR.match(sentence)
        if opening and int(opening.group(1)) != report.year:
            continue  # a sentence about another year ("2022年，共收到申请15件")
        previous = ""
        for clause in clauses(sentence):
            after_qualifier = previous.endswith("其中")
            previous = clause
            if after_qualifier or _other_year_in(clause, report.year):
                continue
            findings += _request_figures(report, clause)
            findings += _appeal_figures(report, clause)
    return findings


def _request_figures(report: AnnualReport, clause: str) -> list[Finding]:
    if "申请" not in clause or any(word in clause for word in _NARROWER_REQUESTS):  # every statement names 申请
        return []
    new, carried_in = report.cells[_NEW], report.cells[_CARRIED_IN]
    if new is None:
        return []
    stated: int | None = None
    for pattern in _REQUEST_COUNTS:
        match = pattern.search(clause)
        if match:
            stated = parse_number(match.group(1))
            break
    else:
        if _NO_REQUESTS.search(clause):
            stated = 0
    if stated is None:
        return []
    plausible = {new} if carried_in is None else {new, new + carried_in}  # 本年新收, or with 上年结转
    if stated in plausible:
        return []
    fmt = report.format
    message = f"“一、总体情况”写“{clause}”，而{cell_title(fmt, _NEW)}为{show(new)}"
    if carried_in:
        message += f"（加上年结转为{show(new + carried_in)}）"
    cells = (_NEW,) if carried_in is None else (_NEW, _CARRIED_IN)
    return [finding("TXT.figure_mismatch", message, cells=cells, expected=show(new), found=str(stated))]


def _appeal_figures(report: AnnualReport, clause: str) -> list[Finding]:
    if ("复议" not in clause and "诉讼" not in clause) or any(word in clause for word in _NARROWER_APPEALS):
        return []
    statements: list[tuple[tuple[CellRef, ...], int]] = []
    for cells, pattern in _APPEAL_COUNTS:
        match = pattern.search(clause)
        stated = parse_number(match.group(1)) if match else None
        if stated is not None:
            statements.append((cells, stated))
    if not statements and (negation := _NO_APPEALS.search(clause)):
        spoken = clause[negation.start() :]
        if "复议" in spoken:
            statements.append((_REVIEW_TOTAL, 0))
        if "诉讼" in spoken:
            statements.append((_SUIT_TOTAL, 0))
    findings: list[Finding] = []
    seen: set[tuple[CellRef, ...]] = set()
    for cells, stated in statements:
        values = [report.cells[c] for c in cells]
        if cells in seen or any(v is None for v in values):
            continue
        seen.add(cells)
        actual = sum(v for v in values if v is not None)
        if actual == stated:
            continue
        names = "与".join(cell_title(report.format, c) for c in cells)
        findings.append(
            finding(
                "TXT.figure_mismatch",
                f"“一、总体情况”写“{clause}”，而{names}{'之和' if len(cells) > 1 else ''}为{show(actual)}",
                cells=cells,
                expected=show(actual),
                found=str(stated),
            )
        )
    return findings


def _other_year_in(text: str, year: int) -> bool:
    return any(int(y) != year for y in YEAR.findall(text))


# ---------------------------------------------------------------- the year spoken of

_SENTENCE_YEAR = re.compile(
    r"^((?:19|20)\d{2})年度?(?![\d一二三四五六七八九十]|月|以来|至|到|起|底|初|末|前|后|上半|下半|[-—～~])"
)
_COMPARING = ("较", "比", "相比", "对比", "上年", "去年", "上一年")
_PLANNING = ("将", "计划", "拟", "力争", "预计", "继续", "进一步", "持续", "下一步", "下阶段")


def check_other_year(report: AnnualReport) -> list[Finding]:
    """TXT.other_year: a sentence that opens with another year as if it were the report's ("2022年，我乡…")."""
    findings: list[Finding] = []
    for section in report.format.sections:
        if not section.is_text:
            continue
        hits = list(_other_year_sentences(report.sections.get(section.key, ""), report.year, section.key))
        if not hits:
            continue
        first_year, first = hits[0]
        quote = first if len(first) <= 30 else first[:30] + "…"
        count = f"有{len(hits)}处" if len(hits) > 1 else ""
        findings.append(
            finding(
                "TXT.other_year",
                f"“{section.heading}”{count}以{first_year}年为本年度叙述，如“{quote}”；报告年度为{report.year}年",
                expected=str(report.year),
                found=str(first_year),
            )
        )
    return findings


def _other_year_sentences(text: str, year: int, section: str) -> Iterable[tuple[int, str]]:
    for sentence in sentences(text):
        match = _SENTENCE_YEAR.match(sentence)
        if not match or int(match.group(1)) == year:
            continue
        spoken = int(match.group(1))
        if any(word in sentence for word in _COMPARING):
            continue
        if spoken > year and (section == PROBLEMS or any(word in sentence for word in _PLANNING)):
            continue  # plans for next year
        yield spoken, sentence
