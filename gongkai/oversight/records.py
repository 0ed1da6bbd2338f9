"""What an agency's own records show for 督促整改 and 通报 (条例 第四十七条): requests answered late or still
unanswered past their reply period (条例 第三十三条), and items not published within 20 working days of
their making (条例 第二十六条). Working days are the deadline engine's, with the administrator's holiday
table; nothing here counts days itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from gongkai.law.deadlines import DeadlineStatus

__all__ = ["LatePublication", "LateRequest", "late_publications", "late_requests"]


@dataclass(frozen=True)
class LateRequest:
    request: Any
    due: dt.date
    overdue_working_days: int | None  # still unanswered: working days past `due`; None once answered

    @property
    def text(self) -> str:
        number, due = self.request.number, self.due.isoformat()
        if self.request.closed is not None:
            return (f"申请{number}逾期答复：答复期限{due}，{self.request.closed.isoformat()}答复"
                    "（条例第三十三条）。")
        late = f"{self.overdue_working_days}个工作日" if self.overdue_working_days else ""
        return f"申请{number}已逾期{late}未答复：答复期限{due}（条例第三十三条）。"


@dataclass(frozen=True)
class LatePublication:
    item: Any
    due: dt.date
    published_on: dt.date | None

    @property
    def text(self) -> str:
        item, due = self.item, self.due.isoformat()
        if self.published_on is None:
            return (f"“{item.title}”成文于{item.made_on.isoformat()}，超过20个工作日仍未公开：公开期限{due}"
                    "（条例第二十六条）。")
        return (f"“{item.title}”成文于{item.made_on.isoformat()}，{self.published_on.isoformat()}才公开，"
                f"超过20个工作日：公开期限{due}（条例第二十六条）。")


def late_requests(org_ids: Iterable[int], year: int, today: dt.date) -> dict[int, list[LateRequest]]:
    """Per agency: requests answered in `year` after their reply period, and requests received by the end of
    `year` still unanswered past it on `today` — both by the deadline engine (条例 第三十三条)."""
    from django.db.models import Q

    from gongkai.applications import clock
    from gongkai.applications.models import Request
    from gongkai.calendar import HolidayScheduleError

    ids = list(org_ids)
    found: dict[int, list[LateRequest]] = {pk: [] for pk in ids}
    schedule = clock.holiday_schedule()
    rows = (Request.objects.filter(org_id__in=ids, received__isnull=False)
            .filter(Q(closed__year=year) | Q(closed__isnull=True, received__lte=dt.date(year, 12, 31)))
            .select_related("org", "fee_notice").prefetch_related("consultations").order_by("received", "pk"))
    for request in rows:
        try:
            status = clock.status_for(request, today=today, schedule=schedule)
        except HolidayScheduleError:  # beyond the years any calendar counts: nothing to say
            continue
        if status is None or status.due is None:
            continue
        if status.status is DeadlineStatus.ANSWERED_LATE:
            found[request.org_id].append(LateRequest(request, status.due, None))
        elif status.status is DeadlineStatus.OVERDUE:
            found[request.org_id].append(LateRequest(request, status.due, status.overdue_working_days))
    return found


def late_publications(org_ids: Iterable[int], year: int, today: dt.date) -> dict[int, list[LatePublication]]:
    """Per agency: items published in `year` more than 20 working days after their making, and items made by
    the end of `year` still unpublished past that limit on `today` (条例 第二十六条)."""
    from django.db.models import Q

    from gongkai.publishing import deadline
    from gongkai.publishing.constants import ItemState
    from gongkai.publishing.models import Item

    ids = list(org_ids)
    found: dict[int, list[LatePublication]] = {pk: [] for pk in ids}
    schedule = deadline.holiday_schedule()
    # 20 working days are never fewer than 20 calendar days: the database narrows, the calendar decides
    rows = (Item.objects.filter(org_id__in=ids)
            .filter(Q(state=ItemState.PUBLISHED, published_at__year=year)
                    | Q(made_on__lte=min(dt.date(year, 12, 31), today - dt.timedelta(days=20)))
                    & ~Q(state__in=(ItemState.PUBLISHED, ItemState.WITHDRAWN)))
            .order_by("made_on", "pk"))
    for item in rows:
        published = item.published_at if item.state == ItemState.PUBLISHED else None
        clock = deadline.clock_for(item.made_on, published, schedule=schedule, today=today)
        if clock.due is not None and clock.overdue:
            found[item.org_id].append(LatePublication(item, clock.due, timezone.localdate(published)
                                                      if published else None))
    return found
