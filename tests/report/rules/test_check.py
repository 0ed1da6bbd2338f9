"""The public API: check() over any valid report, its order, and the catalogue."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.law.report_format import FORMATS
from gongkai.law.report_rules import RULES
from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules import RuleSettings, check
from tests.report.rules.builders import add_requests, bump
from tests.report.strategies import valid_reports, valid_reports_2019


def errors(report: AnnualReport, **kwargs) -> list[str]:
    return [f.message for f in check(report, **kwargs) if f.severity is Severity.ERROR]


@given(valid_reports())
def test_no_error_on_any_valid_2021_report(report):  # 国办公开办函〔2021〕30号
    assert errors(report) == []


@given(valid_reports_2019())
def test_no_error_on_any_valid_2019_report(report):  # 国办公开办函〔2019〕60号
    assert errors(report) == []


@settings(max_examples=30)
@given(valid_reports(), valid_reports())
def test_no_error_with_any_previous_report(report, previous):  # cross-year rules only warn
    assert errors(report, previous=previous) == []


@settings(max_examples=30)
@given(valid_reports(), st.data())
def test_any_changed_count_in_tables_three_and_four_is_an_error(report, data):  # 勾稽关系
    fmt = report.format
    ref = data.draw(st.sampled_from(fmt.table("applications").cells() + fmt.table("appeals").cells()))
    bump(report, ref.table, ref.row, ref.column, data.draw(st.sampled_from([-1, 1, 7])))
    assert errors(report)


@given(valid_reports())
def test_generated_text_holds_no_section_heading(report):  # the strategies' promise to round-trip tests
    for text in report.sections.values():
        assert text and "\n\n" not in text
        assert all(line == line.strip() and line for line in text.split("\n"))
        assert not any(s.title in text or s.heading in text for s in FORMATS["2021"].sections)


def test_findings_are_sorted_errors_first_and_deterministic(seed):
    add_requests(seed, "granted", 2)  # now the seed's "未收到政府信息公开申请" is a warning
    bump(seed, "applications", "granted", "total")  # and two identities break
    first = check(seed)
    assert [f.severity for f in first][:2] == [Severity.ERROR, Severity.ERROR]
    assert {f.severity for f in first[2:]} == {Severity.WARNING}
    assert check(seed) == first
    assert [f.rule for f in first] == [
        "T3.outcome_total",
        "T3.applicant_total",
        "TXT.missing_subitem",
        "TXT.missing_subitem",
        "TXT.figure_mismatch",
    ]


def test_every_rule_id_is_catalogued_with_its_severity():  # gongkai.law.report_rules
    for rule in ("TXT.empty_section", "XY.not_previous_year", "CELL.blank", "PLAUS.appeals_exceed"):
        assert rule in RULES
    assert RULES["XY.in_force"].severity == "warning"
    assert RULES["T3.balance"].severity == "error"


def test_settings_have_defaults():  # every threshold a field with a default
    defaults = RuleSettings()
    assert defaults.repeated_text_threshold == 0.5
    assert defaults.repeated_text_sections == ("overall", "problems")
