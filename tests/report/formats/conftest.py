"""Shared fixtures of the format tests: the seed as a model, and the system tools some tests need.

A test that needs poppler's pdftoppm or the CJK fonts skips with the reason when they are missing,
except under GONGKAI_REQUIRE_ALL=1 (CI, `.ci/run` installs them), where the skip is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gongkai.report.model import AnnualReport
from gongkai.report.read import read_path

SEED = Path(__file__).parents[2] / "fixtures" / "reports" / "dazhai-2023.txt"


def require(available: bool, reason: str) -> None:
    """Skip the test with `reason` when something it needs is missing; fail instead in CI."""
    if available:
        return
    if os.environ.get("GONGKAI_REQUIRE_ALL") == "1":
        pytest.fail(f"GONGKAI_REQUIRE_ALL=1 but {reason}")
    pytest.skip(reason)


def cjk_fonts_installed() -> bool:
    from gongkai.report.render.fonts import FontMissing, Role, font_file

    try:
        font_file(Role.BODY)
    except FontMissing:
        return False
    return True


@pytest.fixture
def needs_cjk_fonts() -> None:
    require(cjk_fonts_installed(), "no CJK font to embed in PDF (Debian: apt-get install fonts-noto-cjk)")


@pytest.fixture
def needs_pdftoppm() -> str:
    path = shutil.which("pdftoppm")
    require(path is not None, "pdftoppm is missing (Debian: apt-get install poppler-utils)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def seed_report() -> AnnualReport:
    report = read_path(SEED).report
    assert report is not None
    return report


@pytest.fixture(scope="session")
def seed_pdf(seed_report: AnnualReport) -> bytes:
    """The seed report rendered as PDF (needs a CJK font to embed)."""
    from gongkai.report.render import render

    require(cjk_fonts_installed(), "no CJK font to embed in PDF (Debian: apt-get install fonts-noto-cjk)")
    data = render(seed_report, "pdf")
    assert isinstance(data, bytes)
    return data
