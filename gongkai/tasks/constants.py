"""Audit events and states of background jobs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskEvent(models.TextChoices):
    """Audit events of this app."""

    STARTED = "tasks.job.started", _("提交后台任务")
    FINISHED = "tasks.job.finished", _("后台任务完成")
    FAILED = "tasks.job.failed", _("后台任务失败")


class JobState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
