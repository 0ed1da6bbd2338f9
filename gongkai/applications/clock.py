"""The statutory clock of a request: its records mapped onto `gongkai.law.deadlines`, nothing more.

Every date shown anywhere in the app comes from `deadlines_for` / `status_for`, which hand the
request's recorded dates to `gongkai.law.deadlines.compute_deadlines` / `request_status` with the
holiday schedule of `holiday_schedule()`: `chinesecalendar` and the bundled table, corrected by the
administrator's table (`HolidayDay`, `HolidayYear`).

Readings of the law that are settings (`gongkai.law.requests.RequestSettings`) can be changed with the
Django setting `GONGKAI_REQUEST_SETTINGS`, a dict of its fields (e.g. `{"fee_period_pauses_reply": False}`).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from django.conf import settings as django_settings

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
    FeeNotice,
    RequestDeadlines,
    RequestEvents,
    RequestStatus,
    compute_deadlines,
    request_status,
)
from gongkai.law.requests import ReceiptEvent, RequestSettings

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "deadlines_for",
    "events_for",
    "holiday_overrides",
    "holiday_schedule",
    "request_settings",
    "status_for",
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


def deadlines_for(request: Any, *, schedule: HolidaySchedule | None = None) -> RequestDeadlines | None:
    """The request's deadlines (None before its receipt date is known, e.g. an unconfirmed online form)."""
    if request.received is None:
        return None
    return compute_deadlines(
        events_for(request), settings=request_settings(), schedule=schedule or holiday_schedule()
    )


def status_for(
    request: Any, *, today: date | None = None, schedule: HolidaySchedule | None = None
) -> RequestStatus | None:
    """Where the request stands against its deadlines on `today` (None before its receipt date is known)."""
    if request.received is None:
        return None
    return request_status(
        events_for(request),
        today or date.today(),
        settings=request_settings(),
        schedule=schedule or holiday_schedule(),
        due_soon_working_days=DUE_SOON_WORKING_DAYS,
    )
