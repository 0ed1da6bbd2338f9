"""The 20-working-day limit from an item's making to its publication (条例 第二十六条).

Dates come from `gongkai.law.deadlines.publication_due_dated` with the working-day calendar; where the
requests app keeps the administrator's holiday table, its schedule is used, so both apps count the same
days. A limit in a year whose holiday notice is not entered is 暂定 (with its 不晚于 bound), never missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.calendar import DerivedDate, HolidaySchedule, HolidayScheduleError
from gongkai.law.deadlines import publication_due_dated

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
    due: dt.date | None  # None: beyond the years any calendar can count (2100)
    published_on: dt.date | None
    overdue: bool  # published after the due date, or still unpublished after it
    problem: str = ""
    due_dated: DerivedDate | None = None  # `due` with its certainty (暂定 and its 不晚于 bound)

    @property
    def label(self) -> str:
        if self.due is None:
            return self.problem
        if self.published_on is not None:
            label = _("逾期发布") if self.overdue else _("按时发布")
        else:
            label = _("已超期未发布") if self.overdue else _("未到期")
        dated = self.due_dated
        if dated is not None and dated.provisional:
            bound = _("，不晚于%(day)s") % {"day": dated.safe.isoformat()} if dated.safe is not None else ""
            label += _("，期限暂定%(bound)s") % {"bound": bound}
        return label


def clock_for(
    made_on: dt.date, published_at: dt.datetime | None, *, schedule: HolidaySchedule | None = None,
    today: dt.date | None = None,
) -> PublicationClock:
    """Due date and standing of one item; pass `schedule` when computing many."""
    published_on = timezone.localdate(published_at) if published_at else None
    try:
        dated = publication_due_dated(made_on, schedule=schedule)
    except HolidayScheduleError as exc:
        return PublicationClock(None, published_on, False, str(exc))
    due = dated.value
    assert due is not None
    reference = published_on or today or timezone.localdate()
    return PublicationClock(due, published_on, reference > due, due_dated=dated)
