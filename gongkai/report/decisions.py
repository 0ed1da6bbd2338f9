"""Supervisors' decisions on findings (待确认 / 已确认 / 已排除), held by fingerprint across report versions.

A decision names a finding by its fingerprint (`Finding.fingerprint`: rule, cells, values), optionally
the agency (and year) it was taken for. A dismissed finding (已排除) is left out of the next check of
the same report, of this version or the next, as long as its fingerprint holds; when its values
change it is another finding and appears again, open (待确认).

The decisions file of `gongkai report check --decisions FILE.json` is what the web app exports, or
written by hand::

    {"decisions": [{"fingerprint": "3f0c…", "state": "dismissed", "reason": "含代区政府办理的申请",
                    "agency": "某区市场监督管理局", "year": 2024, "by": "张三", "at": "2025-02-01T09:00:00+08:00"}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from gongkai.report.checking import CheckedReport
from gongkai.report.findings import Finding


class State(StrEnum):
    OPEN = "open"  # 待确认
    CONFIRMED = "confirmed"  # 已确认: the supervisor agrees the report is wrong here
    DISMISSED = "dismissed"  # 已排除: a false alarm, with the reason


STATE_LABELS = {State.OPEN: "待确认", State.CONFIRMED: "已确认", State.DISMISSED: "已排除"}


class DecisionsError(ValueError):
    """A decisions file that cannot be used; the message (Chinese) names the entry and field."""


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    state: State
    reason: str = ""
    agency: str | None = None  # None: for this finding of any agency
    year: int | None = None  # None: for any year
    by: str = ""
    at: str = ""

    def applies_to(self, agency: str | None, year: int | None) -> bool:
        return (self.agency is None or self.agency == agency) and (self.year is None or self.year == year)


class Decisions:
    """Decisions looked up by fingerprint (the latest listed wins for the same agency and year)."""

    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self._by_fingerprint: dict[str, list[Decision]] = {}
        for decision in decisions:
            self._by_fingerprint.setdefault(decision.fingerprint, []).append(decision)

    def decision(self, finding: Finding, agency: str | None = None, year: int | None = None) -> Decision | None:
        matching = [d for d in self._by_fingerprint.get(finding.fingerprint, []) if d.applies_to(agency, year)]
        return matching[-1] if matching else None

    def state(self, finding: Finding, agency: str | None = None, year: int | None = None) -> State:
        decision = self.decision(finding, agency, year)
        return decision.state if decision is not None else State.OPEN

    def open_findings(self, findings: Iterable[Finding], agency: str | None = None,
                      year: int | None = None) -> list[Finding]:  # fmt: skip
        """The findings not yet decided (待确认)."""
        return [f for f in findings if self.state(f, agency, year) is State.OPEN]

    def without_dismissed(self, checked: CheckedReport) -> tuple[CheckedReport, int]:
        """The checked report without its dismissed findings, and how many were left out; its outcome
        (通过 / 有错误 / 未能完整读取) follows from the findings that remain."""
        report = checked.read.report
        agency, year = (report.agency, report.year) if report is not None else (None, None)
        kept = [f for f in checked.findings if self.state(f, agency, year) is not State.DISMISSED]
        return replace(checked, findings=kept), len(checked.findings) - len(kept)


def parse_decisions(data: Any) -> Decisions:
    """Decisions from the file's JSON (an object with "decisions", or the list itself)."""
    entries = data.get("decisions") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise DecisionsError('决定文件应为 {"decisions": [...]} 或一个列表')
    decisions = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise DecisionsError(f"第{number}项决定应为对象")
        fingerprint = entry.get("fingerprint")
        if not isinstance(fingerprint, str) or not fingerprint.strip():
            raise DecisionsError(f"第{number}项决定缺少 fingerprint（问题指纹）")
        try:
            state = State(entry.get("state"))
        except ValueError:
            shown = entry.get("state")
            raise DecisionsError(
                f"第{number}项决定的 state（状态）应为 confirmed（已确认）或 dismissed（已排除）：{shown!r}"
            ) from None
        reason = entry.get("reason") or ""
        if state is State.DISMISSED and not str(reason).strip():
            raise DecisionsError(f"第{number}项决定为已排除，须写明 reason（理由）")
        year = entry.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise DecisionsError(f"第{number}项决定的 year（年度）应为整数：{year!r}")
        agency = entry.get("agency")
        if agency is not None and not isinstance(agency, str):
            raise DecisionsError(f"第{number}项决定的 agency（机关）应为文字：{agency!r}")
        decisions.append(
            Decision(fingerprint.strip(), state, str(reason), agency, year, str(entry.get("by") or ""),
                     str(entry.get("at") or ""))
        )  # fmt: skip
    return Decisions(decisions)


def load_decisions(path: Path) -> Decisions:
    try:
        data = json.loads(Path(path).read_text("utf-8-sig"))
    except OSError as exc:
        raise DecisionsError(f"无法读取决定文件 {path}：{exc.strerror}") from None
    except ValueError as exc:
        raise DecisionsError(f"决定文件 {path} 不是有效的JSON：{exc}") from None
    return parse_decisions(data)


def decisions_file(value: str) -> Decisions:
    """An argparse type: the decisions file, loaded (a bad file is a usage error naming the entry and field)."""
    import argparse

    try:
        return load_decisions(Path(value))
    except DecisionsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def skip_dismissed(results: Iterable[CheckedReport], decisions: Decisions,
                   note: TextIO | None = None) -> Iterator[CheckedReport]:  # fmt: skip
    """Each result without its dismissed findings; at the end, how many were left out is written to `note`."""
    skipped = 0
    for result in results:
        kept, left_out = decisions.without_dismissed(result)
        skipped += left_out
        yield kept
    if note is not None and skipped:
        note.write(f"按决定文件略去{skipped}个已排除的问题\n")
