"""`gongkai screen`: exit 0 when clean, 1 when anything is found, 2 when a file cannot be read."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gongkai.cli
from gongkai.screening.cli import main

from .conftest import DOCUMENTS
from .test_extract import write_docx


@pytest.fixture
def gongkai_screen(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `gongkai screen ARGS` through the project's entry point; return (status, stdout, stderr)."""
    monkeypatch.setattr(gongkai.cli, "COMMAND_MODULES", ("gongkai.screening.cli",))

    def run(*args: str | Path) -> tuple[int, str, str]:
        status = gongkai.cli.main(["screen", *map(str, args)])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def test_clean_file_exits_0(gongkai_screen, tmp_path: Path) -> None:
    status, out, _ = gongkai_screen(DOCUMENTS / "clean_notice.txt", "--date", "2024-01-26")
    assert status == 0
    assert "未发现问题" in out


def test_dirty_file_exits_1_with_position_rule_and_masked_form(gongkai_screen) -> None:
    status, out, _ = gongkai_screen(DOCUMENTS / "subsidy_list.txt")
    assert status == 1
    path = DOCUMENTS / "subsidy_list.txt"
    assert f"{path}:6:7 [偏移 " in out
    assert "错误 personal.id_number：居民身份证号码（校验码正确）" in out
    assert "原文“522622198506120036” → 52*************036" in out
    assert "原文“13985012345” → 139****2345" in out


def test_docx_generated_here(gongkai_screen, tmp_path: Path) -> None:
    dirty = write_docx(tmp_path / "dirty.docx", paragraphs=("秘密★1年", "关于项目推进情况的报告"))
    clean = write_docx(tmp_path / "clean.docx", paragraphs=("关于做好春节期间安全生产工作的通知",))
    status, out, _ = gongkai_screen(dirty)
    assert status == 1 and "secrecy.marking" in out
    assert gongkai_screen(clean)[0] == 0


def test_html_generated_here(gongkai_screen, tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.html"
    dirty.write_text("<html><body><p>联系人：潘文华，电话：13985012345</p></body></html>", encoding="utf-8")
    clean = tmp_path / "clean.html"
    clean.write_text("<html><body><p>值班电话：0854-7221234</p></body></html>", encoding="utf-8")
    status, out, _ = gongkai_screen(dirty)
    assert status == 1 and "139****2345" in out and "潘**" in out
    assert gongkai_screen(clean)[0] == 0


def test_unreadable_file_exits_2_and_still_reports_the_others(gongkai_screen, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    status, out, err = gongkai_screen(DOCUMENTS / "subsidy_list.txt", broken, tmp_path / "missing.pdf")
    assert status == 2
    assert "无法读取 DOCX" in err and "missing.pdf" in err
    assert "personal.id_number" in out


def test_json_report(gongkai_screen) -> None:
    status, out, _ = gongkai_screen(
        DOCUMENTS / "inspection_bulletin.txt", DOCUMENTS / "clean_notice.txt", "--format", "json", "--year", "2024"
    )
    assert status == 1
    report = json.loads(out)
    bulletin, clean = report["files"]
    assert clean["findings"] == [] and clean["error"] is None
    first = bulletin["findings"][0]
    assert set(first) >= {"rule", "severity", "line", "column", "offset", "text", "suggestion", "source"}
    line = (DOCUMENTS / "inspection_bulletin.txt").read_text(encoding="utf-8").split("\n")[first["line"] - 1]
    assert line[first["column"] - 1 :].startswith(first["text"]) and first["text"] == "攻府"
    assert report["summary"]["files"] == 2 and report["summary"]["with_findings"] == 1
    assert report["engine"]["backend"] in ("hyperscan", "pyahocorasick")
    assert any(d["id"] == "typos" and d["source"] for d in report["dictionaries"])


def test_agency_dictionary_and_no_builtin(gongkai_screen, tmp_path: Path) -> None:
    words = tmp_path / "words.tsv"
    words.write_text("# name: 本局词表\n# source: 局办公室\n大寨镇\t大寨乡\tserious\t本乡名称\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("大寨镇人民攻府", encoding="utf-8")
    status, out, _ = gongkai_screen(text, "--dict", words)
    assert status == 1 and "dict.words" in out and "dict.serious-errors" in out
    status, out, _ = gongkai_screen(text, "--dict", words, "--no-builtin")
    assert "dict.words" in out and "dict.serious-errors" not in out


def test_broken_dictionary_exits_2(gongkai_screen, tmp_path: Path) -> None:
    words = tmp_path / "words.tsv"
    words.write_text("大寨镇\t大寨乡\tnonsense\n", encoding="utf-8")
    status, _, err = gongkai_screen(DOCUMENTS / "clean_notice.txt", "--dict", words)
    assert status == 2 and "words.tsv:1" in err


def test_list_packs_shows_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-packs"]) == 0
    assert "来源：" in capsys.readouterr().out


def test_as_a_process(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("机密★5年", encoding="utf-8")
    shutil.copy(DOCUMENTS / "clean_notice.txt", tmp_path / "clean.txt")
    dirty = subprocess.run([sys.executable, "-m", "gongkai.screening.cli", str(text)], capture_output=True)
    clean = subprocess.run([sys.executable, "-m", "gongkai.screening.cli", str(tmp_path / "clean.txt")])
    assert (dirty.returncode, clean.returncode) == (1, 0)
