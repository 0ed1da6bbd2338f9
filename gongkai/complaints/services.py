"""Handling a complaint: each step checks who acts, validates, and writes the audit trail.

Who may do what:
- the supervising office (any role in `complaint.office`, or a supervisor above it) sees everything and
  registers, asks, decides and replies;
- the agency complained about (a role in `complaint.org`) sees the complaint without the complainant's
  identity unless the office shared it, and answers the office's question.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.complaints import periods
from gongkai.complaints.constants import Channel, ComplaintEvent, Finding, Status
from gongkai.complaints.models import Complaint, ComplaintAttachment
from gongkai.orgs import permissions

__all__ = [
    "COMPLAINANT_FIELDS", "Upload", "ask_agency", "assign", "can_handle", "counts_for_orgs", "explain", "office_for",
    "reads_all", "register", "reply", "share_identity", "shows_identity", "submit_online", "visible_complaints",
]

COMPLAINANT_FIELDS = ("name", "phone", "email", "address")
CASE_FIELDS = ("kind", "request_reference", "description")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def office_for(org: Any) -> Any:
    """The office a complaint about `org` goes to: its 监督机关 (the parent unless set otherwise)."""
    office = org.supervising_org
    if office is None:
        raise ValidationError({"org": _("该机关没有登记监督机关，请向其上级机关当面或以信函方式投诉。")})
    return office


def _today() -> date:
    return timezone.localdate()


def _new_code() -> str:
    return "T" + "".join(secrets.choice(_ALPHABET) for _ in range(11))


def can_handle(user: Any, complaint: Complaint) -> bool:
    """The supervising office's own people handle the complaint (supervisors above it only read it)."""
    return bool(getattr(user, "is_superuser", False) or permissions.roles_in(user, complaint.office_id))


def reads_all(user: Any, complaint: Complaint) -> bool:
    """The office and those above it read the whole complaint, the complainant's identity included."""
    return permissions.can_view(user, complaint.office_id)


def visible_complaints(user: Any) -> QuerySet[Complaint]:
    """Complaints the user may open: those its offices handle, and those about its own agencies."""
    offices = permissions.visible_org_ids(user)
    own = permissions.member_org_ids(user)
    return Complaint.objects.filter(Q(office_id__in=offices) | Q(org_id__in=own)).select_related("org", "office")


def shows_identity(user: Any, complaint: Complaint) -> bool:
    """The complainant's name and contacts: to the office always, to the agency only once shared."""
    return reads_all(user, complaint) or complaint.identity_shared


def _require_handler(user: Any, complaint: Complaint) -> None:
    if user is not None and not can_handle(user, complaint):
        raise PermissionDenied(_("只有受理投诉的监督机关可以办理。"))


def _check_text(data: dict[str, Any]) -> None:
    errors = {}
    if not (data.get("name") or "").strip():
        errors["name"] = _("请填写投诉人姓名或名称。")
    if not (data.get("phone") or "").strip():
        errors["phone"] = _("请填写联系电话。")
    if not (data.get("description") or "").strip():
        errors["description"] = _("请写明投诉举报的事项和理由。")
    if errors:
        raise ValidationError(errors)


def _create(org: Any, data: dict[str, Any], *, channel: str, received_on: date, uploads: list[Upload]) -> Complaint:
    _check_text(data)
    fields = {k: (data.get(k) or "") for k in (*COMPLAINANT_FIELDS, *CASE_FIELDS)}
    complaint = Complaint(org=org, office=office_for(org), channel=channel, received_on=received_on,
                          reply_due=periods.due("reply", received_on), tracking_code=_new_code(), **fields)
    complaint.full_clean()
    complaint.save()
    for upload in uploads:
        stored = ComplaintAttachment(complaint=complaint, name=PurePosixPath(upload.name).name[:200],
                                     size=len(upload.content))
        stored.file.save(stored.name, ContentFile(upload.content), save=False)
        stored.save()
    return complaint


@transaction.atomic
def submit_online(org: Any, data: dict[str, Any], *, uploads: list[Upload] = ()) -> Complaint:  # type: ignore[assignment]
    """A complaint from the public form: received today, sent to the agency's supervising office."""
    complaint = _create(org, data, channel=Channel.ONLINE, received_on=_today(), uploads=list(uploads))
    record(ComplaintEvent.SUBMITTED, actor=None, obj=complaint, org=complaint.office,
           after=snapshot(complaint, ("org", "office", "kind", "request_reference", "received_on", "reply_due")))
    return complaint


@transaction.atomic
def register(org: Any, data: dict[str, Any], *, actor: Any, channel: str, received_on: date) -> Complaint:
    """A complaint received by letter, phone or in person, registered by the office's staff."""
    if received_on > _today():
        raise ValidationError({"received_on": _("收到日期不能晚于今天。")})
    office = office_for(org)
    if not (getattr(actor, "is_superuser", False) or permissions.roles_in(actor, office)):
        raise PermissionDenied(_("只能登记向本机关提出的投诉举报。"))
    complaint = _create(org, data, channel=channel, received_on=received_on, uploads=[])
    complaint.assignee = actor
    complaint.save(update_fields=["assignee"])
    record(ComplaintEvent.REGISTERED, actor=actor, obj=complaint, org=office,
           after=snapshot(complaint, ("org", "channel", "kind", "received_on", "reply_due")))
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)  # type: ignore[no-any-return]


