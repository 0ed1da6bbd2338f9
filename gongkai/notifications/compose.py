"""From the audit trail to the outbox: each recorded act that someone must hear of becomes mails.

`compose_pending()` reads the entries after the cursor, in order, and queues their mails (each with a unique
key of entry and recipient, so composing twice queues nothing twice); it runs when a transaction that recorded
such an act commits, and again in every delivery run, so a crash between the commit and the mail loses nothing.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from gongkai.audit.models import AuditEntry
from gongkai.notifications import texts
from gongkai.notifications.models import ComposeCursor, Mail, MailAttachment, MailPreference


@dataclass(frozen=True)
class Outgoing:
    """A mail to queue: `who` names the recipient within the event (part of the dedupe key)."""

    who: str
    to: str
    subject: str
    body: str
    user: Any = None
    org: Any = None
    files: list[tuple[str, bytes]] = field(default_factory=list)


def wants_mail(user: Any) -> bool:
    """Whether a person receives mails: an address, an active account, and mails not turned off."""
    if user is None or not user.is_active or not user.email:
        return False
    return not MailPreference.objects.filter(user=user, enabled=False).exists()


# --- applicants ------------------------------------------------------------------------------------------

REQUEST_NOTICES = {  # event → (notice text, letter kind attached)
    "applications.request.correction_requested": ("correction", "correction"),
    "applications.request.consultation_sent": ("consultation", ""),
    "applications.request.extended": ("extension", "extension"),
    "applications.request.deferred": ("deferral", "deferral"),
    "applications.request.reasons_requested": ("reasons", "reasons"),
    "applications.request.fee_notified": ("fee", "fee"),
    "applications.request.closed": ("reply", "reply"),
}


def _request(entry: AuditEntry) -> Any:
    from gongkai.applications.models import Request

    return Request.objects.select_related("org", "applicant_user", "handler").filter(pk=entry.object_id).first()


def _letter(request: Any, kind: str) -> list[tuple[str, bytes]]:
    """The letter of that kind last issued for the request (the file the applicant can also download)."""
    attachment = request.attachments.filter(letter_kind=kind).order_by("-pk").first()
    if attachment is None:
        return []
    with attachment.file.open("rb") as handle:
        return [(attachment.name, handle.read())]


def _to_applicant(request: Any, subject: str, body: str, files: list[tuple[str, bytes]]) -> list[Outgoing]:
    if request is None or not request.email:
        return []
    if request.applicant_user is not None and not wants_mail(request.applicant_user):
        return []
    return [Outgoing("applicant", request.email, subject, body, org=request.org, files=files)]


def _receipt(entry: AuditEntry) -> list[Outgoing]:
    request = _request(entry)
    if request is None or request.received is None:  # an online application: the receipt follows confirmation
        return []
    return _to_applicant(request, *texts.receipt_mail(request), _letter(request, "receipt"))


def _notice(entry: AuditEntry) -> list[Outgoing]:
    request = _request(entry)
    if request is None:
        return []
    notice, kind = REQUEST_NOTICES[entry.event]
    return _to_applicant(request, *texts.applicant_mail(request, notice), _letter(request, kind) if kind else [])


# --- staff -----------------------------------------------------------------------------------------------

def _staff(people: Iterable[Any], org: Any, subject: str, text: str, url: str, actor_id: int | None) -> list[Outgoing]:
    out, seen = [], set()
    for person in people:
        if person is None or person.pk in seen or person.pk == actor_id or not wants_mail(person):
            continue
        seen.add(person.pk)
        name = person.get_full_name() or person.get_username()
        out.append(Outgoing(f"user{person.pk}", person.email, subject, texts.staff_mail(org, name, text, url),
                            user=person, org=org))
    return out


def _holders(org: Any, roles: Iterable[str]) -> Any:
    from gongkai.orgs.models import User

    return User.objects.filter(memberships__org=org, memberships__role__in=list(roles), is_active=True).distinct()


def _draft_submitted(entry: AuditEntry) -> list[Outgoing]:
    from gongkai.applications.services import SIGN_OFF_ROLES

    request = _request(entry)
    if request is None:
        return []
    return _staff(_holders(request.org, SIGN_OFF_ROLES), request.org, f"待签发：{request.number}的答复",
                  f"申请{request.number}的答复草稿已提交，等待您审核签发。",
                  texts.link("applications:detail", request.pk), entry.actor_user_id)


def _draft_returned(entry: AuditEntry) -> list[Outgoing]:
    request = _request(entry)
    if request is None:
        return []
    draft = request.drafts.order_by("-version").select_related("author").first()
    people = [draft.author if draft else None, request.handler]
    comment = f"修改意见：{entry.message}" if entry.message else ""
    return _staff(people, request.org, f"退回修改：{request.number}的答复",
                  f"申请{request.number}的答复草稿被退回修改。{comment}",
                  texts.link("applications:detail", request.pk), entry.actor_user_id)


def _item(entry: AuditEntry) -> Any:
    from gongkai.publishing.models import Item

    return Item.objects.select_related("org", "created_by").filter(pk=entry.object_id).first()


def _item_waits(entry: AuditEntry) -> list[Outgoing]:
    """三审: the item now waits for the next stage's reviewers."""
    from gongkai.publishing.constants import Stage
    from gongkai.publishing.models.items import STAGE_OF_STATE
    from gongkai.publishing.services import reviewers_of

    item = _item(entry)
    if item is None:
        return []
    after = entry.after or {}
    if entry.event == "publishing.item.submitted":
        stage = STAGE_OF_STATE.get(after.get("state"))  # type: ignore[call-overload]
    else:
        stage = {Stage.FIRST: Stage.SECOND, Stage.SECOND: Stage.FINAL}.get(after.get("stage"))  # type: ignore[call-overload]
    if stage is None:
        return []
    stage = Stage(stage)
    return _staff(reviewers_of(item.org, stage), item.org, f"{stage.label}：{item.title[:60]}",
                  f"信息“{item.title}”等待您{stage.label}。", texts.link("publishing:item", item.pk),
                  entry.actor_user_id)


