"""A 2021-format report that prints （六）其他处理 as one row, 2019-style (国办公开办函〔2021〕30号 表三 has
three items under it): what a careful reader can know. All 0: every item is 0 (counts are never
negative), read as 0. Any other figure: which item holds it cannot be known, so the items are unread
(READ.merged_group_unknown, an error) and the report is 未能完整读取, never a guess."""

from __future__ import annotations

import re

from gongkai.law.report_format import CellRef
from gongkai.report.checking import check_read
from gongkai.report.model import AnnualReport
from gongkai.report.outcome import Outcome
from gongkai.report.read.text import parse_report_text as read_text
from gongkai.report.render import render

GROUP = "（六）其他处理"


def one_row(figures: str) -> str:
    """The zero report's text with its three （六） items replaced by one row under the group heading."""
    text = render(AnnualReport.zeros("某镇人民政府", 2023), "text")
    items = re.compile(r"\t（六）其他处理\t1\.[^\n]*\n\t\t2\.[^\n]*\n\t\t3\.其他[^\n]*\n")
    assert items.search(text)
    return items.sub(f"\t{GROUP}\t{figures}\n", text)


def items(report: AnnualReport) -> dict[CellRef, object]:
    table = report.format.table("applications")
    rows = [r.key for r in table.rows if r.path[-1:] == (GROUP,)]
    assert len(rows) == 3
    return {ref: v for ref, v in report.cells.items() if ref.table == "applications" and ref.row in rows}


def test_a_one_row_group_of_zeros_reads_every_item_as_zero_and_passes():
    text = one_row("\t".join("0" * 7))
    read = read_text(text)
    assert read.report is not None
    assert set(items(read.report).values()) == {0} and len(items(read.report)) == 21
    [note] = [f for f in read.findings if f.rule == "READ.merged_group"]
    assert note.severity == "warning" and "各项只能是0" in note.message
    assert check_read(read_text(text)).status is Outcome.PASSED


def test_a_one_row_group_with_a_figure_leaves_the_items_unread_and_the_report_incomplete():
    text = one_row("\t".join(["1", "0", "0", "0", "0", "0", "1"]))
    read = read_text(text)
    assert read.report is not None
    assert set(items(read.report).values()) == {None}
    [unread] = [f for f in read.findings if f.rule == "READ.merged_group_unknown"]
    assert unread.severity == "error" and "各项无法得知" in unread.message
    assert set(unread.cells) == set(items(read.report))
    assert check_read(read_text(text)).status is Outcome.INCOMPLETE


def subtotals(report: AnnualReport) -> list[str]:
    """The long CSV's subtotal lines of （六）其他处理, one per applicant column."""
    return [line for line in render(report, "csv").splitlines() if f"三、本年度办理结果 {GROUP}," in line]


def test_the_long_csv_gives_the_group_as_printed_after_its_items():
    zero = read_text(one_row("\t".join("0" * 7))).report
    assert zero is not None
    assert [line.rsplit(",", 1)[1] for line in subtotals(zero)] == ["0"] * 7
    unread = read_text(one_row("\t".join(["1", "0", "0", "0", "0", "0", "1"]))).report
    assert unread is not None
    assert [line.rsplit(",", 1)[1] for line in subtotals(unread)] == [""] * 7  # blank, never a guess


def test_a_subtotal_is_the_sum_of_its_items():
    report = AnnualReport.zeros("某镇人民政府", 2023)
    table = report.format.table("applications")
    withheld = [r for r in table.rows if r.path[-1:] == ("（三）不予公开",)]
    report.cells[CellRef("applications", withheld[0].key, "natural_person")] = 2
    report.cells[CellRef("applications", withheld[3].key, "natural_person")] = 3
    subtotal = "三、本年度办理结果 （三）不予公开,申请人情况 自然人,"
    lines = [line for line in render(report, "csv").splitlines() if subtotal in line]
    assert [line.rsplit(",", 1)[1] for line in lines] == ["5"]
