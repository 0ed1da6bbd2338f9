"""PDF writing: the CJK glyphs are cut and made TrueType once, kept in the cache directory, grown as documents need."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.render import fonts, render
from gongkai.report.render.fonts import Role


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, needs_cjk_fonts: None) -> Path:
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "_cached", {})  # nothing kept from earlier tests in this process
    return tmp_path / "cache" / "fonts"


def _cached_chars(cache_dir: Path, role: Role) -> str:
    (chars,) = cache_dir.glob(f"{role.value}-*.chars")
    return chars.read_text(encoding="utf-8")


def test_fonts_are_cached_and_grow_with_the_characters_a_document_needs(
    cache_dir: Path, seed_report: AnnualReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render(seed_report, "pdf")
    assert read_bytes(first).report == seed_report
    assert "鑫" not in _cached_chars(cache_dir, Role.BODY)

    other = AnnualReport.zeros("鑫源镇人民政府", 2023)  # 鑫 is in no text of the seed
    other.sections.update(overall="鑫源镇全年主动公开政府信息。", problems="无。", other="无。")
    monkeypatch.setattr(fonts, "_cached", {})  # as a new process would: the cache is read from the directory
    second = render(other, "pdf")
    assert read_bytes(second).report == other
    assert "鑫" in _cached_chars(cache_dir, Role.BODY)
    assert set(_cached_chars(cache_dir, Role.BODY)) >= set("大寨乡") | set("鑫源镇")


def test_a_document_the_cache_covers_cuts_no_glyphs(
    cache_dir: Path, seed_report: AnnualReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    render(seed_report, "pdf")

    def refuse(role: Role, chars: set[str]) -> bytes:
        raise AssertionError(f"{role}: glyphs cut again")

    monkeypatch.setattr(fonts, "truetype_subset", refuse)
    monkeypatch.setattr(fonts, "_cached", {})
    assert read_bytes(render(seed_report, "pdf")).report == seed_report


def test_without_a_writable_cache_the_fonts_are_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_report: AnnualReport, needs_cjk_fonts: None
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(blocked))
    monkeypatch.setattr(fonts, "_cached", {})
    assert read_bytes(render(seed_report, "pdf")).report == seed_report
    assert isinstance(fonts._cached[Role.BODY][1], bytes)
