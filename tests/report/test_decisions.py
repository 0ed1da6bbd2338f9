"""Supervisors' decisions on findings: a dismissed finding (已排除) stays dismissed on the report's next version
while its fingerprint (rule, cells, values) holds, and reappears when its values change (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report.checking import check_read
from gongkai.report.decisions import Decision, Decisions, DecisionsError, State, parse_decisions
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_text
from gongkai.report.render import render

AGENCY = "某镇人民政府"


def version(new_applications: int, *, note: str = "") -> str:
    """A report whose 本年新收 of 自然人 is given and whose 总计 stays 0: 表三 总计 = Σ applicants breaks."""
    report = AnnualReport.zeros(AGENCY, 2023)
    report.set("applications", "new", "natural_person", new_applications)
    report.sections["overall"] = f"本机关认真贯彻条例。{note}"
    return render(report, "text")


def findings_of(text: str) -> list:
    return check_read(read_text(text, source="r.txt")).findings


def test_fingerprint_holds_across_versions_and_changes_with_values() -> None:
    first = {f.rule: f for f in findings_of(version(5))}
    reworded = {f.rule: f for f in findings_of(version(5, note="另行补充说明一段文字。"))}
    changed = {f.rule: f for f in findings_of(version(6))}
    assert first["T3.applicant_total"].fingerprint == reworded["T3.applicant_total"].fingerprint
    assert first["T3.applicant_total"].fingerprint != changed["T3.applicant_total"].fingerprint


def test_dismissed_finding_stays_dismissed_on_the_next_version_and_reappears_when_values_change() -> None:
    first = check_read(read_text(version(5), source="v1.txt"))
    target = next(f for f in first.findings if f.rule == "T3.applicant_total")
    decisions = Decisions([Decision(target.fingerprint, State.DISMISSED, "总计列按另一口径填报", AGENCY, 2023)])
    assert decisions.state(target, AGENCY, 2023) is State.DISMISSED
    assert decisions.state(target, "另一机关", 2023) is State.OPEN  # a decision is the agency's own

    corrected = check_read(read_text(version(5, note="更正错字。"), source="v2.txt"))
    next_version, skipped = decisions.without_dismissed(corrected)
    assert skipped == 1 and "T3.applicant_total" not in {f.rule for f in next_version.findings}

    changed, skipped = decisions.without_dismissed(check_read(read_text(version(6), source="v3.txt")))
    assert skipped == 0 and "T3.applicant_total" in {f.rule for f in changed.findings}
    assert decisions.open_findings(changed.findings, AGENCY, 2023) == changed.findings


def test_check_command_skips_what_was_dismissed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`gongkai report check --decisions FILE.json`: dismissed errors left out, and the exit code follows."""
    report = tmp_path / "r.txt"
    report.write_text(version(5), "utf-8")
    assert main(["report", "check", "--format", "json", "--jobs", "1", str(report)]) == 1
    errors = [f for f in json.loads(capsys.readouterr().out)[0]["findings"] if f["severity"] == "error"]
    assert errors
    dismissed = [{"fingerprint": f["fingerprint"], "state": "dismissed", "reason": "口径不同"} for f in errors]
    file = tmp_path / "decisions.json"
    file.write_text(json.dumps({"decisions": dismissed}), "utf-8")
    assert main(["report", "check", "--format", "json", "--jobs", "1", "--decisions", str(file), str(report)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["errors"] == 0
    assert f"按决定文件略去{len(errors)}个已排除的问题" in captured.err


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"state": "dismissed", "reason": "x"}, "第1项决定缺少 fingerprint"),
        ({"fingerprint": "a", "state": "gone"}, "第1项决定的 state（状态）应为"),
        ({"fingerprint": "a", "state": "dismissed"}, "须写明 reason（理由）"),
        ({"fingerprint": "a", "state": "confirmed", "year": "2023"}, "year（年度）应为整数"),
    ],
)
def test_a_bad_decisions_file_names_the_entry_and_field(entry: dict, message: str) -> None:
    with pytest.raises(DecisionsError, match=message.replace("（", ".").replace("）", ".")):
        parse_decisions({"decisions": [entry]})


def test_a_bad_decisions_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "d.json"
    file.write_text("{", "utf-8")
    with pytest.raises(SystemExit) as usage:
        main(["report", "check", "--decisions", str(file), str(file)])
    assert usage.value.code == 2 and "不是有效的JSON" in capsys.readouterr().err


def test_findings_on_no_cells_are_told_apart_by_their_message() -> None:
    """Two text findings of one rule (a prompt left in two sections) are two findings, not one."""
    from gongkai.report.findings import Finding, Severity

    first = Finding("ANNUAL.unfilled_prompt", Severity.ERROR, "“一、总体情况”中还有未替换的填写提示")
    second = Finding("ANNUAL.unfilled_prompt", Severity.ERROR, "“五、存在的主要问题及改进情况”中还有未替换的填写提示")
    assert first.fingerprint != second.fingerprint
