"""The platform administrator's page for a year's holiday notice: paste or type it, preview it as a month
calendar with the 放假办法's checks, and save it (optionally as 全年已录入). See `holidays`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.applications import clock, holidays
from gongkai.applications.models import HolidayDay, HolidayYear
from gongkai.calendar import DayKind, DayOverride, ScheduleOverrides, dump_overrides
from gongkai.calendar.notice import FIRST_CHECKED_YEAR, NoticeProblem, check_notice, parse_notice
from gongkai.calendar.statutory import LAST_YEAR, festivals
from gongkai.orgs.decorators import staff_member_required


@dataclass(frozen=True)
class Cell:
    day: date
    kind: str  # off / work / rest / workday
    statutory: str  # the festival's name on a statutory day

    @property
    def title(self) -> str:
        what = {"off": "放假", "work": "调休上班", "rest": "休息日", "workday": "工作日"}[self.kind]
        return f"{self.day.month}月{self.day.day}日 {what}{' · ' + self.statutory if self.statutory else ''}"


def month_grid(year: int, days: list[DayOverride]) -> list[tuple[int, list[list[Cell | None]]]]:
    """Twelve months of weeks (Monday first) with each day's arrangement."""
    entered = {d.day: d.kind for d in days}
    statutory = {d: f.name for f in festivals(year) for d in f.days}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row: list[Cell | None] = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                kind = entered.get(day)
                name = "off" if kind is DayKind.OFF else "work" if kind is DayKind.WORK else (
                    "rest" if day.weekday() >= 5 else "workday")
                row.append(Cell(day, name, statutory.get(day, "")))
            weeks.append(row)
        months.append((month, weeks))
    return months


def _require(user: Any) -> None:
    if not holidays.can_enter(user):
        raise PermissionDenied("只有平台管理员可以录入节假日安排。")


@staff_member_required
def holiday_years(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    return render(request, "applications/holiday_years.html", {
        "states": holidays.year_states(clock.today()), "ahead": holidays.provisional_year_ahead(clock.today()),
    })


def _current_text(year: int) -> str:
    days = [DayOverride(d.day, DayKind(d.kind), d.notice, d.note) for d in HolidayDay.objects.filter(day__year=year)]
    if not days:
        return ""
    text = dump_overrides(ScheduleOverrides.from_entries(days))
    return "\n".join(line for line in text.splitlines()[1:])


@staff_member_required
@require_http_methods(["GET", "POST"])
def holiday_notice(request: HttpRequest, year: int) -> HttpResponse:
    _require(request.user)
    if not FIRST_CHECKED_YEAR <= year <= LAST_YEAR:
        raise Http404
    entered = HolidayYear.objects.filter(year=year).first()
    text = request.POST.get("text", "") if request.method == "POST" else _current_text(year)
    notice = request.POST.get("notice", "") if request.method == "POST" else (entered.notice if entered else "")
    complete = request.POST.get("complete") == "on" if request.method == "POST" else entered is not None
    days: list[DayOverride] = []
    errors: list[str] = []
    problems: list[str] = []
    if request.method == "POST":
        try:
            days = parse_notice(year, text, notice.strip())
        except NoticeProblem as exc:
            errors.append(str(exc))
        if not errors:
            problems = check_notice(year, days)
            if request.POST.get("action") == "save":
                try:
                    holidays.enter_notice(year, days, notice=notice, complete=complete, actor=request.user)
                except ValidationError as exc:
                    errors.extend(exc.messages)
                else:
                    state = "，全年已录入。" if complete else "（仍为暂定）。"
                    messages.success(request, f"已保存{year}年节假日安排{state}")
                    return redirect("applications:holidays")
    elif text:
        days = parse_notice(year, text)
        problems = check_notice(year, days)
    return render(request, "applications/holiday_notice.html", {
        "year": year, "text": text, "notice": notice, "complete": complete, "entered": entered,
        "errors": errors, "problems": problems, "previewed": bool(days), "months": month_grid(year, days),
        "off": sum(1 for d in days if d.kind is DayKind.OFF), "work": sum(1 for d in days if d.kind is DayKind.WORK),
        "weekdays": "一二三四五六日",
    })
