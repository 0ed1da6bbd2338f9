"""The text reader: the seed exactly, round trips, and the shapes real published reports take."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_path, read_text
from gongkai.report.render import render
from tests.report import shapes
from tests.report.strategies import valid_reports, valid_reports_2019

SEED = Path(__file__).parents[1] / "fixtures" / "reports" / "dazhai-2023.txt"
A = "applications"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in result.findings if f.severity is Severity.ERROR]


def issue_example() -> AnnualReport:
    """A district's report whose first row is the issue's glued example: 80, 1, 0, 0, 0, 0, 81."""
    report = AnnualReport.zeros("某区人民政府", 2023)
    rows = {
        "new": [80, 1, 0, 0, 0, 0, 81],
        "carried_in": [3, 0, 0, 0, 0, 0, 3],
        "granted": [40, 1, 0, 0, 0, 0, 41],
        "partial": [10, 0, 0, 0, 0, 0, 10],
        "unable.not_held": [20, 0, 0, 0, 0, 0, 20],
        "not_handled.repeat": [5, 0, 0, 0, 0, 0, 5],
        "total": [75, 1, 0, 0, 0, 0, 76],
        "carried_out": [8, 0, 0, 0, 0, 0, 8],
    }
    columns = [c.key for c in report.format.table(A).columns]
    for row, values in rows.items():
        for column, value in zip(columns, values, strict=True):
            report.set(A, row, column, value)
    for column, value in (("review.upheld", 2), ("review.pending", 1), ("review.total", 3)):
        report.set("appeals", "cases", column, value)
    report.sections.update(
        overall="（一）主动公开\n全年主动公开政府信息120条。", problems="无", other="未收取信息处理费。"
    )
    return report


# --- the seed (大寨乡 2023, a real published report) -------------------------------------------


def test_seed_reads_every_cell_as_published() -> None:
    result = read_path(SEED)
    report = result.report
    assert report is not None and result.format_id == "2021"
    assert (report.agency, report.year) == ("大寨乡", 2023)
    assert set(report.cells.values()) == {0}  # the seed reports no activity: every cell 0, none blank
    assert errors(result) == []


def test_seed_cells_point_at_their_source_line() -> None:
    report = read_path(SEED).report
    assert report is not None
    lines = seed_text().split("\n")
    for ref in (
        CellRef(A, "new", "natural_person"),
        CellRef(A, "other.other", "total"),
        CellRef(A, "carried_out", "total"),
    ):
        source = report.sources[ref]
        assert lines[source.line - 1][source.column - 1] == "0"
    assert lines[report.sources[CellRef(A, "other.other", "natural_person")].line - 1].startswith("3.其他")


def test_seed_misaligned_other_row_is_read_by_its_label() -> None:
    """The seed prints 3.其他 in the first label column: it is still the row （六）3."""
    text = seed_text().replace("3.其他\t\t0\t0\t0\t0\t0\t0\t0", "3.其他\t\t2\t0\t0\t0\t0\t1\t3")
    report = read_text(text).report
    assert report is not None
    assert report.row_values(A, "other.other") == [2, 0, 0, 0, 0, 1, 3]
    assert report.row_values(A, "other.no_payment") == [0] * 7


def test_seed_sections_are_its_paragraphs() -> None:
    report = read_path(SEED).report
    assert report is not None
    assert report.sections["other"] == "无"
    assert report.sections["overall"].split("\n")[0] == "（一）主动公开"
    assert report.sections["problems"].startswith("2023年，我乡政府信息公开各项工作取得了一些进展")
    assert "\n\n" not in report.sections["overall"]


def test_seed_round_trips_through_text() -> None:
    report = read_path(SEED).report
    assert report is not None
    assert read_text(render(report, "text")).report == report


# --- round trips ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports(), to=st.sampled_from(["text", "md"]))
def test_render_then_read_gives_the_same_report(report: AnnualReport, to: str) -> None:
    assert read_text(render(report, to)).report == report


@settings(max_examples=30, deadline=None)
@given(report=valid_reports_2019())
def test_trial_format_round_trips_into_its_own_model(report: AnnualReport) -> None:
    result = read_text(render(report, "text"))
    assert result.format_id == "2019"
    assert result.report == report


# --- shapes of real published reports ------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [shapes.fullwidth_digits, shapes.flattened, shapes.layout_mode, shapes.paged, shapes.broken_labels],
    ids=lambda f: f.__name__,
)
@settings(max_examples=25, deadline=None)
@given(report=valid_reports())
def test_tables_survive_the_shapes_of_published_text(shape, report: AnnualReport) -> None:  # type: ignore[no-untyped-def]
    result = read_text(shape(render(report, "text")))
    assert result.report is not None
    assert result.report.cells == report.cells
    assert errors(result) == []


def test_glued_row_is_split_by_its_own_sums() -> None:
    """一、本年新收政府信息公开申请数量801000081 is 80, 1, 0, 0, 0, 0, 81: only that split gives 总计 81."""
    report = issue_example()
    text = shapes.glued(render(report, "text"))
    assert "一、本年新收政府信息公开申请数量801000081" in text
    result = read_text(text)
    assert result.report is not None and result.report.cells == report.cells
    assert errors(result) == []
    assert any(f.rule == "READ.glued_split" for f in result.findings)


def test_glued_row_with_several_valid_splits_is_reported_not_guessed() -> None:
    # "121000013" is 12,1,0,0,0,0,13 or 1,2,10,0,0,0,13: both sum right, the row alone cannot tell.
    text = render(AnnualReport.zeros("某局", 2023), "text").replace(
        "一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0", "一、本年新收政府信息公开申请数量121000013"
    )
    result = read_text(text)
    assert result.report is not None
    assert [f.rule for f in result.findings if f.severity is Severity.ERROR] == ["READ.ambiguous_split"]
    assert result.report.row_values(A, "new") == [None] * 7


def test_blank_cells_stay_blank_and_dashes_mean_none() -> None:
    """Blank is not 0 (the rules say so); —— and / are how reports write none."""
    text = render(AnnualReport.zeros("某局", 2023), "text")
    text = text.replace(
        "二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0",
        "二、上年结转政府信息公开申请数量\t\t\t0\t\t0\t——\t/\t0\t0",
    )
    report = read_text(text).report
    assert report is not None
    assert report.row_values(A, "carried_in") == [0, None, 0, 0, 0, 0, 0]


def test_number_split_by_a_stray_space_is_joined_when_the_row_says_so() -> None:
    report = issue_example()
    text = render(report, "text").replace("\t80\t1\t0\t0\t0\t0\t81", "\t8 0\t1\t0\t0\t0\t0\t81")
    result = read_text(text)
    assert result.report is not None and result.report.cells == report.cells


def test_markdown_tables_with_mangled_header_rows() -> None:
    report = issue_example()
    text = render(report, "md")
    text = re.sub(r"\| （本列数据.*?\|\n", "| 申请人情况 | | |\n", text, count=1)  # a converter merged the header
    result = read_text(text)
    assert result.report is not None and result.report.cells == report.cells


def test_headings_without_numbering() -> None:
    report = issue_example()
    text = re.sub(
        r"(?m)^[一二三四五六]、(?=(总体情况|主动公开政府|收到和处理|政府信息公开行政|存在的|其他需要))",
        "",
        render(report, "text"),
    )
    assert read_text(text).report == report


def test_row_with_too_few_numbers_is_a_finding_not_a_zero() -> None:
    text = render(AnnualReport.zeros("某局", 2023), "text").replace(
        "（一）予以公开\t\t0\t0\t0\t0\t0\t0\t0", "（一）予以公开\t0\t0\t0"
    )
    result = read_text(text)
    assert result.report is not None
    assert result.report.get(A, "granted", "total") is None
    assert [f.rule for f in result.findings if f.severity is Severity.ERROR] == ["READ.row_cells"]


def test_an_unreadable_table_2_row_does_not_decide_the_outcome() -> None:
    """Table 二 has no 勾稽关系: what cannot be read there is said, as a warning, and no rule needs it."""
    text = render(AnnualReport.zeros("某局", 2023), "text").replace("行政许可\t0", "行政许可\t1\t2")
    result = read_text(text)
    assert result.report is not None
    assert result.report.get("art20_5", "licensing", "decisions") is None
    assert [f.rule for f in result.findings if f.severity is Severity.ERROR] == []
    assert any(f.rule == "READ.unchecked" and "行政许可" in f.message for f in result.findings)


def test_missing_row_is_named() -> None:
    text = render(AnnualReport.zeros("某局", 2023), "text").replace(
        "\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n", "\n"
    )
    result = read_text(text)
    assert any(f.rule == "READ.missing_row" and "行政执法案卷" in f.message for f in result.findings)


# --- other formats --------------------------------------------------------------------------


def test_old_free_form_report_is_recognised_not_misread() -> None:
    text = (
        "某县财政局2015年政府信息公开工作年度报告\n一、概述\n本年度主动公开政府信息数356条。\n"
        "二、依申请公开政府信息情况\n收到申请数12件，同意公开答复数10件。\n三、政府信息公开的收费及减免情况\n未收费。"
    )
    result = read_text(text)
    assert result.report is None and result.format_id == "pre2019"
    assert [f.rule for f in result.findings] == ["READ.old_format"]


def test_text_that_is_no_report_says_so() -> None:
    result = read_text("关于召开2023年度安全生产工作会议的通知\n各村委会：……")
    assert result.report is None
    assert [f.rule for f in result.findings] == ["READ.not_a_report"]


# --- the reader never crashes ---------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
def test_reader_survives_random_text(text: str) -> None:
    started = time.perf_counter()
    result = read_text(text)
    assert result.report is not None or result.findings
    assert time.perf_counter() - started < 2


@settings(max_examples=150, deadline=None)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 6000), st.integers(0, 200), st.text(max_size=20)), max_size=8),
)
def test_reader_survives_mutated_reports(cuts: list[tuple[int, int, str]]) -> None:
    text = seed_text()
    for at, length, insert in cuts:
        text = text[:at] + insert + text[at + length :]
    started = time.perf_counter()
    result = read_text(text)
    assert result.report is not None or result.findings
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "title",
    [
        "某县教育局2023年政府信息公开工作年度报告",
        "某县教育局 2023 年政府信息公开工作年度报告",
        "某县教育局政府信息公开工作年度报告（2023年度）",
        "某县教育局二〇二三年政府信息公开工作年度报告",
        "2023年度某县教育局政府信息公开工作年度报告",
        "某县教育局关于2023年政府信息公开工作年度报告",
    ],
)
def test_title_forms_give_agency_and_year(title: str) -> None:
    text = render(AnnualReport.zeros("某县教育局", 2023), "text").replace(
        "某县教育局2023年政府信息公开工作年度报告", title
    )
    report = read_text(text).report
    assert report is not None and (report.agency, report.year) == ("某县教育局", 2023)


def test_total_row_written_as_heji() -> None:
    report = issue_example()
    assert read_text(render(report, "text").replace("（七）总计", "（七）合计")).report == report
