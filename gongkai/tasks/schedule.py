"""Daily tasks (the reminders): enqueued once a day at their hour by whichever worker looks first.

A worker that runs continuously (`gongkai worker`, the one beside `gongkai serve`) looks every minute; a row
per task and day (unique) makes sure several workers on several machines enqueue it once.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.tasks.models import DailyRun

logger = logging.getLogger("gongkai.tasks")

# name → (task, local time of day). Settings may replace it (GONGKAI_DAILY_TASKS).
DAILY_TASKS: dict[str, tuple[str, dt.time]] = {
    "reminders": ("gongkai.applications.reminders.send_reminders_task", dt.time(8, 0)),  # 到期和逾期提醒
}
LOOK_EVERY_SECONDS = 60


def daily_tasks() -> dict[str, tuple[str, dt.time]]:
    return getattr(settings, "GONGKAI_DAILY_TASKS", DAILY_TASKS)


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue each daily task whose hour has come and that nobody has enqueued today; returns their names."""
    local = timezone.localtime(now)
    started = []
    for name, (path, at) in daily_tasks().items():
        if local.time() < at:
            continue
        try:
            with transaction.atomic():
                DailyRun.objects.create(name=name, day=local.date())
                import_string(path).enqueue()
        except IntegrityError:  # another worker was first today
            continue
        started.append(name)
    return started


def keep_looking(stop: threading.Event) -> None:
    """Every minute until stopped (a daemon thread of the worker)."""
    while not stop.is_set():
        try:
            run_due()
        except Exception:  # a database hiccup must not end the schedule; the next look retries
            logger.exception("daily tasks: could not look")
        finally:
            close_old_connections()
        stop.wait(LOOK_EVERY_SECONDS)


def start() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=keep_looking, args=(stop,), name="gongkai-daily-tasks", daemon=True).start()
    return stop
