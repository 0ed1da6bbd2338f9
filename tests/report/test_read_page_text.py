"""Page text as government sites publish it: every cell glued to the next, labels glued to numbers.

Built from reports of known content, each test takes one thing real pages do (seen in the reports of
tests/fixtures/real-reports, but not tied to them) and checks that every cell is read and the outcome is
right: 通过 for a sound report, 有错误 only where the figures break a 勾稽 rule, 未能完整读取 where a part a
rule needs cannot be read.
"""

from __future__ import annotations

import re

from gongkai.report.checking import check_read
from gongkai.report.model import AnnualReport
from gongkai.report.outcome import Outcome
from gongkai.report.read import read_text
from gongkai.report.render import render
from tests.report.test_read_text import issue_example

A = "applications"
INTRO = (
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
    "行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六个部分。"
)


def page_text(report: AnnualReport, intro: str = INTRO) -> str:
    """The title line, then the whole report on one line with no space anywhere, as page text gives it."""
    title, _, body = render(report, "text").partition("\n")
    return title + "\n" + intro + re.sub(r"\s+", "", body)


def test_glued_page_text_with_an_introduction_naming_every_section() -> None:
    """The introduction names every section; the headings are the numbered ones after it."""
    report = issue_example()
    result = read_text(page_text(report))
    assert result.report is not None and result.report.cells == report.cells
    assert check_read(result).status is Outcome.PASSED


def test_headings_worded_otherwise_or_misspelt() -> None:
    """四、…行政法复议 (a typo), 五、存在的主要问题及整改措施: found by their number and a word of theirs."""
    report = issue_example()
    text = page_text(report).replace("四、政府信息公开行政复议", "四、政府信息公开行政法复议")
    text = text.replace("五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施")
    result = read_text(text)
    assert result.report is not None and result.report.cells == report.cells
    assert result.report.sections["problems"] == "无"
    assert not [f for f in result.findings if f.rule == "TXT.missing_section"]


def test_a_section_the_format_lacks_does_not_spill_into_table_4() -> None:
    """A province's 五、信息处理费收取情况 with a fee table of its own moves 存在的主要问题 to 六."""
    report = issue_example()
    fee = "五、信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况000"
    text = page_text(report).replace("五、存在的主要问题及改进情况", fee + "六、存在的主要问题和改进情况")
    text = text.replace("六、其他需要报告的事项", "七、其他需要报告的事项")
    result = read_text(text)
    assert result.report is not None and result.report.cells == report.cells
    assert check_read(result).status is Outcome.PASSED


def test_a_row_printed_without_figures_is_blank_not_unreadable() -> None:
    report = issue_example()
    text = page_text(report).replace("3.补正后申请内容仍不明确0000000", "3.补正后申请内容仍不明确")
    result = read_text(text)
    assert result.report is not None
    assert result.report.row_values(A, "unable.unclear_after_correction") == [None] * 7
    checked = check_read(result)
    assert checked.status is Outcome.PASSED and any(f.rule == "CELL.blank" for f in checked.findings)


def test_a_table_whose_rows_have_no_figures_is_not_read_as_blank() -> None:
    """Most rows without figures: the figures are elsewhere (a converter split them off), not blank."""
    report = issue_example()
    text = re.sub(r"(?<=[^\d])\d{7,9}(?=[^\d]|$)", "", page_text(report))
    assert check_read(read_text(text)).status is Outcome.INCOMPLETE


def test_a_blank_cell_shows_as_a_space_between_glued_figures() -> None:
    """`0 00000`: six figures for seven cells, the blank one where the space is (an &nbsp; cell)."""
    report = AnnualReport.zeros("某镇人民政府", 2023)
    text = page_text(report).replace("四、结转下年度继续办理0000000", "四、结转下年度继续办理0 00000")
    result = read_text(text)
    assert result.report is not None
    assert result.report.row_values(A, "carried_out") == [0, None, 0, 0, 0, 0, 0]
    assert check_read(result).status is Outcome.PASSED


def test_a_glued_row_that_adds_up_no_way_is_the_agencys_error() -> None:
    """8100008 is 8/1/0/0/0/0/8 (one digit a cell): its 总计 is not the sum — a broken report, not a reading one."""
    report = issue_example()
    report.set(A, "partial", "commercial", 1)  # 总计 stays 10: the row is 10/1/0/0/0/0/10
    result = read_text(page_text(report))
    assert result.report is not None and result.report.row_values(A, "partial") == [10, 1, 0, 0, 0, 0, 10]
    checked = check_read(result)
    assert checked.status is Outcome.ERRORS
    assert any(f.rule == "T3.applicant_total" for f in checked.findings)


def test_figures_stated_in_the_text_settle_a_glued_table_2_row() -> None:
    """行政规范性文件5416 splits three ways; "现行有效的规范性文件16件" in the text leaves 5/4/16."""
    report = issue_example()
    for column, value in (("issued", 5), ("abolished", 4), ("in_force", 16)):
        report.set("art20_1", "normative_documents", column, value)
    glued = page_text(report)
    unsettled = read_text(glued)
    assert unsettled.report is not None
    assert unsettled.report.row_values("art20_1", "normative_documents") == [None] * 3
    assert check_read(unsettled).status is Outcome.PASSED  # no 勾稽关系 needs table 二
    assert any(f.rule == "READ.unchecked" for f in unsettled.findings)
    stated = glued.replace(
        "全年主动公开政府信息120条。", "全年主动公开政府信息120条。全面梳理现行有效的规范性文件16件。"
    )
    settled = read_text(stated)
    assert settled.report is not None
    assert settled.report.row_values("art20_1", "normative_documents") == [5, 4, 16]


def test_last_years_report_in_the_batch_settles_a_glued_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """现行有效件数 = last year's + 本年制发 − 本年废止: 15 + 5 − 4 leaves 5/4/16 of 5416's three splits."""
    from gongkai.report.checking import check_files

    this_year = issue_example()
    for column, value in (("issued", 5), ("abolished", 4), ("in_force", 16)):
        this_year.set("art20_1", "normative_documents", column, value)
    last_year = AnnualReport.zeros(this_year.agency, this_year.year - 1)
    last_year.set("art20_1", "normative_documents", "in_force", 15)
    (tmp_path / "2023.txt").write_text(page_text(this_year), encoding="utf-8")
    alone = next(check_files([tmp_path / "2023.txt"]))
    assert alone.read.report is not None
    assert alone.read.report.row_values("art20_1", "normative_documents") == [None] * 3
    (tmp_path / "2022.txt").write_text(render(last_year, "text"), encoding="utf-8")
    paired = {c.read.source: c for c in check_files([tmp_path / "2022.txt", tmp_path / "2023.txt"])}
    checked = paired[str(tmp_path / "2023.txt")]
    assert checked.read.report is not None
    assert checked.read.report.row_values("art20_1", "normative_documents") == [5, 4, 16]
    assert checked.status is Outcome.PASSED
    assert any(f.rule == "READ.glued_split" and "上年报告" in f.message for f in checked.findings)
    assert not any(f.rule == "READ.unchecked" for f in checked.findings)
