"""CSV cells that a spreadsheet would evaluate are neutralised (issue 13, Low: formula injection,
CWE-1236): text starting with = + - @, a tab or a carriage return gets a leading apostrophe; numbers,
negative ones too, stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from gongkai.spreadsheets import neutral

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"点此\")"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert neutral(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -1.5, 0, 12, "-3", "-1.5", "+7", "-.5", "1e3", "大寨乡", "", None, "a=b"])
def test_numbers_and_plain_text_are_left_alone(value: object) -> None:
    assert neutral(value) == value


def test_report_check_csv_neutralises_file_name_and_agency(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = AnnualReport.zeros("=HYPERLINK(\"http://x\")", 2023)
    report.set("applications", "new", "natural_person", 5)  # findings with figures in 应为/实为
    path = tmp_path / "=1+1.txt"
    path.write_text(render(report, "text"), encoding="utf-8")
    main(["report", "check", "--format", "csv", path.name])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out[1:])))[1:]
    assert rows and all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert {row[0] for row in rows} == {"'=1+1.txt"}
    assert any(row[1].startswith("'=HYPERLINK") for row in rows)
    figures = [cell for row in rows for cell in row[9:11] if cell]  # 应为, 实为
    assert "5" in figures and not [cell for cell in figures if cell.startswith("'")]


def test_render_csv_neutralises_the_agency_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(render(AnnualReport.zeros("@SUM(1+1)*cmd", 2023), "json"), encoding="utf-8")
    assert main(["report", "render", str(path), "--to", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert {row[0] for row in rows[1:]} == {"'@SUM(1+1)*cmd"}
