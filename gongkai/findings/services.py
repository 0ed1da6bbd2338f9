"""Supervisors' decisions on findings, and the region comparison, on the platform's reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.findings import region as region_core
from gongkai.findings.constants import DecisionState, FindingEvent
from gongkai.findings.models import FindingDecision, Region
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role
from gongkai.orgs.models import Organisation
from gongkai.report.findings import Finding, Severity

__all__ = [
    "RegionCheck",
    "attach_decisions",
    "check_region",
    "current_findings",
    "decide",
    "decisions_by_org",
    "decisions_file",
    "may_decide",
    "may_decide_region",
    "reopen",
    "visible_regions",
]


def decisions_by_org(org_ids: Iterable[int], year: int) -> dict[int, dict[str, FindingDecision]]:
    """Per agency, its decisions for `year` by fingerprint."""
    found: dict[int, dict[str, FindingDecision]] = {}
    for decision in FindingDecision.objects.filter(org_id__in=list(org_ids), year=year).select_related("decided_by"):
        found.setdefault(decision.org_id, {})[decision.fingerprint] = decision
    return found


def attach_decisions(rows: Sequence[Any], year: int) -> None:
    """Each supervisors' row (`gongkai.annual.supervision.AgencyRow`) with its agency's decisions."""
    decisions = decisions_by_org([row.org.pk for row in rows], year)
    for row in rows:
        row.decisions = decisions.get(row.org.pk, {})


def may_decide(user: Any, org: Organisation) -> bool:
    """Only a supervising office decides on an agency's findings (not the agency itself)."""
    if getattr(user, "is_superuser", False):
        return True
    own = permissions.member_org_ids(user)
    return org.pk not in own and org.pk in permissions.subordinate_ids(own) and permissions.can_view(user, org)


def may_decide_region(user: Any, whole: Organisation) -> bool:
    """The region comparison's findings (kept under the whole-area agency): its supervising office, or the
    supervisors (上级监督人员) of the whole-area agency itself, who oversee the agencies it covers."""
    return may_decide(user, whole) or permissions.has_role(user, whole, Role.SUPERVISOR)


def current_findings(org: Organisation, year: int) -> list[Finding]:
    """The findings of the agency's report of `year` as the supervisors' view shows them (cross-year included)."""
    from gongkai.annual import supervision

    [row] = supervision.agency_rows([org], year, timezone.localdate())
    return [f for f in row.findings if f.severity is not Severity.INFO]


def decide(org: Organisation, year: int, finding: Finding, state: str, reason: str, *, actor: Any,
           region: bool = False) -> FindingDecision:  # fmt: skip
    """Confirm (已确认) or dismiss (已排除, a reason required) a finding; recorded in the audit trail.

    `region`: the finding is of the region comparison, kept under the whole-area agency `org`."""
    if not (may_decide_region(actor, org) if region else may_decide(actor, org)):
        raise PermissionDenied(_("只有上级监督机关可以确认或排除下级机关报告的问题。"))
    if state not in DecisionState.values:
        raise ValidationError({"state": _("状态应为已确认或已排除。")})
    reason = reason.strip()
    if state == DecisionState.DISMISSED and not reason:
        raise ValidationError({"reason": _("排除问题须写明理由。")})
    with transaction.atomic():
        existing = (
            FindingDecision.objects.select_for_update()
            .filter(org=org, year=year, fingerprint=finding.fingerprint)
            .first()
        )
        before = _snapshot(existing) if existing else None
        decision = existing or FindingDecision(org=org, year=year, fingerprint=finding.fingerprint)
        decision.rule, decision.message = finding.rule, finding.message
        decision.state, decision.reason = state, reason
        decision.decided_by, decision.decided_at = actor, timezone.now()
        decision.save()
        record(FindingEvent.DECIDED, actor=actor, obj=decision, org=org, before=before, after=_snapshot(decision),
               message=f"{year}年 {finding.rule}：{decision.get_state_display()}")  # fmt: skip
    return decision


