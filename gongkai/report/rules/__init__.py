"""The consistency rules of the annual report (勾稽关系 and more): `check(report)` → findings.

Arithmetic rules are read from each table's identities in `gongkai.law.report_format`, so they hold
for the 2021 format and the 2019 trial format alike; rule ids and severities come from
`gongkai.law.report_rules`; every threshold is a field of `RuleSettings`.
"""

from __future__ import annotations

from gongkai.report.findings import Finding, Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules.agency import can_make_rules_from_name, check_rulemaker
from gongkai.report.rules.arithmetic import check_identities
from gongkai.report.rules.cells import check_cells
from gongkai.report.rules.cross_year import check_cross_year
from gongkai.report.rules.plausibility import check_plausibility
from gongkai.report.rules.settings import DEFAULT_SETTINGS, RuleSettings
from gongkai.report.rules.text import check_completeness, check_figures, check_other_year

__all__ = ["RuleSettings", "can_make_rules_from_name", "check"]

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    can_make_rules: bool | None = None,
    settings: RuleSettings | None = None,
) -> list[Finding]:
    """Every finding of the rules on `report`, errors first, then in the order of the report.

    `previous` is last year's report of the same agency (cross-year rules run only when given);
    `can_make_rules` says whether the agency has rule-making power (None: judged from its name).
    """
    settings = settings or DEFAULT_SETTINGS
    findings = check_cells(report, settings)
    findings += check_identities(report)
    if previous is not None:
        findings += check_cross_year(report, previous, settings)
    findings += check_completeness(report)
    findings += check_figures(report)
    findings += check_other_year(report)
    findings += check_rulemaker(report, can_make_rules)
    findings += check_plausibility(report, previous, settings)
    return sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])  # stable: report order within a severity
