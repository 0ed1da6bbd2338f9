"""Findings: what a reader or a rule has to say about a report, with the cells and source involved."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongkai.law.report_format import CellRef
from gongkai.report.model import SourcePos


class Severity(StrEnum):
    ERROR = "error"  # 错误: the report is wrong and must not be published as it is
    WARNING = "warning"  # 提醒: worth a second look; may have an explanation
    INFO = "info"  # 说明: what the reader recognised


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "提醒", Severity.INFO: "说明"}


@dataclass(frozen=True)
class Finding:
    rule: str  # a stable id, e.g. "T3.balance"; see gongkai.law.report_rules
    severity: Severity
    message: str  # in Chinese, naming the rows and columns in the report's own words
    cells: tuple[CellRef, ...] = ()
    expected: str | None = None
    found: str | None = None
    source: SourcePos | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [str(c) for c in self.cells],
            "expected": self.expected,
            "found": self.found,
            "source": str(self.source) if self.source else None,
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def finding(rule: str, message: str, **details: Any) -> Finding:
    """A finding of a catalogued rule, with the rule's own severity."""
    from gongkai.law.report_rules import RULES

    return Finding(rule=rule, severity=Severity(RULES[rule].severity), message=message, **details)
