"""What is due and what is late: open requests with their status on a day, for the dashboard and reminders.

Working days are not something a database can count, so the status of each open request is computed
by the deadline engine (`gongkai.applications.clock`) on the open requests only, with one holiday
schedule for the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from gongkai.applications import clock
from gongkai.applications.models import Request
from gongkai.calendar import HolidayScheduleError
from gongkai.law.deadlines import DeadlineStatus, RequestStatus

__all__ = ["ATTENTION", "OpenItem", "attention_items", "open_items"]

# what someone in the office has to act on: late, due soon, or the applicant's time is up
ATTENTION = frozenset({
    DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON, DeadlineStatus.CORRECTION_OVERDUE,
    DeadlineStatus.PAYMENT_OVERDUE,
})


@dataclass(frozen=True)
class OpenItem:
    request: Request
    status: RequestStatus | None  # None: not yet confirmed, or the year's calendar is unknown
    problem: str = ""  # why no status could be computed

    @property
    def late(self) -> bool:
        return self.status is not None and self.status.status is DeadlineStatus.OVERDUE

    @property
    def sort_key(self) -> tuple[int, date]:
        if self.status is None or self.status.due is None:
            return (0 if self.problem else 2, date.max)
        return (1, self.status.due)


def open_items(requests: QuerySet[Any], *, today: date | None = None) -> list[OpenItem]:
    """The open requests of `requests` with their status, most urgent first (problems at the top)."""
    schedule = clock.holiday_schedule()
    items = []
    rows = requests.open().select_related("org", "handler", "fee_notice").prefetch_related("consultations")
    for request in rows:
        if request.received is None:
            items.append(OpenItem(request, None, "网上申请待确认收到"))
            continue
        try:
            items.append(OpenItem(request, clock.status_for(request, today=today, schedule=schedule)))
        except HolidayScheduleError as exc:
            items.append(OpenItem(request, None, str(exc)))
    return sorted(items, key=lambda item: item.sort_key)


def attention_items(requests: QuerySet[Any], *, today: date | None = None) -> list[OpenItem]:
    """Those needing action now: late, due within a few working days, unconfirmed, or uncomputable."""
    return [
        item for item in open_items(requests, today=today)
        if item.status is None or item.status.status in ATTENTION
    ]
