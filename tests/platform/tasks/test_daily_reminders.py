"""The reminders (到期和逾期提醒) as a daily background task: enqueued once a day at their hour, however many
workers look, and sent by the worker as `gongkai remind` would send them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core import mail

from gongkai.applications.reminders import reminders
from gongkai.tasks import schedule, worker
from gongkai.tasks.models import DailyRun
from gongkai.web import demo as demo_module

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_reminders_are_enqueued_once_a_day_and_sent_by_the_worker(audit_flushable: Any) -> None:
    demo_module.load_all()
    early = dt.datetime(2026, 12, 7, 7, 59, tzinfo=SHANGHAI)
    assert schedule.run_due(early) == []  # before eight nothing is due
    morning = early.replace(hour=8, minute=1)
    assert schedule.run_due(morning) == ["reminders"]
    assert schedule.run_due(morning.replace(hour=15)) == []  # a second worker, or a later look: not again
    assert DailyRun.objects.filter(name="reminders", day=dt.date(2026, 12, 7)).count() == 1
    mail.outbox.clear()
    worker.run(batch=True, interval=0)
    expected, _nobody = reminders()
    assert expected, "the demo has requests due or late"
    reminder_mails = [m for m in mail.outbox if "即将到期或已逾期" in m.subject]  # applicants' notices go too
    assert sorted(m.to[0] for m in reminder_mails) == sorted(m.recipient for m in expected)
    assert schedule.run_due(morning + dt.timedelta(days=1)) == ["reminders"]  # and the next morning again
