"""Read-side questions the pages, panels and API ask; permissions are the caller's querysets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, Q, QuerySet, Value
from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.publishing import deadline, services
from gongkai.publishing.constants import Decision, ItemState, Scheme
from gongkai.publishing.models import Category, Item, Review
from gongkai.publishing.models.items import REVIEW_STATES

__all__ = [
    "ItemClock",
    "ReturnedItem",
    "awaiting_review_by",
    "catalogue_categories",
    "catalogue_years",
    "past_publication_limit",
    "returned_to",
]


def awaiting_review_by(user: Any, org: Organisation) -> list[Item]:
    """Items of `org` waiting for a stage this user may decide now, with their open findings counted."""
    waiting = Item.objects.filter(org=org, state__in=REVIEW_STATES).select_related("org", "created_by").annotate(
        open_findings=Count("findings", filter=Q(findings__resolved_at__isnull=True)))
    return [item for item in waiting.prefetch_related("reviews") if services.can_review(user, item)[0]]


@dataclass(frozen=True)
class ReturnedItem:
    item: Item
    review: Review | None  # the decision that sent it back, with the reviewer's comment


def returned_to(user: Any, org: Organisation) -> list[ReturnedItem]:
    """Items of `org` this user wrote that a reviewer sent back (退回修改), newest first, with the comment."""
    items = Item.objects.filter(org=org, state=ItemState.RETURNED, created_by=user).order_by("-updated_at")
    rows = []
    for item in items.prefetch_related("reviews__reviewer"):
        returns = [r for r in item.reviews.all() if r.decision == Decision.RETURNED]
        rows.append(ReturnedItem(item, max(returns, key=lambda r: (r.round, r.pk), default=None)))
    return rows


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
    """Years of publication (in the site's time zone) with their counts, newest first.

    Each year counted between its first instants, an index range of (state, published_at): extracting the
    year of every row is a function call per row on SQLite (0.9 s at 200,000 items). Three queries."""
    dated = items.order_by().filter(published_at__isnull=False)
    first, last = (dated.order_by(order).values_list("published_at", flat=True).first()
                   for order in ("published_at", "-published_at"))
    if first is None or last is None:
        return []

    def start(year: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime(year, 1, 1))

    years = range(timezone.localtime(first).year, timezone.localtime(last).year + 1)
    per_year = [
        dated.filter(published_at__gte=start(year), published_at__lt=start(year + 1))
        .annotate(y=Value(year, output_field=IntegerField())).values("y").annotate(n=Count("pk")).values_list("y", "n")
        for year in years
    ]
    rows = per_year[0].union(*per_year[1:], all=True)
    return sorted(((y, n) for y, n in rows if n), reverse=True)
