"""The statutory clock of a request: its records mapped onto `gongkai.law.deadlines`, nothing more.

Every date shown anywhere in the app comes from `dated_for` / `status_for`, which hand the request's
recorded dates to `gongkai.law.deadlines.dated_deadlines` / `request_status` with the holiday schedule
of `holiday_schedule()`: `chinesecalendar` and the bundled table, corrected by the administrator's table
(`HolidayDay`, `HolidayYear`). A year that table and the library do not know is counted on the
放假办法's rule and its dates are 暂定; nothing is stored, so entering the notice recomputes them all.
`today()` is the one "today" of the app (the local date of `django.utils.timezone`).

Readings of the law that are settings (`gongkai.law.requests.RequestSettings`) can be changed with the
Django setting `GONGKAI_REQUEST_SETTINGS`, a dict of its fields (e.g. `{"fee_period_pauses_reply": False}`).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from django.conf import settings as django_settings
from django.utils import timezone

from gongkai.calendar import (
    DayKind,
    DayOverride,
    HolidaySchedule,
    ScheduleOverrides,
    YearNotice,
    schedule_with_overrides,
)
from gongkai.law.deadlines import (
    Consultation,
    ConsultationKind,
    DatedDeadlines,
    FeeNotice,
    RequestDeadlines,
    RequestEvents,
    RequestStatus,
    dated_deadlines,
    request_status,
)
from gongkai.law.requests import ReceiptEvent, RequestSettings

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "dated_for",
    "deadlines_for",
    "events_for",
    "holiday_overrides",
    "holiday_schedule",
    "request_settings",
    "status_for",
    "today",
]

DUE_SOON_WORKING_DAYS = 5


def request_settings() -> RequestSettings:
    """The readings of the law in force on this site (defaults unless GONGKAI_REQUEST_SETTINGS says)."""
    chosen: dict[str, Any] = dict(getattr(django_settings, "GONGKAI_REQUEST_SETTINGS", {}) or {})
    known = {f.name for f in fields(RequestSettings)}
    if unknown := set(chosen) - known:
        raise ValueError(f"GONGKAI_REQUEST_SETTINGS 中有未知的项目：{', '.join(sorted(unknown))}")
    if "email_receipt_event" in chosen:
        chosen["email_receipt_event"] = ReceiptEvent(chosen["email_receipt_event"])
    return RequestSettings(**chosen)


def holiday_overrides() -> ScheduleOverrides:
    """The administrator's holiday table as overrides for `gongkai.calendar`."""
    from gongkai.applications.models import HolidayDay, HolidayYear

    days = [DayOverride(d.day, DayKind(d.kind), d.notice, d.note) for d in HolidayDay.objects.all()]
    years = [YearNotice(y.year, y.notice, y.note) for y in HolidayYear.objects.all()]
    return ScheduleOverrides.from_entries(days, years)


def holiday_schedule() -> HolidaySchedule:
    """The working-day calendar every deadline uses: the library's, corrected by the administrator's table.

    Built from the database on each call: build it once per page or command and pass it on.
    """
    return schedule_with_overrides(holiday_overrides())


def events_for(request: Any) -> RequestEvents:
    """The request's recorded dates in the deadline engine's terms (its related rows included)."""
    fee = getattr(request, "fee_notice", None)  # a missing one-to-one row raises an AttributeError
    return RequestEvents(
        received=request.received,
        correction_requested=request.correction_requested,
        correction_delivered=request.correction_delivered,
        correction_period=request.correction_period,
        correction_received=request.correction_received,
        consultations=tuple(
            Consultation(ConsultationKind(c.kind), c.sent, c.delivered, c.answered)
            for c in request.consultations.all()
        ),
        fee_notice=None if fee is None else FeeNotice(fee.sent, fee.delivered, fee.settled),
        extension=request.extension,
        extension_approved=request.extension_approved,
        deferred_to=request.deferred_to,
        replied=request.closed,
    )


def today() -> date:
    """Today in the site's time zone."""
    return timezone.localdate()


def dated_for(request: Any, *, schedule: HolidaySchedule | None = None) -> DatedDeadlines | None:
    """The request's deadlines, each exact, 暂定 or unknown (None before its receipt date is known).

    Raises `UnknownHolidayYearError` only for a date beyond 2100.
    """
    if request.received is None:
        return None
    return dated_deadlines(
        events_for(request), settings=request_settings(), schedule=schedule or holiday_schedule()
    )


def deadlines_for(request: Any, *, schedule: HolidaySchedule | None = None) -> RequestDeadlines | None:
    """The request's deadlines as plain dates, 暂定 ones included (see `dated_for` for which are)."""
    dated = dated_for(request, schedule=schedule)
    return None if dated is None else dated.plain


def status_for(
    request: Any, *, today: date | None = None, schedule: HolidaySchedule | None = None
) -> RequestStatus | None:
    """Where the request stands against its deadlines on `today` (None before its receipt date is known)."""
    if request.received is None:
        return None
    return request_status(
        events_for(request),
        today or timezone.localdate(),
        settings=request_settings(),
        schedule=schedule or holiday_schedule(),
        due_soon_working_days=DUE_SOON_WORKING_DAYS,
    )
