"""Render to each format and read back: the same model, for the seed and for random valid reports."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.read.sniff import detect
from gongkai.report.render import render
from tests.report.formats.conftest import cjk_fonts_installed, require
from tests.report.strategies import valid_reports, valid_reports_2019

OFFICE = ["html", "docx", "xlsx"]


def _round_trip(report: AnnualReport, kind: str) -> None:
    data = render(report, kind)
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert detect(data, "report.bin") == kind  # found from the content, whatever the name
    result = read_bytes(data, source="report.bin")
    assert result.report == report
    assert result.format_id == report.format_id
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("kind", [*OFFICE, "pdf"])
def test_seed_round_trips(seed_report: AnnualReport, kind: str) -> None:
    if kind == "pdf":
        require(cjk_fonts_installed(), "no CJK font to embed in PDF (Debian: apt-get install fonts-noto-cjk)")
    _round_trip(seed_report, kind)


@pytest.mark.parametrize("kind", OFFICE)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports())
def test_random_reports_round_trip(kind: str, report: AnnualReport) -> None:
    _round_trip(report, kind)


@pytest.mark.parametrize("kind", OFFICE)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports_2019())
def test_trial_format_reports_round_trip(kind: str, report: AnnualReport) -> None:
    _round_trip(report, kind)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports())
def test_random_reports_round_trip_through_pdf(report: AnnualReport) -> None:
    require(cjk_fonts_installed(), "no CJK font to embed in PDF (Debian: apt-get install fonts-noto-cjk)")
    _round_trip(report, "pdf")


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports_2019())
def test_trial_format_reports_round_trip_through_pdf(report: AnnualReport) -> None:
    require(cjk_fonts_installed(), "no CJK font to embed in PDF (Debian: apt-get install fonts-noto-cjk)")
    _round_trip(report, "pdf")
