"""Region = Σ agencies: a whole-area report against the sum of its agencies' reports, cell by cell, for
表三, 表四 and the 第二十条 counts of 表二; each difference names the agencies that make the sum (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.findings.region import Region, RegionError, compare, parse_region
from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport
from gongkai.report.render import render

REGION = Region("某区", "某区人民政府", ("某区教育局", "某区民政局", "某区公安分局"))


def reports() -> tuple[AnnualReport, dict[str, AnnualReport]]:
    """Agencies' figures that add up to the whole-area report except in two cells."""
    whole = AnnualReport.zeros("某区人民政府", 2024)
    parts = {name: AnnualReport.zeros(name, 2024) for name in REGION.agencies}
    for report, value in ((parts["某区教育局"], 4), (parts["某区民政局"], 5), (whole, 12)):  # 4 + 5 ≠ 12
        report.set("applications", "new", "natural_person", value)
    for report, value in ((parts["某区公安分局"], 2), (whole, 2)):  # equal: no finding
        report.set("applications", "new", "commercial", value)
    for report, value in ((parts["某区公安分局"], 3), (whole, 1)):  # 表四 行政复议 结果维持: 3 ≠ 1
        report.set("appeals", "cases", "review.upheld", value)
    for report, value in ((parts["某区教育局"], 7), (parts["某区民政局"], 9), (whole, 16)):  # 第二十条（一）: equal
        report.set("art20_1", "normative_documents", "in_force", value)
    return whole, parts


def test_two_cells_that_differ_are_named_with_their_agencies() -> None:
    whole, parts = reports()
    findings = compare(REGION, whole, parts)
    assert [(f.rule, f.cells, f.expected, f.found) for f in findings] == [
        ("REGION.sum", (CellRef("applications", "new", "natural_person"),), "9", "12"),
        ("REGION.sum", (CellRef("appeals", "cases", "review.upheld"),), "3", "1"),
    ]
    first, second = (f.message for f in findings)
    assert "某区教育局4" in first and "某区民政局5" in first and "某区公安分局" not in first and "相差3" in first
    assert "某区公安分局3" in second and "某区教育局" not in second and "相差-2" in second


def test_an_agency_without_a_report_is_named() -> None:
    whole, parts = reports()
    del parts["某区民政局"]
    findings = compare(REGION, whole, parts)
    assert findings[0].rule == "REGION.missing" and "没有2024年报告：某区民政局" in findings[0].message


def test_region_command_on_report_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole, parts = reports()
    for number, report in enumerate([whole, *parts.values()]):
        (tmp_path / f"{number}.txt").write_text(render(report, "text"), "utf-8")
    region = tmp_path / "region.json"
    region.write_text(json.dumps({"name": "某区", "whole": "某区人民政府", "agencies": list(REGION.agencies)}), "utf-8")
    assert main(["report", "region", str(region), str(tmp_path), "--format", "json"]) == 1
    [row] = json.loads(capsys.readouterr().out)
    assert row["year"] == 2024 and [f["rule"] for f in row["findings"]] == ["REGION.sum", "REGION.sum"]
    assert main(["report", "region", str(region), str(tmp_path / "1.txt")]) == 3  # no whole-area report given


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"whole": "甲", "agencies": ["乙"]}, "缺少 name"),
        ({"name": "区", "agencies": ["乙"]}, "缺少 whole"),
        ({"name": "区", "whole": "甲", "agencies": []}, "agencies"),
        ({"name": "区", "whole": "甲", "agencies": ["甲", "乙"]}, "不应包含 whole"),
    ],
)
def test_a_bad_region_file_names_the_field(data: dict, message: str) -> None:
    with pytest.raises(RegionError, match=message):
        parse_region(data)
