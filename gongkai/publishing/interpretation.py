"""政策解读: an interpretation of a normative document, drafted, reviewed and published with it.

国务院办公厅《关于全面推进政务公开工作的意见》实施细则 and 《政府信息公开工作考核办法》 require
“同步起草、同步审签、同步发布”: the interpretation is an item of its own that goes through the same 三审;
its 终审 cannot publish it ahead of the document, and the document's 终审 publishes with it every
interpretation waiting for 终审 — so the two reach the catalogue together. A document with an
interpretation still before 终审 is not published alone.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.publishing.constants import ItemEvent, ItemState
from gongkai.publishing.models import Category, Item

__all__ = ["check_final", "draft_interpretation", "publish_with", "published_counts"]

WAITING = (ItemState.DRAFT, ItemState.RETURNED, ItemState.FIRST_REVIEW, ItemState.SECOND_REVIEW)


def _genre() -> Category | None:
    return Category.objects.filter(scheme="genre", name="其他", is_active=True).first()


@transaction.atomic
def draft_interpretation(document: Item, *, actor: Any, title: str, body: str, summary: str = "") -> Item:
    """A draft interpretation (政策解读) of `document`, an item publishing a registered normative document,
    in the same agency; it goes through the 三审 like any item."""
    from gongkai.publishing import services

    if document.normative_document_id is None:
        raise ValidationError({"interprets": _("只能为登记的规章或行政规范性文件起草政策解读。")})
    if document.interprets_id is not None:
        raise ValidationError({"interprets": _("政策解读本身不能再被解读。")})
    if document.state == ItemState.WITHDRAWN:
        raise ValidationError({"interprets": _("该文件已撤回，不能起草政策解读。")})
    if not title.strip():
        raise ValidationError({"title": _("请填写政策解读的标题。")})
    if not body.strip():
        raise ValidationError({"body": _("请填写政策解读的正文。")})
    item = services.create_item(document.org, actor=actor, title=title.strip(), body=body.strip(),
                                summary=summary.strip(), made_on=document.made_on, topic=document.topic,
                                genre=_genre() or document.genre)
    item.interprets = document
    item.save(update_fields=["interprets", "updated_at"])
    record(ItemEvent.UPDATED, actor=actor, obj=item, before={"interprets": None}, after={"interprets": document.pk},
           message=_("政策解读：%(title)s") % {"title": document.title})
    return item


def check_final(item: Item) -> None:
    """Before 终审 publishes `item`: an interpretation waits for its document; a document waits for its
    interpretations still before 终审 (同步发布)."""
    if item.interprets_id is not None:
        document = Item.objects.only("state", "title").get(pk=item.interprets_id)
        if document.state != ItemState.PUBLISHED:
            raise ValidationError(
                _("政策解读须与所解读的文件同步发布：请在《%(title)s》终审时一并发布。") % {"title": document.title}
            )
    pending = item.interpretations.filter(state__in=WAITING).values_list("title", flat=True)
    if pending:
        raise ValidationError(
            _("本文件的政策解读“%(titles)s”尚未通过复审；文件与解读须同步审签、同步发布。")
            % {"titles": "”“".join(pending)}
        )


def publish_with(document: Item, *, actor: Any) -> list[Item]:
    """After the document's 终审: its interpretations waiting for 终审 pass it too, by the same reviewer
    where the 三审 rules let them (otherwise they wait for another 终审人, and may then be published)."""
    from gongkai.publishing import services

    published = []
    for interpretation in document.interpretations.filter(state=ItemState.FINAL_REVIEW):
        allowed, _why = services.can_review(actor, interpretation)
        if allowed:
            published.append(services.approve(interpretation, actor=actor, comment=_("与所解读的文件同步发布。")))
    return published


def published_counts(org_ids: list[int], year: int) -> dict[int, int]:
    """Per agency, the interpretations published in `year` (for the annual report's section 一)."""
    from django.db.models import Count

    rows = (Item.objects.filter(org_id__in=org_ids, interprets__isnull=False, state=ItemState.PUBLISHED,
                                published_at__year=year).values("org_id").annotate(n=Count("pk")))
    return {row["org_id"]: row["n"] for row in rows}