def reopen(org: Organisation, year: int, fingerprint: str, *, actor: Any) -> None:
    """Withdraw a decision: the finding is open (待确认) again; recorded in the audit trail."""
    if not (may_decide(actor, org) or (Region.objects.filter(whole=org).exists() and may_decide_region(actor, org))):
        raise PermissionDenied(_("只有上级监督机关可以确认或排除下级机关报告的问题。"))
    with transaction.atomic():
        decision = (
            FindingDecision.objects.select_for_update().filter(org=org, year=year, fingerprint=fingerprint).first()
        )
        if decision is None:
            return
        before = _snapshot(decision)
        record(FindingEvent.REOPENED, actor=actor, obj=decision, org=org, before=before, after=None,
               message=f"{year}年 {decision.rule}：改为待确认")  # fmt: skip
        decision.delete()


def _snapshot(decision: FindingDecision) -> dict[str, Any]:
    return {
        "fingerprint": decision.fingerprint, "rule": decision.rule, "state": decision.state,
        "reason": decision.reason, "message": decision.message,
    }  # fmt: skip


def decisions_file(org_ids: Iterable[int], year: int) -> dict[str, Any]:
    """The decisions as `gongkai report check --decisions FILE.json` reads them: the agency named as its report
    names itself (the published report, else the draft), which is what the command matches."""
    from gongkai.annual import supervision

    decisions = list(
        FindingDecision.objects.filter(org_id__in=list(org_ids), year=year).select_related("org", "decided_by")
    )
    orgs = list({d.org_id: d.org for d in decisions}.values())
    reports = supervision.reports_for(orgs, year) if orgs else {}
    entries = []
    for decision in decisions:
        report = reports.get(decision.org_id)
        entries.append({
            "fingerprint": decision.fingerprint, "state": decision.state, "reason": decision.reason,
            "agency": report.agency if report is not None else decision.org.name, "year": decision.year,
            "rule": decision.rule, "by": decision.decided_by.get_username() if decision.decided_by else "",
            "at": decision.decided_at.isoformat(),
        })  # fmt: skip
    return {"decisions": entries}


# ------------------------------------------------------------------------------------------- regions


@dataclass
class RegionCheck:
    region: Region
    year: int
    has_whole_report: bool
    findings: list[Finding]
    decisions: dict[str, FindingDecision]
    may_decide: bool = False  # whether the viewer may confirm or dismiss (set by the page)

    @property
    def reviewed(self) -> list[tuple[Finding, FindingDecision | None]]:
        return [(f, self.decisions.get(f.fingerprint)) for f in self.findings]

    @property
    def open_findings(self) -> int:
        return sum(d is None for _f, d in self.reviewed)


def visible_regions(user: Any) -> list[Region]:
    """Regions whose whole-area agency the user may see."""
    return list(
        Region.objects.filter(whole_id__in=permissions.visible_org_ids(user))
        .select_related("whole")
        .prefetch_related("members")
    )


def check_region(region: Region, year: int, *, today: dt.date | None = None) -> RegionCheck:
    """The whole-area report of `year` against the sum of its members' (published, else drafted from records).

    The findings are the whole-area agency's: decisions on them are taken and kept under it.
    """
    from gongkai.annual import supervision

    members = list(region.members.all())
    reports = supervision.reports_for([region.whole, *members], year)
    whole = reports.get(region.whole.pk)
    decisions = decisions_by_org([region.whole.pk], year).get(region.whole.pk, {})
    if whole is None:
        return RegionCheck(region, year, False, [], decisions)
    core = region_core.Region(region.name, region.whole.name, tuple(m.name for m in members))
    parts = {m.name: reports[m.pk] for m in members if m.pk in reports}
    return RegionCheck(region, year, True, region_core.compare(core, whole, parts), decisions)
