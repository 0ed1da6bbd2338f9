"""The TASKS and RQ_QUEUES settings, from one environment variable (see README, "Settings")."""

from __future__ import annotations

from typing import Any

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
REDIS_BACKEND = "django_tasks_rq.RQBackend"
QUEUES = ["default"]
JOB_TIMEOUT_SECONDS = 6 * 60 * 60  # a bulk check of 5,000 files fits with room to spare


def tasks(redis_url: str | None) -> dict[str, Any]:
    """The database backend (embedded, no other service), or Redis/RQ for workers on several machines."""
    backend = REDIS_BACKEND if redis_url else DATABASE_BACKEND
    return {"default": {"BACKEND": backend, "QUEUES": list(QUEUES)}}


def rq_queues(redis_url: str | None) -> dict[str, Any]:
    """django-rq's queues: all on the one Redis."""
    url = redis_url or "redis://127.0.0.1:6379/0"
    return {name: {"URL": url, "DEFAULT_TIMEOUT": JOB_TIMEOUT_SECONDS} for name in QUEUES}


def uses_redis() -> bool:
    from django.conf import settings

    return settings.TASKS["default"]["BACKEND"] == REDIS_BACKEND
