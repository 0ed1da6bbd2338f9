"""The reader on real reports kept apart from the developers' corpus (tests/fixtures/real-reports-unseen).

Thirty-six 政府信息公开工作年度报告 of eleven agencies of 平潭综合实验区, 2019–2025, taken verbatim from the public
archive the developers' corpus came from (sources in truth.json). Each file must get the outcome a careful reader
gives it: 通过 when the published tables hold, 有错误 only where the published figures break a 勾稽关系
(国办公开办函〔2021〕30号 表三: 第一项加第二项之和等于第三项加第四项之和), 未能完整读取 where the page itself
lacks what is needed (a page with only a title; table 四 glued so that no split adds up). The hand-read 一、本年新收
and （七）总计 rows, some of table 四 and some table 二 cells must be read as printed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from gongkai.law.report_format import FORMATS, CellRef
from gongkai.report.checking import CheckedReport, check_files
from gongkai.report.findings import Severity
from gongkai.report.outcome import Outcome
from tests.report.real_reports import T2_ROWS, _row_key, _same

CORPUS = Path(__file__).parents[1] / "fixtures" / "real-reports-unseen"
TRUTH: dict[str, dict[str, Any]] = {
    k: v for k, v in json.loads((CORPUS / "truth.json").read_text(encoding="utf-8")).items() if k[0] != "_"
}


@cache
def checked(name: str) -> CheckedReport:
    (result,) = check_files([CORPUS / name])
    return result


def _cell(name: str, table: str, row: str, column: str) -> object:
    report = checked(name).read.report
    assert report is not None, name
    return report.cells.get(CellRef(table, row, column))


def test_every_file_has_a_truth_and_the_set_is_large_enough() -> None:
    files = {p.name for p in CORPUS.glob("*.txt")}
    assert files == set(TRUTH)
    assert len(files) >= 30
    assert sum("table3" in t for t in TRUTH.values()) >= 10


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_the_outcome_is_what_the_published_page_deserves(name: str) -> None:
    """有错误 only for a published 勾稽 error; a page the reader cannot read fully is 未能完整读取, never 有错误."""
    result = checked(name)
    errors = [f"{f.rule}: {f.message}" for f in result.findings if f.severity is Severity.ERROR]
    assert result.status is Outcome(TRUTH[name]["outcome"]), errors


@pytest.mark.parametrize("name", sorted(n for n, t in TRUTH.items() if "table3" in t))
def test_new_applications_and_total_rows_of_table_3_are_read_as_printed(name: str) -> None:
    report = checked(name).read.report
    assert report is not None
    table = FORMATS[report.format_id].table("applications")
    columns = [c.key for c in table.columns]
    for label, values in TRUTH[name]["table3"].items():
        key = _row_key(table, label)
        assert key is not None, label
        read = [_cell(name, "applications", key, column) for column in columns]
        assert read == values, label


@pytest.mark.parametrize("name", sorted(n for n, t in TRUTH.items() if "table4" in t))
def test_table_4_is_read_after_its_header_not_from_the_sentence_before_it(name: str) -> None:
    report = checked(name).read.report
    assert report is not None
    columns = [c.key for c in FORMATS[report.format_id].table("appeals").columns]
    assert [_cell(name, "appeals", "cases", column) for column in columns] == TRUTH[name]["table4"]


@pytest.mark.parametrize("name", sorted(n for n, t in TRUTH.items() if "table2" in t))
def test_table_2_cells_are_read_as_printed(name: str) -> None:
    """A fee amount stops at the heading after it; a glued 2019 row splits with its sign ('1-10' = 1, -1, 0)."""
    report = checked(name).read.report
    assert report is not None
    fmt = FORMATS[report.format_id]
    for label, values in TRUTH[name]["table2"].items():
        row = T2_ROWS[label]
        table = next(t for t in fmt.tables if t.section == "proactive" and row in {r.key for r in t.rows})
        values = values if isinstance(values, list) else [values]
        for column, value in zip([c.key for c in table.columns], values, strict=False):
            got = _cell(name, table.key, row, column)
            assert got is not None and _same(value, got), (label, column, got)


def _checked_text(text: str) -> CheckedReport:
    from gongkai.report.checking import check_read
    from gongkai.report.read import read_text

    return check_read(read_text(text))


def test_a_zero_row_a_cell_short_is_read_as_zero_only_where_its_column_totals_are_zero() -> None:
    """（一）予以公开 printed '0 0 0 0 0 0' (six figures, seven cells): 0 wherever the blank is when （七）总计 is 0 in
    every column it may be in (no count is negative); where one of them has applications (商业企业 2) the blank is
    not guessed: 未能完整读取, with the candidates."""
    zero_table = (CORPUS / "u21_jingjifazhan_2021.txt").read_text(encoding="utf-8")
    assert _checked_text(zero_table).status is Outcome.PASSED

    with_companies = (CORPUS / "u15_guanweihui_2022.txt").read_text(encoding="utf-8")
    printed = "不计其他情形） 0000000（三）"
    assert printed in with_companies  # （七）总计 of this report has 2 applications from companies (商业企业)
    result = _checked_text(with_companies.replace(printed, "不计其他情形） 0 0 0 0 0 0（三）"))
    assert result.status is Outcome.INCOMPLETE
    assert any(f.rule == "READ.ambiguous_split" for f in result.findings)


def test_table_4_with_each_header_word_beside_its_figure_after_a_sentence_with_a_year() -> None:
    """A layout that prints '结果维持 0 结果纠正 0 … 总计 0' after '四、…情况2022年，未有…': the year is no cell."""
    page = (CORPUS / "u22_jingjifazhan_2022.txt").read_text(encoding="utf-8")
    heads = "结果维持结果纠正其他结果尚未审结总计"
    glued = f"行政复议行政诉讼{heads}未经复议直接起诉复议后起诉{heads}{heads}000000000000000"
    assert glued in page
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    figures = [0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    groups = ["行政复议", "行政诉讼 未经复议直接起诉", "复议后起诉"]
    side_by_side = " ".join(
        f"{group} " + " ".join(f"{w} {v}" for w, v in zip(words, figures[5 * i : 5 * i + 5], strict=True))
        for i, group in enumerate(groups)
    )
    result = _checked_text(page.replace(glued, side_by_side))
    assert result.status is Outcome.PASSED
    assert result.read.report is not None
    assert result.read.report.cells[CellRef("appeals", "cases", "direct_suit.upheld")] == 1
