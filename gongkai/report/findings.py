"""Findings: what a reader or a rule has to say about a report, with the cells and source involved."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

from gongkai.law.report_format import CellRef
from gongkai.report.model import SourcePos

if TYPE_CHECKING:
    from gongkai.report.model import AnnualReport


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

    @cached_property  # a supervisors' page asks it several times of each of thousands of findings
    def fingerprint(self) -> str:
        """The finding's identity across versions of a report: its rule, cells and values (expected, found,
        and the figures its message states), not its wording or position; a finding on no cells (a text
        section's) is told apart by its message. A supervisor's decision on a finding holds while the
        fingerprint does; changed values make another finding."""
        values = [self.expected, self.found, _FIGURES.findall(self.message)] if self.cells else [self.message]
        key = [self.rule, sorted(map(str, self.cells)), *values]
        return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [str(c) for c in self.cells],
            "expected": self.expected,
            "found": self.found,
            "source": str(self.source) if self.source else None,
        }


_FIGURES = re.compile(r"-?\d+(?:\.\d+)?")


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def finding(rule: str, message: str, **details: Any) -> Finding:
    """A finding of a catalogued rule, with the rule's own severity."""
    from gongkai.law.report_rules import RULES

    return Finding(rule=rule, severity=Severity(RULES[rule].severity), message=message, **details)


def locate(f: Finding, report: AnnualReport, kind: str = "text") -> Finding:
    """The finding with its source: where its first cell was read (line and column of a text file), or, for
    a document whose reader gives no text positions (HTML, DOCX, XLSX, PDF), the table cell it is in."""
    if f.source is not None or not f.cells:
        return f
    if kind == "text":
        position = next((report.sources[ref] for ref in f.cells if ref in report.sources), None)
        return replace(f, source=position) if position is not None else f
    from gongkai.report.rules.labels import cell_title

    return replace(f, source=SourcePos(0, 0, f"{kind.upper()}文件{cell_title(report.format, f.cells[0])}"))
