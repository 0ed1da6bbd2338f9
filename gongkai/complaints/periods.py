"""The complaint periods: local rules, so settings (GONGKAI_COMPLAINT_PERIODS), counted in working days on
the site's holiday calendar like every other period. Recording a step never depends on computing a date:
a date the calendar cannot give is left empty and shown as 另行告知."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from gongkai.applications.clock import holiday_schedule
from gongkai.calendar import HolidayScheduleError, add_working_days

DEFAULTS = {"reply": 20, "explain": 5}  # working days: reply to the complainant; the agency's explanation


def length(name: str) -> int:
    """The number of working days of period `name` on this site."""
    return int(getattr(settings, "GONGKAI_COMPLAINT_PERIODS", {}).get(name, DEFAULTS[name]))


def due(name: str, start: date) -> date | None:
    """The last day of period `name` running from `start` (暂定 beyond the known calendar); None if unknown."""
    try:
        return add_working_days(start, length(name), schedule=holiday_schedule(), provisional=True)
    except HolidayScheduleError:
        return None
