"""The report's life: start, write, submit, the three reviews, publish, correct; imports of published files.

Every change of state goes through one function here that checks the actor's right and writes the audit trail.
`actor=None` is the system (the demo loader, a command run by the operator).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.annual import drafting
from gongkai.annual.constants import (
    DRAFTING_ROLES,
    STAGE_ORDER,
    STAGE_ROLES,
    AnnualEvent,
    Decision,
    Progress,
    ReportStatus,
    Source,
    Stage,
)
from gongkai.annual.models import Report, ReportReview, ReportVersion, canonical_hash
from gongkai.audit.services import changes, record
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role
from gongkai.report.findings import Finding, Severity
from gongkai.report.jsonio import from_dict, to_dict
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.render import render

__all__ = [
    "PublicationBlocked",
    "current_findings",
    "current_report",
    "document",
    "import_published",
    "next_stage",
    "progress",
    "publish",
    "reopen",
    "review",
    "save_sections",
    "start_report",
    "submit",
    "withdraw",
]

SECTION_FIELDS = ("overall", "problems", "other")
PUBLISHERS = DRAFTING_ROLES | {Role.REVIEWER_FINAL}


class PublicationBlocked(ValidationError):
    """The report has error findings: it cannot be published as it is."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        super().__init__([_("有%(n)d个错误，不能公开：") % {"n": len(errors)}] + [f.message for f in errors])
        self.findings = errors


def _require(actor: Any, org: Any, roles: frozenset[str] | set[str], what: str) -> None:
    if actor is None:
        return
    if not permissions.can_view(actor, org):
        raise PermissionDenied(_("您不能查看这个机关。"))
    if not permissions.has_role(actor, org, *roles):
        raise PermissionDenied(_("只有本机关的%(who)s可以%(what)s。") % {
            "who": "、".join(str(Role(r).label) for r in sorted(roles)), "what": what})


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("org").get(pk=report.pk)


@transaction.atomic
def start_report(org: Any, year: int, *, actor: Any) -> Report:
    """The agency's report record for `year`, created with the generated text if it does not exist yet."""
    _require(actor, org, DRAFTING_ROLES, _("起草年度报告"))
    existing = Report.objects.filter(org=org, year=year).first()
    if existing is not None:
        return existing
    report = Report(org=org, year=year, created_by=actor, **drafting.draft(org, year).sections)
    report.save()
    record(AnnualEvent.REPORT_STARTED, actor=actor, obj=report, after={"year": year})
    return report