@transaction.atomic
def assign(complaint: Complaint, *, actor: Any, assignee: Any) -> Complaint:
    """Name the person of the office who handles the complaint."""
    _require_handler(actor, complaint)
    if not permissions.roles_in(assignee, complaint.office_id):
        raise ValidationError({"assignee": _("承办人须是受理机关的工作人员。")})
    complaint = _locked(complaint)
    complaint.assignee = assignee
    complaint.save(update_fields=["assignee"])
    record(ComplaintEvent.ASSIGNED, actor=actor, obj=complaint, org=complaint.office,
           after={"assignee": assignee.get_username()})
    return complaint


@transaction.atomic
def ask_agency(complaint: Complaint, *, actor: Any, question: str) -> Complaint:
    """Ask the agency complained about to explain; it answers in the system within the period."""
    _require_handler(actor, complaint)
    complaint = _locked(complaint)
    if complaint.status == Status.REPLIED:
        raise ValidationError(_("该投诉举报已答复，不能再要求说明。"))
    if not question.strip():
        raise ValidationError({"question": _("请写明要求被投诉机关说明的事项。")})
    today = _today()
    complaint.question, complaint.asked_on = question.strip(), today
    complaint.explanation_due = periods.due("explain", today)
    complaint.status = Status.ASKED
    if complaint.assignee_id is None:
        complaint.assignee = actor
    complaint.save()
    record(ComplaintEvent.ASKED, actor=actor, obj=complaint, org=complaint.office,
           after=snapshot(complaint, ("question", "asked_on", "explanation_due")))
    return complaint


@transaction.atomic
def explain(complaint: Complaint, *, actor: Any, explanation: str) -> Complaint:
    """The agency's answer to the office's question."""
    if actor is not None and not permissions.can_edit(actor, complaint.org_id):
        raise PermissionDenied(_("只有被投诉机关的工作人员可以说明情况。"))
    complaint = _locked(complaint)
    if complaint.status != Status.ASKED:
        raise ValidationError(_("监督机关没有要求说明，或已经说明过。"))
    if not explanation.strip():
        raise ValidationError({"explanation": _("请填写说明内容。")})
    complaint.explanation, complaint.explained_on = explanation.strip(), _today()
    complaint.status = Status.EXPLAINED
    complaint.save()
    record(ComplaintEvent.EXPLAINED, actor=actor, obj=complaint, org=complaint.org,
           after=snapshot(complaint, ("explanation", "explained_on")))
    return complaint


@transaction.atomic
def reply(complaint: Complaint, *, actor: Any, finding: str, text: str, correction: bool = False) -> Complaint:
    """Decide (成立 / 部分成立 / 不成立) and reply to the complainant; correction only where it holds."""
    _require_handler(actor, complaint)
    complaint = _locked(complaint)
    if complaint.status == Status.REPLIED:
        raise ValidationError(_("该投诉举报已经答复。"))
    if finding not in Finding.values:
        raise ValidationError({"finding": _("请选择处理结论。")})
    if not text.strip():
        raise ValidationError({"reply": _("请填写答复意见。")})
    if correction and finding == Finding.NOT_UPHELD:
        raise ValidationError({"correction_ordered": _("投诉举报不成立的，不能责令改正。")})
    complaint.finding, complaint.reply, complaint.correction_ordered = finding, text.strip(), correction
    complaint.replied_on, complaint.status = _today(), Status.REPLIED
    if complaint.assignee_id is None:
        complaint.assignee = actor
    complaint.save()
    record(ComplaintEvent.REPLIED, actor=actor, obj=complaint, org=complaint.office,
           after=snapshot(complaint, ("finding", "reply", "correction_ordered", "replied_on")))
    return complaint


@transaction.atomic
def share_identity(complaint: Complaint, *, actor: Any) -> Complaint:
    """Let the agency see who complained (the office decides; the trail shows who did)."""
    _require_handler(actor, complaint)
    complaint = _locked(complaint)
    if not complaint.identity_shared:
        complaint.identity_shared = True
        complaint.save(update_fields=["identity_shared"])
        record(ComplaintEvent.IDENTITY_SHARED, actor=actor, obj=complaint, org=complaint.office,
               after={"identity_shared": True})
    return complaint


def counts_for_orgs(org_ids: list[int] | Any, year: int) -> dict[int, dict[str, int]]:
    """Per agency: complaints received in `year` (`total`) and those decided 成立 or 部分成立 (`upheld`)."""
    ids = list(org_ids)
    counts = {pk: {"total": 0, "upheld": 0} for pk in ids}
    rows = (Complaint.objects.filter(org_id__in=ids, received_on__year=year).values("org_id")
            .annotate(total=Count("pk"), upheld=Count("pk", filter=Q(finding__in=(Finding.UPHELD, Finding.PARTLY)))))
    for row in rows:
        counts[row["org_id"]] = {"total": row["total"], "upheld": row["upheld"]}
    return counts
