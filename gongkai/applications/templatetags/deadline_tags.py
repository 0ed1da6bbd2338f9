"""Dates derived from a request's events, shown with their certainty: `{{ day|dated }}` on staff pages,
`{{ day|dated_public }}` on the public ones (see `gongkai.calendar.DerivedDate`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from gongkai.calendar import DerivedDate

register = template.Library()

_HINT = "该年节假日安排尚未录入，按《全国年节及纪念日放假办法》推算；录入后自动重新计算"


@register.filter
def dated(day: DerivedDate | None, unknown: str = "未定") -> SafeString | str:
    """2027-01-05 暂定（不晚于 2027-01-04）; `unknown` when it cannot be computed yet."""
    if day is None or day.value is None:
        return unknown
    if not day.provisional:
        return day.value.isoformat()
    bound = format_html("（不晚于 {}）", day.safe.isoformat()) if day.safe is not None else ""
    return format_html('{} <span class="tag provisional" title="{}">暂定</span>{}', day.value.isoformat(), _HINT,
                       bound)


@register.filter
def dated_public(day: DerivedDate | None) -> str:
    """2027年1月5日（暂定）, for applicants."""
    return "另行告知" if day is None else day.public_text


@register.simple_tag
def working_days(status: Any) -> str:
    """剩余N个工作日 or 已逾期N个工作日 (never a negative "left"), 暂定 where a provisional year is counted."""
    if status is None or status.working_days_left is None:
        return ""
    late = status.overdue_working_days
    text = f"已逾期{late}个工作日" if late else f"剩余{status.working_days_left}个工作日"
    return f"{text}（暂定）" if status.left_provisional else text
