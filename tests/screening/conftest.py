"""Shared helpers: the sample documents in ``documents/`` and a compact view of findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.screening import Finding

DOCUMENTS = Path(__file__).parent / "documents"


@pytest.fixture
def document() -> Callable[[str], str]:
    """Text of a sample document by file name."""
    return lambda name: (DOCUMENTS / name).read_text(encoding="utf-8")


def texts_by_rule(findings: list[Finding]) -> dict[str, list[str]]:
    """{rule: [text, ...]} in the order found."""
    result: dict[str, list[str]] = {}
    for finding in findings:
        result.setdefault(finding.rule, []).append(finding.text)
    return result
