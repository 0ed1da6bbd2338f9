"""Changes to consultations and concern responses; each checks the actor's right, validates, and writes
the audit trail. Comments from the public are screened (gongkai.screening): personal data in the text is
refused (the contact field is for that, and is never shown), 错敏词 and other findings are kept for staff."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.consultations.constants import Adoption, ConsultationEvent
from gongkai.consultations.models import Comment, ConcernResponse, Consultation
from gongkai.law.consultation import MIN_CONSULTATION_DAYS, MIN_CONSULTATION_SOURCE
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role
from gongkai.screening import Category, ScreeningContext, Severity, screen_text

__all__ = [
    "COMMENT_MAX_CHARS", "PUBLISHING_ROLES", "add_comment", "counts", "create_concern", "create_consultation",
    "open_consultation", "publish_concern", "publish_result", "reply",
]

PUBLISHING_ROLES = (Role.OFFICE_HEAD, Role.REVIEWER_FINAL, Role.ADMIN)
COMMENT_MAX_CHARS = 2000
CONSULTATION_FIELDS = ("title", "summary", "body", "opens_on", "closes_on", "short_period_reason")
CONCERN_FIELDS = ("title", "concern", "source", "raised_on", "body")


def _require_edit(actor: Any, org: Any) -> None:
    if not permissions.can_edit(actor, org):
        raise PermissionDenied(_("您没有编辑本机关信息的权限。"))


def _require_publisher(actor: Any, org: Any) -> None:
    if not permissions.has_role(actor, org, *PUBLISHING_ROLES):
        raise PermissionDenied(_("发布须由本机关的公开工作机构负责人、终审人或管理员进行。"))


def _check_period(c: Consultation) -> None:
    if c.closes_on < c.opens_on:
        raise ValidationError({"closes_on": _("截止日期不能早于开始日期。")})
    days = (c.closes_on - c.opens_on).days + 1
    if days < MIN_CONSULTATION_DAYS and not c.short_period_reason.strip():
        raise ValidationError({"short_period_reason": _(
            "征求意见期限为%(days)d日，少于%(min)d日的须说明理由（%(source)s）。"
        ) % {"days": days, "min": MIN_CONSULTATION_DAYS, "source": MIN_CONSULTATION_SOURCE}})


@transaction.atomic
def create_consultation(org: Any, *, actor: Any, **data: Any) -> Consultation:
    """A draft consultation of `org` (not yet public)."""
    _require_edit(actor, org)
    consultation = Consultation(org=org, created_by=actor, **{k: data.get(k, "") for k in CONSULTATION_FIELDS})
    consultation.full_clean(exclude=["created_by"])
    _check_period(consultation)
    consultation.save()
    record(ConsultationEvent.CREATED, actor=actor, obj=consultation, after=snapshot(consultation, CONSULTATION_FIELDS))
    return consultation


@transaction.atomic
def open_consultation(consultation: Consultation, *, actor: Any) -> Consultation:
    """Publish the draft for comment on the portal, for its period."""
    _require_publisher(actor, consultation.org)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.published_at is not None:
        raise ValidationError(_("该征求意见稿已经发布。"))
    if consultation.closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("征求意见截止日期已过，请修改期限后再发布。")})
    _check_period(consultation)
    consultation.published_at = timezone.now()
    consultation.save(update_fields=["published_at"])
    record(ConsultationEvent.OPENED, actor=actor, obj=consultation,
           after={"opens_on": consultation.opens_on, "closes_on": consultation.closes_on})
    return consultation


def screen_comment(text: str) -> list[dict[str, Any]]:
    """Screen a comment: personal data in the text is refused; the other findings are returned for staff."""
    findings = screen_text(text, context=ScreeningContext(year=timezone.localdate().year))
    personal = [f for f in findings if f.category is Category.PERSONAL]
    if personal:
        raise ValidationError({"text": _(
            "意见内容中含有个人信息（%(what)s），请删除后再提交；联系方式请填写在“联系方式”栏，不会公开。"
        ) % {"what": "、".join(sorted({re.split("[：（]", f.message)[0][:20] for f in personal}))}})
    return [{"rule": f.rule, "category": f.category.value, "text": f.text, "message": f.message}
            for f in findings]


@transaction.atomic
def add_comment(consultation: Consultation, *, text: str, name: str = "", contact: str = "") -> Comment:
    """A comment from the public, while the consultation is open."""
    if not consultation.is_open(timezone.localdate()):
        raise ValidationError(_("该征求意见稿不在征求意见期内，不能提交意见。"))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("请填写意见内容。")})
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError({"text": _("意见内容不超过%(n)d字。") % {"n": COMMENT_MAX_CHARS}})
    found = screen_comment(text)
    comment = Comment.objects.create(consultation=consultation, text=text, name=name.strip()[:50],
                                     contact=contact.strip()[:100], screening=found)
    record(ConsultationEvent.COMMENTED, actor=None, obj=comment, org=consultation.org,
           after={"consultation": consultation.pk, "chars": len(text), "findings": len(found)})
    return comment


@transaction.atomic
def reply(comment: Comment, *, actor: Any, adoption: str, text: str) -> Comment:
    """Staff answer a comment and say whether it was taken up."""
    consultation = comment.consultation
    _require_edit(actor, consultation.org)
    if adoption not in Adoption.values:
        raise ValidationError({"adoption": _("请选择采纳情况：采纳、部分采纳或未采纳。")})
    if not text.strip():
        raise ValidationError({"reply": _("请填写答复内容。")})
    if consultation.result_published_at is not None:
        raise ValidationError(_("采纳情况已经公布，不能再修改答复。"))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = {"adoption": comment.adoption, "reply": comment.reply}
    comment.adoption, comment.reply = adoption, text.strip()
    comment.replied_by, comment.replied_at = actor, timezone.now()
    comment.save(update_fields=["adoption", "reply", "replied_by", "replied_at"])
    record(ConsultationEvent.REPLIED, actor=actor, obj=comment, org=consultation.org, before=before,
           after={"adoption": adoption, "reply": comment.reply})
    return comment


def tally(consultation: Consultation) -> dict[str, int]:
    """How many comments were received, and how many of each 采纳情况 (and unanswered)."""
    rows = consultation.comments.aggregate(
        total=Count("pk"), adopted=Count("pk", filter=Q(adoption=Adoption.ADOPTED)),
        partly=Count("pk", filter=Q(adoption=Adoption.PARTLY)),
        not_adopted=Count("pk", filter=Q(adoption=Adoption.NOT_ADOPTED)), open=Count("pk", filter=Q(adoption="")),
    )
    return {k: int(v) for k, v in rows.items()}


@transaction.atomic
def publish_result(consultation: Consultation, *, actor: Any, text: str) -> Consultation:
    """After the period: publish the 采纳情况 (every comment answered first); the counts are stated with it."""
    _require_publisher(actor, consultation.org)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.published_at is None or consultation.closes_on >= timezone.localdate():
        raise ValidationError(_("征求意见期结束后才能公布采纳情况。"))
    if consultation.result_published_at is not None:
        raise ValidationError(_("采纳情况已经公布。"))
    if not text.strip():
        raise ValidationError({"result": _("请填写意见采纳情况的说明。")})
    counted = tally(consultation)
    if counted["open"]:
        raise ValidationError(_("还有%(n)d条意见未答复，请逐条答复后再公布采纳情况。") % {"n": counted["open"]})
    consultation.result, consultation.result_published_at = text.strip(), timezone.now()
    consultation.save(update_fields=["result", "result_published_at"])
    record(ConsultationEvent.RESULT, actor=actor, obj=consultation, after={**counted, "result": consultation.result})
    return consultation


def counts(org_ids: Iterable[int], year: int) -> dict[int, dict[str, int]]:
    """Per agency, consultations opened in `year`: how many, comments received, comments taken up (in whole
    or part) — for the annual report's text."""
    out: dict[int, dict[str, int]] = {}
    rows = (Consultation.objects.filter(org_id__in=list(org_ids), published_at__isnull=False, opens_on__year=year)
            .values("org_id").annotate(
                n=Count("pk", distinct=True), n_comments=Count("comments"),
                n_adopted=Count("comments", filter=Q(comments__adoption__in=(Adoption.ADOPTED, Adoption.PARTLY)))))
    for row in rows:
        out[row["org_id"]] = {"consultations": row["n"], "comments": row["n_comments"], "adopted": row["n_adopted"]}
    return out


