"""Read-side questions the pages, panels and API ask; permissions are the caller's querysets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.publishing import deadline, services
from gongkai.publishing.constants import ItemState, Scheme
from gongkai.publishing.models import Category, Item
from gongkai.publishing.models.items import REVIEW_STATES

__all__ = [
    "ItemClock",
    "awaiting_review_by",
    "catalogue_categories",
    "catalogue_years",
    "past_publication_limit",
]


def awaiting_review_by(user: Any, org: Organisation) -> list[Item]:
    """Items of `org` waiting for a stage this user may decide now."""
    waiting = Item.objects.filter(org=org, state__in=REVIEW_STATES).select_related("org", "created_by")
    return [item for item in waiting.prefetch_related("reviews") if services.can_review(user, item)[0]]


@dataclass(frozen=True)
class ItemClock:
    item: Item
    clock: deadline.PublicationClock


def past_publication_limit(org: Organisation, *, today: dt.date | None = None) -> list[ItemClock]:
    """Unpublished items of `org` made more than 20 working days ago (条例 第二十六条)."""
    today = today or timezone.localdate()
    # 20 working days are never fewer than 20 calendar days: the database narrows, the calendar decides
    candidates = Item.objects.filter(org=org, made_on__lt=today - dt.timedelta(days=20)).exclude(
        state__in=(ItemState.PUBLISHED, ItemState.WITHDRAWN)
    )
    schedule = deadline.holiday_schedule()
    rows = [ItemClock(item, deadline.clock_for(item.made_on, None, schedule=schedule, today=today))
            for item in candidates.order_by("made_on")]
    return [row for row in rows if row.clock.overdue]


def catalogue_categories(items: QuerySet[Item], scheme: Scheme) -> list[tuple[Category, int]]:
    """The categories of `scheme` used by `items`, with their counts (the guide and the catalogue's menu)."""
    field = "topic" if scheme == Scheme.TOPIC else "genre"
    counts = dict(items.order_by().values_list(f"{field}_id").annotate(n=Count("pk")))
    categories = Category.objects.filter(scheme=scheme).filter(Q(is_active=True) | Q(pk__in=list(counts)))
    return [(c, counts.get(c.pk, 0)) for c in categories]


def catalogue_years(items: QuerySet[Item]) -> list[tuple[int, int]]:
    """Years of publication with their counts, newest first."""
    rows = items.order_by().annotate(y=ExtractYear("published_at")).values_list("y").annotate(n=Count("pk"))
    return sorted(((y, n) for y, n in rows if y), reverse=True)
