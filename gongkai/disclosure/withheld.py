"""The register of withheld information and its periodic review (条例 第十八条：对本行政机关不予公开的
政府信息进行定期评估审查，对因情势变化可以公开的政府信息应当公开).

Every 不予公开 or 部分公开 reply enters the register when it is issued (`enter_if_withheld`, called by
the requests service). Each entry is reviewed every `GONGKAI_WITHHELD_REVIEW_MONTHS`; a review keeps it
withheld until the next date, or releases it: a draft item that goes through the 三审 and is published.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.disclosure import config
from gongkai.disclosure.constants import DisclosureEvent, ReviewDecision, WithheldState
from gongkai.disclosure.models import WithheldEntry, WithheldReview
from gongkai.law.requests import outcome
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role

__all__ = ["REVIEWING_ROLES", "add_months", "due", "enter_if_withheld", "register_existing", "review"]

# who decides a review: the office head, the final reviewer (who signs publication) or the administrator
REVIEWING_ROLES = (Role.OFFICE_HEAD, Role.REVIEWER_FINAL, Role.ADMIN)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day: 29 Feb → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def _information(request: Any) -> str:
    return " ".join(filter(None, (request.info_title, request.description))).strip()[:500]


@transaction.atomic
def enter_if_withheld(request: Any, *, reasons: str = "", actor: Any = None) -> WithheldEntry | None:
    """Enter a closed request in the register if its reply withholds information (不予公开, in whole or in
    part); nothing for any other outcome. Idempotent."""
    if not request.outcome or request.closed is None or not outcome(request.outcome).refusal:
        return None
    existing = WithheldEntry.objects.filter(request=request).first()
    if existing is not None:
        return existing
    result = outcome(request.outcome)
    entry = WithheldEntry.objects.create(
        org_id=request.org_id, request=request, information=_information(request), outcome=result.key,
        ground=f"{result.name}（{result.citation}）"[:300], reasons=reasons.strip(), decided_on=request.closed,
        next_review=add_months(request.closed, config.review_months()),
    )
    record(DisclosureEvent.WITHHELD_ENTERED, actor=actor, obj=entry, org=request.org,
           after={"request": request.pk, "ground": entry.ground, "next_review": entry.next_review})
    return entry


def register_existing(org: Any = None) -> int:
    """Enter the withheld replies issued before the register existed (imports, earlier data). Returns how
    many were entered."""
    from gongkai.applications.models import ReplyDraft, Request
    from gongkai.law.requests import OUTCOMES

    keys = [o.key for o in OUTCOMES if o.refusal]
    requests = Request.objects.filter(outcome__in=keys, closed__isnull=False, withheld_entry__isnull=True)
    if org is not None:
        requests = requests.filter(org=org)
    count = 0
    for request in requests.select_related("org").iterator():
        draft = ReplyDraft.objects.filter(request=request, outcome=request.outcome).order_by("-pk").first()
        if enter_if_withheld(request, reasons=draft.reasons if draft else "") is not None:
            count += 1
    return count


def due(org: Any, *, today: dt.date | None = None, within_days: int | None = None) -> Any:
    """Entries still withheld whose review is due by `today` + the reminder days."""
    today = today or timezone.localdate()
    days = config.reminder_days() if within_days is None else within_days
    return WithheldEntry.objects.filter(org=org, state=WithheldState.WITHHELD,
                                        next_review__lte=today + dt.timedelta(days=days))


def can_review(actor: Any, entry: WithheldEntry) -> bool:
    return bool(actor is not None and permissions.has_role(actor, entry.org_id, *REVIEWING_ROLES))


@transaction.atomic
def review(entry: WithheldEntry, *, actor: Any, decision: str, reason: str, on: dt.date | None = None,
           title: str = "", topic: Any = None, genre: Any = None) -> WithheldReview:
    """Record a periodic review. 继续不予公开 sets the next review date; 转为公开 drafts an item with the
    information (reviewed in the 三审, then published) and closes the entry."""
    from gongkai.publishing import services as publishing

    if not permissions.can_view(actor, entry.org_id) or not can_review(actor, entry):
        raise PermissionDenied(_("不予公开信息的评估审查须由本机关的公开工作机构负责人、终审人或管理员进行。"))
    entry = WithheldEntry.objects.select_for_update().select_related("org").get(pk=entry.pk)
    if entry.state != WithheldState.WITHHELD:
        raise ValidationError(_("该信息已转为公开，无需再评估审查。"))
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": _("请选择审查结论：继续不予公开或转为公开。")})
    if not reason.strip():
        raise ValidationError({"reason": _("请写明审查理由。")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("审查日期不能晚于今天。")})
    if on < entry.decided_on:
        raise ValidationError({"on": _("审查日期不能早于答复日期。")})
    before = {"state": entry.state, "next_review": entry.next_review}
    if decision == ReviewDecision.RELEASE:
        if topic is None or genre is None:
            raise ValidationError({"topic": _("转为公开须选择主题分类和体裁分类。")})
        entry.item = publishing.create_item(entry.org, actor=actor, title=(title.strip() or entry.information)[:300],
                                            summary=_("经评估审查，原不予公开的信息因情势变化转为公开（条例第十八条）。"),
                                            made_on=on, topic=topic, genre=genre)
        entry.state = WithheldState.RELEASED
    else:
        entry.next_review = add_months(on, config.review_months())
    entry.save()
    row = WithheldReview.objects.create(entry=entry, decided_on=on, decision=decision, reason=reason.strip(),
                                        reviewer=actor)
    record(DisclosureEvent.WITHHELD_REVIEWED, actor=actor, obj=entry, before=before,
           after={"decision": decision, "state": entry.state, "next_review": entry.next_review,
                  "item": entry.item_id}, message=reason.strip())
    return row
