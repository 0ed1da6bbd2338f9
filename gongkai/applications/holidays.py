"""Entering a year's holiday notice (the staff page 节假日安排 and `gongkai holidays import`).

A year is known from `chinesecalendar`, entered here (its days in `HolidayDay`, marked 全年已录入 in
`HolidayYear`), or provisional (counted on the 放假办法's rule, its dates 暂定). Marking a year complete
needs a notice that passes `gongkai.calendar.notice.check_notice`; days may be saved before that and
then already correct the provisional dates. Every entry is audit-recorded. Nothing else is stored: every
deadline is recomputed from the table on the next page or command.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import HolidayDay, HolidayYear
from gongkai.audit.services import record
from gongkai.calendar import ChineseCalendarSchedule, DayKind, DayOverride
from gongkai.calendar.notice import FIRST_CHECKED_YEAR, check_notice
from gongkai.calendar.statutory import LAST_YEAR
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role

__all__ = [
    "HolidayEvent",
    "YearState",
    "can_enter",
    "enter_notice",
    "problems_of_entered",
    "provisional_year_ahead",
    "year_states",
]



class HolidayEvent(models.TextChoices):
    ENTERED = "applications.holidays.entered", _("录入节假日安排")


@dataclass(frozen=True)
class YearState:
    year: int
    source: str  # package / entered / provisional
    notice: str = ""
    days: int = 0  # days entered

    @property
    def label(self) -> str:
        return {"package": "chinesecalendar 已收录", "entered": "全年已录入",
                "provisional": "暂定（按放假办法推算）"}[self.source]


def can_enter(user: Any) -> bool:
    """The platform's administrator: a superuser, or an 管理员 of a top-level organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from gongkai.orgs.models import Organisation

    tops = Organisation.objects.filter(parent__isnull=True).values_list("pk", flat=True)
    return any(permissions.has_role(user, pk, Role.ADMIN) for pk in tops)


def year_states(today: date) -> list[YearState]:
    """Last year to the year after next: where each year's calendar comes from."""
    package = ChineseCalendarSchedule().known_years()
    entered = {y.year: y for y in HolidayYear.objects.all()}
    counts: dict[int, int] = {}
    for day in HolidayDay.objects.values_list("day", flat=True):
        counts[day.year] = counts.get(day.year, 0) + 1
    states = []
    for year in range(today.year - 1, today.year + 3):
        if year in entered:
            states.append(YearState(year, "entered", entered[year].notice, counts.get(year, 0)))
        elif year in package:
            states.append(YearState(year, "package"))
        else:
            states.append(YearState(year, "provisional", days=counts.get(year, 0)))
    return states


def provisional_year_ahead(today: date) -> int | None:
    """From 1 November, next year while its notice is not known; in January, this year if still not."""
    package = ChineseCalendarSchedule().known_years()
    entered = set(HolidayYear.objects.values_list("year", flat=True))
    candidates = [today.year + 1] if today.month >= 11 else [today.year] if today.month == 1 else []
    return next((y for y in candidates if y not in package and y not in entered), None)


def problems_of_entered(year: int) -> list[str]:
    """What keeps the days entered for `year` from being its whole notice (empty: nothing)."""
    if not FIRST_CHECKED_YEAR <= year <= LAST_YEAR:
        return [f"只能录入{FIRST_CHECKED_YEAR}—{LAST_YEAR}年的安排；此前各年由 chinesecalendar 提供。"]
    days = [DayOverride(d.day, DayKind(d.kind)) for d in HolidayDay.objects.filter(day__year=year)]
    return check_notice(year, days)


def _describe(days: Iterable[DayOverride]) -> list[str]:
    return [f"{d.day.isoformat()} {d.kind.label} {d.note}".strip() for d in days]


def enter_notice(year: int, days: list[DayOverride], *, notice: str, complete: bool, actor: Any) -> None:
    """Replace `year`'s entered days with `days`; with `complete`, mark the year 全年已录入 once the
    notice passes the 放假办法's checks (ValidationError listing each problem otherwise)."""
    if not FIRST_CHECKED_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"只能录入{FIRST_CHECKED_YEAR}—{LAST_YEAR}年的安排；此前各年由 chinesecalendar 提供。")
    if complete:
        if not notice.strip():
            raise ValidationError({"notice": "标记全年已录入时请填写通知文号（如 国办发明电〔2026〕N号）。"})
        if problems := check_notice(year, days):
            raise ValidationError(problems)
    with transaction.atomic():
        existing = HolidayDay.objects.filter(day__year=year)
        before = {"days": _describe(DayOverride(d.day, DayKind(d.kind), d.notice, d.note) for d in existing),
                  "complete": HolidayYear.objects.filter(year=year).exists()}
        existing.delete()
        HolidayDay.objects.bulk_create(
            HolidayDay(day=d.day, kind=d.kind.value, notice=d.notice or notice.strip(), note=d.note) for d in days
        )
        if complete:
            HolidayYear.objects.update_or_create(year=year, defaults={"notice": notice.strip()})
        else:
            HolidayYear.objects.filter(year=year).delete()
        off = sum(1 for d in days if d.kind is DayKind.OFF)
        state = "，全年已录入" if complete else "（未标记全年已录入，仍为暂定）"
        record(HolidayEvent.ENTERED, actor=actor, before=before,
               after={"days": _describe(days), "complete": complete},
               message=f"{year}年节假日安排：放假{off}天、调休上班{len(days) - off}天{state}"
                       f"{'；' + notice if notice else ''}")
