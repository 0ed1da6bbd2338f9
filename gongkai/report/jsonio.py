"""The report as JSON, and the JSON Schema of that JSON, generated from the format description."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from gongkai.law.report_format import FORMATS, CellKind, CellRef, ReportFormat
from gongkai.report.model import AnnualReport, ReportDataError, Value

SCHEMA_ID = "https://gongkai.example/schema/annual-report.schema.json"


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """Nested as the report is read: tables → rows → columns; amounts as decimal strings (exact)."""
    fmt = report.format
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        tables[table.key] = {
            row.key: {col.key: _json_value(report.cells[CellRef(table.key, row.key, col.key)]) for col in table.columns}
            for row in table.rows
        }
    sections = {s.key: report.sections[s.key] for s in fmt.sections if s.is_text}
    return {
        "agency": report.agency,
        "year": report.year,
        "format": fmt.id,
        "tables": tables,
        "sections": sections,
    }


def from_dict(data: dict[str, Any]) -> AnnualReport:
    """The report of a JSON document; a ReportDataError names what does not fit."""
    try:
        fmt = FORMATS[str(data.get("format", "2021"))]
    except KeyError:
        raise ReportDataError(f"未知的年报格式：{data.get('format')}") from None
    if not isinstance(data.get("agency"), str) or not isinstance(data.get("year"), int):
        raise ReportDataError("报告须有机关名称（agency，文字）和年度（year，整数）")
    cells: dict[CellRef, Value] = {}
    for table_key, rows in dict(data.get("tables", {})).items():
        for row_key, columns in dict(rows).items():
            for column_key, value in dict(columns).items():
                cells[CellRef(table_key, row_key, column_key)] = value
    sections = {k: str(v) for k, v in dict(data.get("sections", {})).items()}
    unknown = set(sections) - {s.key for s in fmt.sections if s.is_text}
    if unknown:
        raise ReportDataError(f"格式{fmt.id}中没有这些文字部分：{', '.join(sorted(unknown))}")
    return AnnualReport(data["agency"], data["year"], fmt.id, cells=cells, sections=sections)


def dumps(report: AnnualReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)


def loads(text: str) -> AnnualReport:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ReportDataError(f"不是有效的JSON：第{exc.lineno}行第{exc.colno}列，{exc.msg}") from None
    if not isinstance(data, dict):
        raise ReportDataError("JSON的顶层应为一个对象")
    return from_dict(data)


def _json_value(value: Value) -> int | str | None:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _cell_schema(kind: CellKind) -> dict[str, Any]:
    blank = {"type": "null", "description": "空白（不等于0）"}
    if kind is CellKind.AMOUNT:
        amount = {"type": "string", "pattern": r"^\d+(\.\d+)?$", "description": "金额，单位：万元"}
        return {"oneOf": [amount, {"type": "number", "minimum": 0}, blank]}
    if kind is CellKind.SIGNED_COUNT:
        return {"oneOf": [{"type": "integer", "description": "件数，可为负（本年增/减）"}, blank]}
    return {"oneOf": [{"type": "integer", "minimum": 0, "description": "件数"}, blank]}


def _format_schema(fmt: ReportFormat) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        rows = {}
        for row in table.rows:
            rows[row.key] = {
                "title": row.label or table.key,
                "type": "object",
                "additionalProperties": False,
                "required": [c.key for c in table.columns],
                "properties": {c.key: {"title": c.label, "$ref": f"#/$defs/{c.kind.value}"} for c in table.columns},
            }
        tables[table.key] = {
            "title": table.heading or fmt.section(table.section).heading,
            "type": "object",
            "additionalProperties": False,
            "required": [r.key for r in table.rows],
            "properties": rows,
        }
    sections = {s.key: {"title": s.heading, "type": "string"} for s in fmt.sections if s.is_text}
    return {
        "title": f"{fmt.name}（{fmt.basis}）",
        "type": "object",
        "required": ["agency", "year", "format", "tables", "sections"],
        "additionalProperties": False,
        "properties": {
            "agency": {"type": "string", "title": "机关名称"},
            "year": {"type": "integer", "title": "报告年度", "minimum": 2008},
            "format": {"const": fmt.id},
            "tables": {
                "type": "object",
                "additionalProperties": False,
                "required": [t.key for t in fmt.tables],
                "properties": tables,
            },
            "sections": {
                "type": "object",
                "additionalProperties": False,
                "required": list(sections),
                "properties": sections,
            },
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report in any supported format."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告",
        "oneOf": [_format_schema(f) for f in FORMATS.values()],
        "$defs": {kind.value: _cell_schema(kind) for kind in CellKind},
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