def _item_returned(entry: AuditEntry) -> list[Outgoing]:
    item = _item(entry)
    if item is None:
        return []
    comment = (entry.after or {}).get("comment") or ""
    return _staff([item.created_by], item.org, f"退回修改：{item.title[:60]}",
                  f"信息“{item.title}”被退回修改。" + (f"修改意见：{comment}" if comment else ""),
                  texts.link("publishing:item", item.pk), entry.actor_user_id)


COMPOSERS: dict[str, Callable[[AuditEntry], list[Outgoing]]] = {
    "applications.request.created": _receipt,
    "applications.request.confirmed": _receipt,
    **{event: _notice for event in REQUEST_NOTICES},
    "applications.request.draft_submitted": _draft_submitted,
    "applications.request.draft_returned": _draft_returned,
    "publishing.item.submitted": _item_waits,
    "publishing.item.approved": _item_waits,
    "publishing.item.returned": _item_returned,
}


def queue(entry: AuditEntry, outgoing: Outgoing) -> Mail | None:
    """Put one mail in the outbox with its files; None if this event's mail to this recipient is already there."""
    key = f"{entry.event}:{entry.seq}:{outgoing.who}"
    if Mail.objects.filter(dedupe_key=key).exists():
        return None
    try:
        with transaction.atomic():
            mail = Mail.objects.create(dedupe_key=key, to=outgoing.to, user=outgoing.user, org=outgoing.org,
                                       subject=outgoing.subject[:300], body=outgoing.body, event_seq=entry.seq)
            for name, data in outgoing.files:
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                MailAttachment.objects.create(mail=mail, name=name[:200], content_type=content_type, data=data)
    except IntegrityError:  # composed at the same moment by another process
        return None
    return mail


def _entries_after(seq: int) -> Iterator[AuditEntry]:
    return AuditEntry.objects.filter(seq__gt=seq, event__in=list(COMPOSERS)).order_by("seq").iterator()


def compose_pending() -> int:
    """Queue the mails of every entry after the cursor; the number of mails queued."""
    queued = 0
    with transaction.atomic():
        ComposeCursor.objects.get_or_create(pk=1)
        cursor = ComposeCursor.objects.select_for_update().get(pk=1)
        last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        for entry in _entries_after(cursor.seq):
            if entry.seq > last:
                break
            for outgoing in COMPOSERS[entry.event](entry):
                queued += queue(entry, outgoing) is not None
        cursor.seq = max(cursor.seq, last)
        cursor.save(update_fields=["seq"])
    return queued
