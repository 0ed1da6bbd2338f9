"""The outcome of checking one report: 通过, 有错误 or 未能完整读取, and the exit code that says it.

A report is 有错误 when a rule finds an error in what was read (an error in cells that were read
stands whatever else could not be read), 未能完整读取 when a part that a rule needs could not be read
(the reader's error findings, `READ.*`), and 通过 otherwise. A reading failure is never counted as
the agency's error: a rule never judges a cell that was not read (it is blank in the model, and the
rules skip blank cells), and the reader's findings carry rule ids of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from gongkai.report.findings import Finding, Severity


class Outcome(StrEnum):
    PASSED = "passed"  # 通过: read completely, no rule broken
    ERRORS = "errors"  # 有错误: read, and its own content breaks a rule
    INCOMPLETE = "incomplete"  # 未能完整读取: some part a rule needs could not be read


LABELS = {Outcome.PASSED: "通过", Outcome.ERRORS: "有错误", Outcome.INCOMPLETE: "未能完整读取"}

# `gongkai report check` exits with the code of its worst report: 有错误 before 未能完整读取 before 通过
EXIT_CODES = {Outcome.PASSED: 0, Outcome.ERRORS: 1, Outcome.INCOMPLETE: 3}
_RANK = (Outcome.ERRORS, Outcome.INCOMPLETE, Outcome.PASSED)


def is_reading(finding: Finding) -> bool:
    """A finding of the reader (what could not be read), not of a rule on the report's content."""
    return finding.rule.startswith("READ.")


def outcome(findings: Iterable[Finding], *, read: bool = True) -> Outcome:
    """The outcome of one report from its findings; `read` is False when no report could be read at all."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if any(not is_reading(f) for f in errors):
        return Outcome.ERRORS
    if errors or not read:
        return Outcome.INCOMPLETE
    return Outcome.PASSED


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """The outcome a batch exits with: any 有错误, else any 未能完整读取, else 通过."""
    present = set(outcomes)
    return next((o for o in _RANK if o in present), Outcome.PASSED)


def counts_line(outcomes: Iterable[Outcome]) -> str:
    """共N份报告：通过a份，有错误b份，未能完整读取c份."""
    listed = list(outcomes)
    parts = "，".join(f"{LABELS[o]}{listed.count(o)}份" for o in Outcome)
    return f"共{len(listed)}份报告：{parts}"
