"""The worker: runs enqueued tasks, from the database or from Redis, whichever backend TASKS names."""

from __future__ import annotations

import logging

from django.utils.crypto import get_random_string
from django.utils.module_loading import autodiscover_modules

from gongkai.tasks import config, schedule

logger = logging.getLogger("gongkai.tasks")


def discover() -> None:
    """Import every installed app's `tasks` module, so each task is known before its first job arrives."""
    autodiscover_modules("tasks")


def run(
    *, batch: bool = False, interval: float = 1.0, fork: bool = True, signals: bool = False, daily: bool = False
) -> None:
    """Run tasks until stopped (`batch`: until none is waiting).

    `fork` (Redis only): each task in a child process, as RQ does in production; tests run them in-process.
    `signals`: stop cleanly on SIGTERM/SIGINT after the task at hand (the database worker; RQ does its own).
    `daily`: also enqueue the daily tasks when their hour comes (the worker beside the web server does).
    """
    discover()
    stop = schedule.start() if daily and not batch else None
    try:
        if config.uses_redis():
            _run_rq(batch=batch, fork=fork)
        else:
            _run_database(batch=batch, interval=interval, signals=signals)
    finally:
        if stop is not None:
            stop.set()


def _run_database(*, batch: bool, interval: float, signals: bool) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(queue_names=list(config.QUEUES), interval=interval, batch=batch, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id=get_random_string(32), excluded_queue_names=[])
    if signals:
        worker.configure_signals()
    worker.run()


PUBSUB_WAKE_SECONDS = 1


def _quick_to_stop(base: type) -> type:
    """RQ's worker whose command channel's thread wakes every second instead of every minute.

    With redis-py 8, stopping that thread waits for it to wake: a worker asked to stop (SIGTERM) would
    linger up to a minute.
    """

    class Worker(base):  # type: ignore[valid-type,misc]
        def subscribe(self) -> None:
            self.pubsub = self.connection.pubsub()
            self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
            self.pubsub_thread = self.pubsub.run_in_thread(
                sleep_time=PUBSUB_WAKE_SECONDS, daemon=True, exception_handler=self._pubsub_exception_handler)

    Worker.__name__ = Worker.__qualname__ = base.__name__
    return Worker


def _run_rq(*, batch: bool, fork: bool) -> None:
    from django.db import close_old_connections
    from django_rq.workers import get_worker
    from django_tasks_rq import Job
    from rq import SimpleWorker, Worker

    close_old_connections()  # a forked task opens its own
    worker = get_worker(*config.QUEUES, job_class=Job, worker_class=_quick_to_stop(Worker if fork else SimpleWorker))
    worker.work(burst=batch, logging_level="WARNING", with_scheduler=False)
