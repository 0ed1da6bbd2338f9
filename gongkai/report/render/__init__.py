"""Renderers: an AnnualReport written in the forms agencies publish and analysts use."""

from __future__ import annotations

from collections.abc import Callable

from gongkai.report.model import AnnualReport
from gongkai.report.render.csv_long import render_csv
from gongkai.report.render.markdown import render_markdown
from gongkai.report.render.text import render_text

Renderer = Callable[[AnnualReport], str | bytes]


def _render_json(report: AnnualReport) -> str:
    from gongkai.report.jsonio import dumps

    return dumps(report) + "\n"


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "md": render_markdown,
    "json": _render_json,
    "csv": render_csv,
}


def render(report: AnnualReport, to: str) -> str | bytes:
    return RENDERERS[to](report)
