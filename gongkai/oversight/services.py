"""督促整改: issue a notice, the agency answers, the office closes or reopens; each step audited.

The office is the agency's supervising organisation that the issuer works in (the agency must be below it).
A report republished while a notice about that year is open is re-checked (`recheck`, from the signal in
apps.py) and the result recorded on the notice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.clock import holiday_schedule
from gongkai.audit.services import record
from gongkai.calendar import HolidayScheduleError, add_working_days
from gongkai.orgs import permissions
from gongkai.oversight import records
from gongkai.oversight.constants import ItemKind, NoticeStatus, OversightEvent
from gongkai.oversight.models import Notice, NoticeItem

__all__ = [
    "agency_named", "answer", "answerable_items", "answerable_versions", "close", "default_due", "issue", "recheck",
    "reopen", "suggestions", "visible_notices",
]

OPEN = (NoticeStatus.SENT, NoticeStatus.ANSWERED)


def _today() -> dt.date:
    return timezone.localdate()


def default_due(start: dt.date) -> dt.date | None:
    """The usual period to correct (GONGKAI_RECTIFICATION_DAYS working days; a local rule), None if unknown."""
    try:
        return add_working_days(start, int(getattr(settings, "GONGKAI_RECTIFICATION_DAYS", 20)),
                                schedule=holiday_schedule(), provisional=True)
    except HolidayScheduleError:
        return None


def is_office(user: Any, office: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or permissions.roles_in(user, office))


def visible_notices(user: Any) -> QuerySet[Notice]:
    """Notices the user's offices issued (or those above them), and notices to the user's own agencies."""
    return Notice.objects.filter(
        Q(office_id__in=permissions.visible_org_ids(user)) | Q(org_id__in=permissions.member_org_ids(user))
    ).select_related("org", "office")


def agency_named(office: Any, name: str) -> Any:
    """The agency below `office` a report names (its full or short name), None if none or several."""
    from gongkai.orgs.models import Organisation

    name = name.strip()
    if not name:
        return None
    below = Organisation.objects.filter(pk__in=permissions.subordinate_ids([office.pk]) - {office.pk})
    found = list(below.filter(Q(name=name) | Q(short_name=name))[:2])
    return found[0] if len(found) == 1 else None


def suggestions(org: Any, year: int, today: dt.date) -> list[tuple[str, str]]:
    """Findings to name in a notice: the year's report errors and warnings, a late report, complaints upheld,
    requests answered late or overdue (条例 第三十三条), items not published within 20 working days (第二十六条)."""
    from gongkai.annual.constants import Progress
    from gongkai.annual.supervision import agency_rows
    from gongkai.complaints.constants import Finding as ComplaintFinding
    from gongkai.complaints.models import Complaint
    from gongkai.report.findings import Severity

    row = agency_rows([org], year, today)[0]
    found: list[tuple[str, str]] = []
    if row.progress == Progress.LATE:
        found.append((ItemKind.REPORT_LATE, _("%(year)d年度报告逾期未公开（期限%(d)s）。") % {
            "year": year, "d": row.deadline.isoformat()}))
    found += [(ItemKind.REPORT_ERROR, f"{year}年度报告：{f.message}（{f.rule}）")
              for f in row.findings if f.severity is not Severity.INFO]
    upheld = Complaint.objects.filter(org=org, received_on__year=year, correction_ordered=True,
                                      finding__in=(ComplaintFinding.UPHELD, ComplaintFinding.PARTLY))
    found += [(ItemKind.COMPLAINT, _("投诉举报%(code)s经查成立：%(kind)s。") % {
        "code": c.tracking_code, "kind": c.get_kind_display()}) for c in upheld]
    found += _listed(ItemKind.OVERDUE_REQUEST, [r.text for r in records.late_requests([org.pk], year, today)[org.pk]],
                     _("另有%(n)d件申请逾期答复或逾期未答复（条例第三十三条）。"))
    found += _listed(ItemKind.NOT_PUBLISHED,
                     [p.text for p in records.late_publications([org.pk], year, today)[org.pk]],
                     _("另有%(n)d条信息未在20个工作日内公开（条例第二十六条）。"))
    return [(kind, text[:500]) for kind, text in found]


SUGGESTED_PER_KIND = 30  # a notice names each case up to this many, then how many more


def _listed(kind: str, texts: list[str], more: str) -> list[tuple[str, str]]:
    shown = [(kind, text) for text in texts[:SUGGESTED_PER_KIND]]
    if len(texts) > SUGGESTED_PER_KIND:
        shown.append((kind, more % {"n": len(texts) - SUGGESTED_PER_KIND}))
    return shown


@transaction.atomic
def issue(org: Any, *, actor: Any, office: Any, items: list[tuple[str, str]], due_on: dt.date,
          year: int | None = None, note: str = "") -> Notice:
    """Send `org` a notice naming `items` (kind, text) to correct by `due_on`."""
    if not is_office(actor, office) or org.pk not in permissions.subordinate_ids([office.pk]):
        raise PermissionDenied(_("只能向本机关监督的下级机关发出整改通知。"))
    items = [(kind, text.strip()) for kind, text in items if text.strip()]
    if not items:
        raise ValidationError({"items": _("请至少列出一项需要整改的问题。")})
    if any(kind not in ItemKind.values for kind, _t in items):
        raise ValidationError({"items": _("整改事项的类别不正确。")})
    if due_on <= _today():
        raise ValidationError({"due_on": _("整改期限须晚于今天。")})
    notice = Notice.objects.create(org=org, office=office, year=year, due_on=due_on, note=note.strip(),
                                   issued_by=actor, issued_on=_today())
    NoticeItem.objects.bulk_create([NoticeItem(notice=notice, kind=k, text=t[:500]) for k, t in items])
    record(OversightEvent.ISSUED, actor=actor, obj=notice, org=org,
           after={"office": office.name, "due_on": due_on, "year": year, "items": [t for _k, t in items]})
    return notice


def _locked(notice: Notice) -> Notice:
    return Notice.objects.select_for_update().select_related("org", "office").get(pk=notice.pk)  # type: ignore[no-any-return]


def answerable_items(notice: Notice) -> QuerySet[Any]:
    """Information the agency published since the notice was issued, which it may name as its correction."""
    from gongkai.publishing.constants import ItemState
    from gongkai.publishing.models import Item

    return Item.objects.filter(org_id=notice.org_id, state=ItemState.PUBLISHED,
                               published_at__date__gte=notice.issued_on).order_by("-published_at")


def answerable_versions(notice: Notice) -> QuerySet[Any]:
    """Published versions of the agency's report on the notice's year (any year if the notice names none)."""
    from gongkai.annual.models import ReportVersion

    versions = ReportVersion.objects.filter(report__org_id=notice.org_id).select_related("report")
    if notice.year is not None:
        versions = versions.filter(report__year=notice.year)
    return versions.order_by("-published_at")


@transaction.atomic
def answer(notice: Notice, *, actor: Any, text: str, items: list[Any] | None = None,
           version: Any = None) -> Notice:
    """The agency reports what it changed, in words and by naming what it published: information published
    since the notice (`items`) and a corrected version of its report (`version`)."""
    if not permissions.can_edit(actor, notice.org_id):
        raise PermissionDenied(_("只有整改机关的工作人员可以报送整改情况。"))
    notice = _locked(notice)
    if notice.status != NoticeStatus.SENT:
        raise ValidationError(_("该通知不在待整改状态。"))
    if not text.strip():
        raise ValidationError({"answer": _("请填写整改情况。")})
    items = list(items or [])
    if {i.pk for i in items} - set(answerable_items(notice).values_list("pk", flat=True)):
        raise ValidationError({"items": _("只能列出本机关在通知发出后公开的信息。")})
    if version is not None and not answerable_versions(notice).filter(pk=version.pk).exists():
        raise ValidationError({"version": _("只能选择本机关该年度已公开的年度报告版本。")})
    notice.answer, notice.answered_on, notice.status = text.strip(), _today(), NoticeStatus.ANSWERED
    notice.answered_version = version
    notice.save()
    notice.answered_items.set(items)
    record(OversightEvent.ANSWERED, actor=actor, obj=notice, after={
        "answer": notice.answer, "items": [f"{i.index_number or i.pk} {i.title}" for i in items],
        "version": None if version is None else f"{version.report.year}年度报告第{version.number}版"})
    return notice


@transaction.atomic
def close(notice: Notice, *, actor: Any) -> Notice:
    """The office accepts the correction (销号)."""
    if not is_office(actor, notice.office):
        raise PermissionDenied(_("只有发文机关可以销号。"))
    notice = _locked(notice)
    if notice.status != NoticeStatus.ANSWERED:
        raise ValidationError(_("整改机关报送整改情况后才能销号。"))
    notice.status, notice.closed_on = NoticeStatus.CLOSED, _today()
    notice.save()
    record(OversightEvent.CLOSED, actor=actor, obj=notice, after={"closed_on": notice.closed_on})
    return notice


@transaction.atomic
def reopen(notice: Notice, *, actor: Any, note: str) -> Notice:
    """The office finds the correction insufficient: back to the agency, with why."""
    if not is_office(actor, notice.office):
        raise PermissionDenied(_("只有发文机关可以退回。"))
    notice = _locked(notice)
    if notice.status == NoticeStatus.SENT:
        raise ValidationError(_("该通知尚未报送整改情况。"))
    if not note.strip():
        raise ValidationError({"reopen_note": _("请写明退回的理由。")})
    notice.status, notice.reopen_note, notice.closed_on = NoticeStatus.SENT, note.strip(), None
    notice.save()
    record(OversightEvent.REOPENED, actor=actor, obj=notice, after={"reopen_note": notice.reopen_note})
    return notice


def recheck(version: Any) -> list[Notice]:
    """Re-check a newly published report version against open notices about its agency and year."""
    from gongkai.annual.drafting import check_draft, previous_report
    from gongkai.report.findings import Severity
    from gongkai.report.jsonio import from_dict

    report = version.report
    notices = list(Notice.objects.filter(org_id=report.org_id, year=report.year, status__in=OPEN))
    if not notices:
        return []
    findings = check_draft(from_dict(version.data), previous_report(report.org, report.year))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    text = _("第%(n)d版自动复查：错误%(e)d个，提醒%(w)d个。") % {"n": version.number, "e": errors, "w": warnings}
    for notice in notices:
        Notice.objects.filter(pk=notice.pk).update(recheck=text, recheck_errors=errors, rechecked_at=timezone.now())
        record(OversightEvent.RECHECKED, actor=None, obj=notice, after={"version": version.number,
                                                                         "errors": errors, "warnings": warnings})
    return notices
