"""The model, its JSON and the published JSON Schema, all derived from the format description."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

from gongkai.law.report_format import FORMAT_2019, FORMAT_2021, CellRef
from gongkai.report import jsonio
from gongkai.report.model import AnnualReport, ReportDataError
from tests.report.strategies import valid_reports, valid_reports_2019

SCHEMA_FILE = Path(__file__).parents[2] / "schema" / "annual-report.schema.json"


def test_table_three_has_25_rows_and_7_columns() -> None:
    """国办公开办函〔2021〕30号 表三: 25 numeric rows × 自然人, five 法人或其他组织 kinds, 总计."""
    table = FORMAT_2021.table("applications")
    assert len(table.rows) == 25
    assert [c.label for c in table.columns] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]


def test_table_four_has_15_columns_in_three_groups() -> None:
    table = FORMAT_2021.table("appeals")
    assert len(table.columns) == 15
    assert {c.path for c in table.columns} == {
        ("行政复议",),
        ("行政诉讼", "未经复议直接起诉"),
        ("行政诉讼", "复议后起诉"),
    }


def test_trial_format_has_one_other_row_and_an_item_nine_table() -> None:
    """国办公开办函〔2019〕60号: （六）其他处理 is one row (23 rows); 第二十条第（九）项 政府集中采购."""
    assert len(FORMAT_2019.table("applications").rows) == 23
    assert FORMAT_2019.table("art20_9").rows[0].label == "政府集中采购"


def test_fee_cell_is_an_exact_decimal_in_wan_yuan() -> None:
    report = AnnualReport.zeros("某局", 2023)
    report.set("art20_8", "fees", "fee_amount", "12.3456")
    assert report.get("art20_8", "fees", "fee_amount") == Decimal("12.3456")
    assert jsonio.to_dict(report)["tables"]["art20_8"]["fees"]["fee_amount"] == "12.3456"


def test_unknown_cell_is_refused_with_its_name() -> None:
    with pytest.raises(ReportDataError, match=r"applications\.nonsense\.total"):
        AnnualReport("某局", 2023, cells={CellRef("applications", "nonsense", "total"): 1})


def test_text_in_a_count_cell_is_refused() -> None:
    with pytest.raises(ReportDataError, match="整数件数"):
        AnnualReport.zeros("某局", 2023).set("applications", "new", "total", "很多")


@settings(max_examples=50, deadline=None)
@given(valid_reports() | valid_reports_2019())
def test_json_round_trip_is_exact(report: AnnualReport) -> None:
    assert jsonio.loads(jsonio.dumps(report)) == report


@settings(max_examples=30, deadline=None)
@given(valid_reports() | valid_reports_2019())
def test_json_of_every_valid_report_fits_the_schema(report: AnnualReport) -> None:
    jsonschema.validate(jsonio.to_dict(report), jsonio.json_schema())


def test_published_schema_file_is_the_generated_one() -> None:
    """schema/annual-report.schema.json is generated: `gongkai report schema -o schema/annual-report.schema.json`."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == jsonio.json_schema_text()
    jsonschema.Draft202012Validator.check_schema(json.loads(jsonio.json_schema_text()))


def test_schema_rejects_a_negative_count() -> None:
    data = jsonio.to_dict(AnnualReport.zeros("某局", 2023))
    data["tables"]["applications"]["new"]["total"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, jsonio.json_schema())


def test_bad_json_is_a_clear_error() -> None:
    with pytest.raises(ReportDataError, match="第1行"):
        jsonio.loads("{not json")
