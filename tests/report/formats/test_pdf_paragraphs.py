"""PDF reading keeps body paragraphs apart even when their lines look centred."""

from __future__ import annotations

from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.render import render
from tests.report.formats.conftest import cjk_fonts_installed, require


def test_two_nearly_full_body_lines_are_two_paragraphs_not_a_title() -> None:
    """A paragraph line ending near the right edge after a 2-character indent is not a centred title line."""
    require(cjk_fonts_installed(), "no CJK font to embed in PDF (Debian: apt-get install fonts-noto-cjk)")
    report = AnnualReport.zeros("大寨乡", 2025)
    report.sections["overall"] = (
        "责任培训，回应关切更新质量专栏，主动公开标准。\n2025年，政策解读主动公开回应关切保密依申请公开。"
    )
    result = read_bytes(render(report, "pdf"))
    assert result.report is not None
    assert result.report.sections["overall"] == report.sections["overall"]