@transaction.atomic
def save_sections(report: Report, *, actor: Any, data: dict[str, str]) -> Report:
    """Change the text sections (一、五、六) of a report being drafted."""
    report = _locked(report)
    _require(actor, report.org, DRAFTING_ROLES, _("修改年度报告"))
    if report.status != ReportStatus.DRAFTING:
        raise ValidationError(_("报告%(status)s，不能修改；已公开的报告请先点“修订”。") % {
            "status": report.get_status_display()})
    unknown = set(data) - set(SECTION_FIELDS)
    if unknown:
        raise ValidationError(_("未知的项目：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    before = report.sections
    for key, text in data.items():
        setattr(report, key, text.replace("\r\n", "\n").strip())
    report.save()
    old, new = changes(before, report.sections)
    if new:
        record(AnnualEvent.SECTIONS_SAVED, actor=actor, obj=report, before=old, after=new)
    return report


@transaction.atomic
def submit(report: Report, *, actor: Any) -> Report:
    """Send the draft to 初审: a new submission, reviewed again from the first stage."""
    report = _locked(report)
    _require(actor, report.org, DRAFTING_ROLES, _("提交审核"))
    if report.status != ReportStatus.DRAFTING:
        raise ValidationError(_("只有起草中的报告可以提交审核。"))
    report.status = ReportStatus.IN_REVIEW
    report.submission += 1
    report.save(update_fields=["status", "submission", "updated_at"])
    record(AnnualEvent.SUBMITTED, actor=actor, obj=report, after={"submission": report.submission})
    return report


@transaction.atomic
def withdraw(report: Report, *, actor: Any) -> Report:
    """Take a report out of review to change it (e.g. publication was refused); it is reviewed again from 初审."""
    report = _locked(report)
    _require(actor, report.org, DRAFTING_ROLES, _("撤回修改"))
    if report.status != ReportStatus.IN_REVIEW:
        raise ValidationError(_("只有审核中的报告可以撤回。"))
    report.status = ReportStatus.DRAFTING
    report.save(update_fields=["status", "updated_at"])
    record(AnnualEvent.WITHDRAWN, actor=actor, obj=report, after={"submission": report.submission})
    return report


def next_stage(report: Report) -> Stage | None:
    """The stage waiting for a reviewer in the current submission (None: all three approved, or not in review)."""
    if report.status != ReportStatus.IN_REVIEW:
        return None
    done = set(report.reviews.filter(submission=report.submission).values_list("stage", flat=True))
    return next((stage for stage in STAGE_ORDER if stage not in done), None)


@transaction.atomic
def review(report: Report, *, actor: Any, stage: str, decision: str, comment: str = "") -> ReportReview:
    """One stage of the 三审: by a holder of the stage's role who has not reviewed another stage of this submission.

    Returning the report sends it back to drafting; approving the final stage makes it ready to publish.
    """
    if actor is None:
        raise PermissionDenied(_("审核须由审核人本人进行。"))
    report = _locked(report)
    stage = Stage(stage)
    _require(actor, report.org, {STAGE_ROLES[stage]}, _("进行%(stage)s") % {"stage": stage.label})
    expected = next_stage(report)
    if expected is None or expected != stage:
        raise ValidationError(_("现在不是%(stage)s环节。") % {"stage": stage.label})
    if decision == Decision.RETURNED and not comment.strip():
        raise ValidationError({"comment": _("退回修改时请写明意见。")})
    earlier = report.reviews.filter(submission=report.submission, reviewer=actor).first()
    if earlier is not None:
        raise ValidationError(_("同一人不能审核两个环节：您已进行了本次提交的%(stage)s。") % {
            "stage": earlier.get_stage_display()})
    entry = ReportReview.objects.create(report=report, submission=report.submission, stage=stage,
                                        decision=Decision(decision), comment=comment.strip(), reviewer=actor)
    if decision == Decision.RETURNED:
        report.status = ReportStatus.DRAFTING
        report.save(update_fields=["status", "updated_at"])
    record(AnnualEvent.REVIEWED, actor=actor, obj=report,
           after={"submission": report.submission, "stage": stage.value, "decision": decision, "comment": comment})
    return entry


def current_report(report: Report) -> AnnualReport:
    """The report as it stands: the draft from the records, or the latest published version when published."""
    if report.status == ReportStatus.PUBLISHED and (version := report.latest_version) is not None:
        return from_dict(version.data)
    return drafting.draft(report.org, report.year)


def current_findings(report: Report, content: AnnualReport | None = None) -> list[Finding]:
    content = content or current_report(report)
    return drafting.check_draft(content, drafting.previous_report(report.org, report.year))


@transaction.atomic
def publish(report: Report, *, actor: Any, now: dt.datetime | None = None) -> ReportVersion:
    """Freeze the reviewed report into a new published version (JSON, hash, HTML page); refused with errors."""
    report = _locked(report)
    _require(actor, report.org, PUBLISHERS, _("公开年度报告"))
    if report.status != ReportStatus.IN_REVIEW or next_stage(report) is not None:
        raise ValidationError(_("报告须经初审、复审、终审全部通过后才能公开。"))
    content = drafting.draft(report.org, report.year)
    findings = current_findings(report, content)
    if any(f.severity is Severity.ERROR for f in findings):
        raise PublicationBlocked(findings)
    version = _new_version(report, content, actor=actor, now=now)
    report.status = ReportStatus.PUBLISHED
    report.save(update_fields=["status", "updated_at"])
    record(AnnualEvent.PUBLISHED, actor=actor, obj=report,
           after={"version": version.number, "sha256": version.sha256})
    return version


def _new_version(report: Report, content: AnnualReport, *, actor: Any, now: dt.datetime | None = None,
                 **extra: Any) -> ReportVersion:
    data = to_dict(content)
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    html = render(content, "html")
    assert isinstance(html, str)
    return ReportVersion.objects.create(
        report=report, number=last + 1, data=data, sha256=canonical_hash(data), html=html,
        published_at=now or timezone.now(), published_by=actor, **extra,
    )


@transaction.atomic
def reopen(report: Report, *, actor: Any, note: str) -> Report:
    """Correct a published report: back to drafting; the published versions stay public until the next one."""
    report = _locked(report)
    _require(actor, report.org, DRAFTING_ROLES, _("修订已公开的年度报告"))
    if report.status != ReportStatus.PUBLISHED or report.source != Source.SYSTEM:
        raise ValidationError(_("只有本平台起草并已公开的报告可以修订。"))
    if not note.strip():
        raise ValidationError({"note": _("请写明修订的原因。")})
    report.status = ReportStatus.DRAFTING
    report.save(update_fields=["status", "updated_at"])
    record(AnnualEvent.REOPENED, actor=actor, obj=report, message=note.strip())
    return report


@transaction.atomic
def import_published(org: Any, year: int, data: bytes, filename: str, *, actor: Any,
                     published_on: dt.date | None = None) -> ReportVersion:
    """A report the agency published elsewhere (e.g. last year's, before the platform), read from its file."""
    _require(actor, org, DRAFTING_ROLES, _("导入年度报告"))
    result = read_bytes(data, source=filename)
    if result.report is None:
        reasons = "；".join(f.message for f in result.findings) or _("无法读取")
        raise ValidationError({"file": _("未能读取为年度报告：%(why)s") % {"why": reasons}})
    if result.report.year != year:
        raise ValidationError({"file": _("文件是%(found)d年度的报告，不是%(year)d年度的。") % {
            "found": result.report.year, "year": year}})
    report, created = Report.objects.get_or_create(
        org=org, year=year, defaults={"source": Source.IMPORTED, "status": ReportStatus.PUBLISHED, "created_by": actor}
    )
    if not created and report.source != Source.IMPORTED:
        raise ValidationError({"file": _("本平台已有该机关%(year)d年度的报告，不能再导入。") % {"year": year}})
    moment = (
        timezone.make_aware(dt.datetime.combine(published_on, dt.time(9))) if published_on is not None else None
    )
    version = _new_version(report, result.report, actor=actor, now=moment, source_name=filename[:200],
                           source_file=data)
    record(AnnualEvent.IMPORTED, actor=actor, obj=report,
           after={"version": version.number, "sha256": version.sha256, "file": filename})
    return version


def document(version: ReportVersion, kind: str) -> bytes:
    """The DOCX or PDF of a published version, rendered from its JSON on first use and kept."""
    if kind not in ("docx", "pdf"):
        raise ValueError(kind)
    stored = getattr(version, kind)
    if stored:
        return bytes(stored)
    content = render(from_dict(version.data), kind)
    assert isinstance(content, bytes)
    ReportVersion.objects.filter(pk=version.pk).update(**{kind: content})
    setattr(version, kind, content)
    return content


def progress(report: Report | None, deadline: dt.date, today: dt.date) -> Progress:
    """Not started, drafting, in review, published — or late once the deadline has passed unpublished.

    A published report being corrected (reopened) stays published: its last version is public.
    """
    if report is not None and (report.status == ReportStatus.PUBLISHED or report.versions.exists()):
        return Progress.PUBLISHED
    if today > deadline:
        return Progress.LATE
    if report is None:
        return Progress.NOT_STARTED
    return Progress(report.status)
