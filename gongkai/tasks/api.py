"""What other apps use: `task` to define one, `enqueue` to run it later, `start`/`tracked` for a job with progress."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResult, task
from django_tasks.base import Task

from gongkai.audit.services import record
from gongkai.tasks.constants import JobState, TaskEvent
from gongkai.tasks.models import Job, JobFile

__all__ = ["Job", "enqueue", "start", "task", "tracked"]


def enqueue(task_: Task, *args: Any, **kwargs: Any) -> None:
    """Run the task in the background once the current transaction has committed (at once outside one)."""
    transaction.on_commit(lambda: task_.enqueue(*args, **kwargs))


def tracked(function: Callable[..., Any]) -> Callable[..., Any]:
    """Make `function(job, ...)` a task body taking the job's id: state, times and failure written on the job.

    Put it under `@task()`. A failure is kept on the job in words and in the audit trail, then re-raised so the
    backend records it too.
    """

    @functools.wraps(function)
    def run(job_id: int, *args: Any, **kwargs: Any) -> Any:
        job = Job.objects.get(pk=job_id)
        Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, started_at=timezone.now())
        try:
            value = function(job, *args, **kwargs)
        except Exception as exc:
            message = f"{exc.__class__.__name__}: {exc}"[:2000]
            Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, finished_at=timezone.now(), message=message)
            record(TaskEvent.FAILED, actor=None, obj=job, org=job.org, after={"kind": job.kind, "error": message})
            raise
        Job.objects.filter(pk=job.pk).update(state=JobState.DONE, finished_at=timezone.now(),
                                             done=job.total or job.done)
        record(TaskEvent.FINISHED, actor=None, obj=job, org=job.org, after={"kind": job.kind, "done": job.done})
        return value

    return run


def start(
    task_: Task,
    *,
    kind: str,
    title: str,
    org: Any = None,
    actor: Any = None,
    inputs: Iterable[tuple[str, bytes]] = (),
    args: Iterable[Any] = (),
    kwargs: dict[str, Any] | None = None,
    result_url: str = "",
) -> Job:
    """Record a job (with its input files) and enqueue `task_(job.pk, *args, **kwargs)` after the commit."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, title=title[:300], org=org, result_url=result_url,
                                 created_by=actor if getattr(actor, "is_authenticated", False) else None)
        batch: list[JobFile] = []
        for position, (name, data) in enumerate(inputs):
            batch.append(JobFile(job=job, role=JobFile.INPUT, position=position, name=name[:500], data=data))
            if len(batch) >= 200:
                JobFile.objects.bulk_create(batch)
                batch = []
        JobFile.objects.bulk_create(batch)
        record(TaskEvent.STARTED, actor=actor, obj=job, org=org, after={"kind": kind, "title": job.title})

        def send() -> None:
            result: TaskResult = task_.enqueue(job.pk, *args, **(kwargs or {}))
            Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

        transaction.on_commit(send)
    return job