@transaction.atomic
def create_concern(org: Any, *, actor: Any, **data: Any) -> ConcernResponse:
    """A draft response to public concern."""
    _require_edit(actor, org)
    response = ConcernResponse(org=org, created_by=actor, **{k: data.get(k) for k in CONCERN_FIELDS})
    response.full_clean(exclude=["created_by"])
    if response.raised_on > timezone.localdate():
        raise ValidationError({"raised_on": _("关切提出日期不能晚于今天。")})
    response.save()
    record(ConsultationEvent.CONCERN_CREATED, actor=actor, obj=response, after=snapshot(response, CONCERN_FIELDS))
    return response


@transaction.atomic
def publish_concern(response: ConcernResponse, *, actor: Any) -> ConcernResponse:
    """Publish a response on the portal; refused while its text holds personal data or a secrecy marking."""
    _require_publisher(actor, response.org)
    response = ConcernResponse.objects.select_for_update().get(pk=response.pk)
    if response.published_at is not None:
        raise ValidationError(_("该回应已经发布。"))
    blocking = [f for f in screen_text(f"{response.title}\n{response.body}",
                                       context=ScreeningContext(year=timezone.localdate().year))
                if f.severity is Severity.ERROR and f.category in (Category.PERSONAL, Category.SECRECY)]
    if blocking:
        raise ValidationError({"body": _("回应内容含有个人信息或涉密标识（%(list)s），请修改后再发布。") % {
            "list": "；".join(f"“{f.text}”" for f in blocking[:5])}})
    response.published_at = timezone.now()
    response.save(update_fields=["published_at"])
    record(ConsultationEvent.CONCERN_PUBLISHED, actor=actor, obj=response,
           after={"published_at": response.published_at})
    return response

