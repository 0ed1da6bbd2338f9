"""Renderers: an AnnualReport written in the forms agencies publish and analysts use."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport
from gongkai.report.render.csv_long import render_csv
from gongkai.report.render.markdown import render_markdown
from gongkai.report.render.text import render_text

Renderer = Callable[[AnnualReport], str | bytes]


def _render_json(report: AnnualReport) -> str:
    from gongkai.report.jsonio import dumps

    return dumps(report) + "\n"


def _lazy(name: str) -> Renderer:
    """The document renderers load python-docx, openpyxl and fpdf2 only when used."""

    def renderer(report: AnnualReport) -> str | bytes:
        module = importlib.import_module(f"gongkai.report.render.{name}")
        result: str | bytes = getattr(module, f"render_{name}")(report)
        return result

    renderer.__name__ = f"render_{name}"
    return renderer


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "md": render_markdown,
    "json": _render_json,
    "csv": render_csv,
    "html": _lazy("html"),  # str; the others below are bytes
    "docx": _lazy("docx"),
    "xlsx": _lazy("xlsx"),  # render(report, "xlsx", findings=...) fills the 检查结果 sheet
    "pdf": _lazy("pdf"),
}


def render(report: AnnualReport, to: str, *, findings: list[Finding] | None = None) -> str | bytes:
    """The report in the format `to`; an XLSX workbook also gets a sheet of the findings given."""
    if to == "xlsx" and findings is not None:
        from gongkai.report.render.xlsx import render_xlsx

        return render_xlsx(report, findings=findings)
    return RENDERERS[to](report)
