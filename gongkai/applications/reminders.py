"""Reminder e-mails before and after a deadline, sent through Django's e-mail backend (`gongkai remind`).

Each handler gets one message listing their requests that are due within a few working days or late;
requests without a handler go to the agency's 政府信息公开专人. The background worker sends them every morning
(gongkai.tasks.schedule); `gongkai remind` sends them at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from gongkai.applications.models import Request
from gongkai.applications.overview import OpenItem, attention_items
from gongkai.tasks.api import task

__all__ = ["Reminder", "reminders", "send_reminders", "send_reminders_task"]


@dataclass(frozen=True)
class Reminder:
    recipient: str  # e-mail address
    person: str
    items: tuple[OpenItem, ...]


def _line(item: OpenItem) -> str:
    request = item.request
    if item.status is None:
        return f"{request.number}（{request.applicant_name}）：{item.problem}"
    status = item.status
    due = f"，期限{status.due_dated.text}" if status.due else ""
    late = f"，已逾期{status.overdue_working_days}个工作日" if status.overdue_working_days else ""
    return f"{request.number}（{request.applicant_name}）：{status.status.label}{due}{late}"


def _provisional_note(message: Reminder) -> str:
    if not any(item.status is not None and item.status.due_dated.provisional for item in message.items):
        return ""
    return ("\n\n标注“暂定”的期限所在年份的节假日安排尚未录入，按《全国年节及纪念日放假办法》推算，"
            "录入后以实际安排为准。")


def _recipient(request: Request) -> Any:
    return request.handler or request.org.person_in_charge


def reminders(*, today: date | None = None, org_ids: list[int] | None = None) -> tuple[list[Reminder], list[str]]:
    """The messages to send (and the requests nobody can be told about, as text)."""
    requests = Request.objects.select_related("org__person_in_charge")
    if org_ids is not None:
        requests = requests.filter(org_id__in=org_ids)
    by_person: dict[Any, list[OpenItem]] = defaultdict(list)
    nobody: list[str] = []
    for item in attention_items(requests, today=today):
        person = _recipient(item.request)
        if person is None or not person.email:
            nobody.append(f"{item.request.org}：{_line(item)}（无经办人或经办人未登记电子邮箱）")
        else:
            by_person[person].append(item)
    return [Reminder(p.email, str(p), tuple(items)) for p, items in by_person.items()], nobody


def send_reminders(*, today: date | None = None, org_ids: list[int] | None = None) -> tuple[list[Reminder], list[str]]:
    """Send one e-mail per person; returns what was sent and what could not be addressed."""
    messages, nobody = reminders(today=today, org_ids=org_ids)
    emails = [
        EmailMessage(
            subject=f"【政府信息公开】{len(m.items)}件申请即将到期或已逾期",
            body=f"{m.person}：\n\n以下政府信息公开申请需要尽快办理：\n\n"
            + "\n".join(f"· {_line(item)}" for item in m.items)
            + _provisional_note(m)
            + f"\n\n（{settings.GONGKAI_SITE_NAME}自动提醒，期限按工作日计算。）",
            to=[m.recipient],
        )
        for m in messages
    ]
    if emails:
        get_connection().send_messages(emails)
    return messages, nobody


@task()
def send_reminders_task(day: str | None = None) -> dict[str, int]:
    """The daily reminders as a background task (gongkai.tasks.schedule enqueues it every morning)."""
    messages, nobody = send_reminders(today=date.fromisoformat(day) if day else None)
    return {"sent": len(messages), "unaddressed": len(nobody)}
