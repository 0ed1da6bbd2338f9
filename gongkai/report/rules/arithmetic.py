"""The arithmetic identities of the tables (勾稽关系), read from the format, never written out here.

Each `Identity` of `gongkai.law.report_format` (表三 T3.balance / T3.outcome_total / T3.applicant_total,
表四 T4.group_total) is checked as found; one that involves a blank cell is skipped, because blank is
not 0 — CELL.blank says so once for the table.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.report_format import Identity
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport
from gongkai.report.rules.labels import describe_identity, show


def check_identities(report: AnnualReport) -> list[Finding]:
    fmt = report.format
    findings: list[Finding] = []
    for table in fmt.tables:
        for identity in table.identities:
            broken = _broken(report, identity)
            if broken is None:
                continue
            left_sum, right_sum = broken
            scope, left, right = describe_identity(fmt, identity.left, identity.right)
            findings.append(
                finding(
                    identity.rule,
                    f"{scope}：{left}（{show(left_sum)}）不等于{right}（{show(right_sum)}）",
                    cells=(*identity.left, *identity.right),
                    expected=show(right_sum),
                    found=show(left_sum),
                )
            )
    return findings


def _broken(report: AnnualReport, identity: Identity) -> tuple[int | Decimal, int | Decimal] | None:
    """The two sums when the identity fails; None when it holds or cannot be evaluated (a blank cell)."""
    cells = report.cells
    left = [cells[r] for r in identity.left]
    right = [cells[r] for r in identity.right]
    if None in left or None in right:
        return None
    left_sum: int | Decimal = sum(left)  # type: ignore[arg-type]  # no None, as checked
    right_sum: int | Decimal = sum(right)  # type: ignore[arg-type]
    return None if left_sum == right_sum else (left_sum, right_sum)
