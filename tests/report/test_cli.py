"""`gongkai report check | render | schema` as a supervisor's script calls them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_path
from gongkai.report.render import render

SEED = Path(__file__).parents[1] / "fixtures" / "reports" / "dazhai-2023.txt"


def broken_report(tmp_path: Path) -> Path:
    report = AnnualReport.zeros("某镇人民政府", 2023)
    report.set("applications", "new", "natural_person", 5)  # 总计 stays 0: breaks 总计 = sum, and 一+二 = 三+四
    path = tmp_path / "broken.txt"
    path.write_text(render(report, "text"), encoding="utf-8")
    return path


def test_check_of_the_seed_passes_with_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "check", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "0个错误" in out and "平台建设" in out


def test_check_exits_non_zero_when_a_report_has_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "check", str(SEED), str(broken_report(tmp_path))]) == 1
    assert "T3.applicant_total" in capsys.readouterr().out


def test_check_json_groups_findings_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["report", "check", "--format", "json", str(SEED), str(broken_report(tmp_path))])
    files = json.loads(capsys.readouterr().out)
    assert [f["errors"] > 0 for f in files] == [False, True]
    assert files[0]["agency"] == "大寨乡" and files[0]["format"] == "2021"


def test_check_csv_is_one_line_per_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["report", "check", "--format", "csv", str(broken_report(tmp_path))])
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # Excel on Chinese Windows reads a CSV as UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert rows[0][:7] == ["文件", "机关", "年度", "格式", "结论", "级别", "规则"]
    assert any(r[6] == "T3.balance" and r[4] == "有错误" for r in rows[1:])


def unreadable_row(tmp_path: Path) -> Path:
    """A report whose table 三 row 本年新收 holds five numbers where seven are due: it cannot be read."""
    text = render(AnnualReport.zeros("某镇人民政府", 2023), "text")
    label = "一、本年新收政府信息公开申请数量"
    start = text.index(label)
    end = text.index("\n", start)
    path = tmp_path / "unreadable.txt"
    path.write_text(text[:start] + label + "\t0\t0\t0\t0\t0" + text[end:], encoding="utf-8")
    return path


def test_three_outcomes_have_three_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """通过 0, 有错误 1, 未能完整读取 3 — a reading failure is never the agency's error."""
    assert main(["report", "check", str(SEED)]) == 0
    assert main(["report", "check", str(broken_report(tmp_path))]) == 1
    assert main(["report", "check", str(unreadable_row(tmp_path))]) == 3
    assert main(["report", "check", str(SEED), str(unreadable_row(tmp_path)), str(broken_report(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert "共3份报告：通过1份，有错误1份，未能完整读取1份" in out


def test_json_has_the_status_of_each_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(
        ["report", "check", "--format", "json", str(SEED), str(unreadable_row(tmp_path)), str(broken_report(tmp_path))]
    )
    files = json.loads(capsys.readouterr().out)
    assert [(f["status"], f["status_label"]) for f in files] == [
        ("passed", "通过"),
        ("incomplete", "未能完整读取"),
        ("errors", "有错误"),
    ]
    unread = files[1]["findings"]
    assert any(f["rule"] == "READ.row_cells" and f["source"] for f in unread)
    assert not any(f["severity"] == "error" and not f["rule"].startswith("READ.") for f in unread)


def test_binary_render_to_a_terminal_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["report", "render", str(SEED), "--to", "docx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_check_takes_a_folder_and_pairs_last_years_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """跨年度：本年上年结转 = 上年结转下年度, found among the files of a batch."""
    last = AnnualReport.zeros("某镇人民政府", 2022)
    for column, value in (("natural_person", 2), ("total", 2)):
        last.set("applications", "carried_out", column, value)
        last.set("applications", "new", column, value)
    (tmp_path / "2022.txt").write_text(render(last, "text"), encoding="utf-8")
    (tmp_path / "2023.txt").write_text(render(AnnualReport.zeros("某镇人民政府", 2023), "text"), encoding="utf-8")
    main(["report", "check", "--format", "json", str(tmp_path)])
    files = {Path(f["file"]).name: f for f in json.loads(capsys.readouterr().out)}
    assert any(f["rule"] == "XY.carry_over" for f in files["2023.txt"]["findings"])


def test_render_to_csv_is_the_long_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "render", str(SEED), "--to", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["机关", "年度", "表格", "行", "列", "数值"]
    assert len(rows) == 1 + 200 + 4 * 7  # one line per cell of the 2021 format, a subtotal per group of table 三
    assert [
        "大寨乡",
        "2023",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "申请人情况 自然人",
        "0",
    ] in rows


def test_render_to_json_then_back(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    assert main(["report", "render", str(SEED), "--to", "json", "-o", str(out)]) == 0
    assert read_path(out).report == read_path(SEED).report


def test_render_of_an_unreadable_file_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text("关于召开会议的通知", encoding="utf-8")
    assert main(["report", "render", str(notice), "--to", "text"]) == 1
    assert "未识别为政府信息公开工作年度报告" in capsys.readouterr().err


def test_render_reads_gbk_text(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert read_path(gbk).report == read_path(SEED).report


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "政府信息公开工作年度报告"


def test_xlsx_from_the_command_carries_the_findings_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "broken.xlsx"
    assert main(["report", "render", str(broken_report(tmp_path)), "--to", "xlsx", "-o", str(out)]) == 0
    sheet = load_workbook(out)["检查结果"]
    rules = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "T3.applicant_total" in rules


def test_old_binary_word_file_is_named_as_such(tmp_path: Path) -> None:
    doc = tmp_path / "report.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = read_path(doc)
    assert result.report is None and result.kind == "doc"
    assert result.findings[0].rule.startswith("READ.") and "Word" in result.findings[0].message


def test_every_finding_on_cells_points_at_its_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule's finding names the line and column where its first cell was read (text), or the table cell."""
    broken = broken_report(tmp_path)
    html = tmp_path / "broken.html"
    main(["report", "render", str(broken), "--to", "html", "-o", str(html)])
    capsys.readouterr()
    main(["report", "check", "--format", "json", str(broken), str(html)])
    text_file, html_file = json.loads(capsys.readouterr().out)
    balance = next(f for f in text_file["findings"] if f["rule"] == "T3.balance")
    assert balance["source"].startswith("第") and "行第" in balance["source"]
    line, column = (int(n) for n in balance["source"][1:-1].split("行第"))
    row = broken.read_text(encoding="utf-8").splitlines()[line - 1]
    assert "本年新收" in row and row[column - 1].isdigit()
    balance = next(f for f in html_file["findings"] if f["rule"] == "T3.balance")
    assert balance["source"].startswith("HTML文件表三“一、本年新收政府信息公开申请数量”行")
