"""The 20-working-day limit from an item's making to its publication (条例 第二十六条).

Dates come from `gongkai.law.deadlines.publication_due` with the working-day calendar; where the requests
app keeps the administrator's holiday table, its schedule is used, so both apps count the same days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.calendar import HolidaySchedule, HolidayScheduleError
from gongkai.law.deadlines import publication_due

__all__ = ["PublicationClock", "clock_for", "holiday_schedule"]


def holiday_schedule() -> HolidaySchedule | None:
    """The administrator's holiday table if the requests app is installed, else the library's calendar."""
    try:
        from gongkai.applications.clock import holiday_schedule as table_schedule

        return table_schedule()
    except ImportError:  # the requests app (and its holiday table) is not part of this deployment
        return None


@dataclass(frozen=True)
class PublicationClock:
    due: dt.date | None  # None: the calendar of that year is not known yet
    published_on: dt.date | None
    overdue: bool  # published after the due date, or still unpublished after it
    problem: str = ""

    @property
    def label(self) -> str:
        if self.due is None:
            return self.problem
        if self.published_on is not None:
            return "逾期发布" if self.overdue else "按时发布"
        return "已超期未发布" if self.overdue else "未到期"


def clock_for(
    made_on: dt.date, published_at: dt.datetime | None, *, schedule: HolidaySchedule | None = None,
    today: dt.date | None = None,
) -> PublicationClock:
    """Due date and standing of one item; pass `schedule` when computing many."""
    published_on = timezone.localdate(published_at) if published_at else None
    try:
        due = publication_due(made_on, schedule=schedule)
    except HolidayScheduleError as exc:
        return PublicationClock(None, published_on, False, str(exc))
    reference = published_on or today or timezone.localdate()
    return PublicationClock(due, published_on, reference > due)
