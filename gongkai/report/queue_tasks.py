"""The task behind `gongkai report check --queue` (imported by workers only: it needs Django's Tasks framework)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from gongkai.report.queue import check_some


@task()
def check_reports(files: list[list[str]]) -> list[dict[str, Any]]:
    """Report files ([name, bytes in base64]) read and checked; each result pickled for the caller's pairing."""
    return check_some(files)
