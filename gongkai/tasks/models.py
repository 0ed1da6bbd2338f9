"""A background job as people see it: what it is, who started it, how far it has got, and its files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.querysets import OrgScopedQuerySet
from gongkai.tasks.constants import JobState


class Job(models.Model):
    """后台任务: the progress record a task writes and a page reads (the backend keeps its own result)."""

    kind = models.CharField(_("类别"), max_length=100)
    title = models.CharField(_("名称"), max_length=300)
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.TextField(_("说明"), blank=True)
    result_url = models.CharField(_("结果页面"), max_length=300, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0

    def inputs(self) -> Iterator[tuple[str, bytes]]:
        """The files handed in with the job, in the order given (read one at a time)."""
        files = self.files.filter(role=JobFile.INPUT).order_by("position").values_list("name", "data")
        for name, data in files.iterator(chunk_size=50):
            yield name, bytes(data)

    def begin(self, total: int) -> None:
        """Running, with `total` steps to go."""
        self.total, self.done, self._written = total, 0, 0
        Job.objects.filter(pk=self.pk).update(state=JobState.RUNNING, total=total, done=0,
                                              started_at=timezone.now())

    def advance(self, done: int) -> None:
        """`done` steps finished: written about every hundredth of the way (a page polls it)."""
        self.done = done
        step = max(1, self.total // 100)
        if done >= self.total or done - getattr(self, "_written", 0) >= step:
            self._written = done
            Job.objects.filter(pk=self.pk).update(done=done)

    def keep(self, name: str, data: bytes) -> JobFile:
        """A result file kept for download."""
        position = self.files.filter(role=JobFile.OUTPUT).count()
        return JobFile.objects.create(job=self, role=JobFile.OUTPUT, position=position, name=name, data=data)

    def outputs(self) -> Any:
        return self.files.filter(role=JobFile.OUTPUT).order_by("position").only("pk", "name", "job_id")


class JobFile(models.Model):
    """A file given to a job (so a worker on another machine needs no shared disk) or produced by it."""

    INPUT, OUTPUT = "in", "out"
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=3, choices=[(INPUT, _("输入")), (OUTPUT, _("结果"))])
    position = models.PositiveIntegerField()
    name = models.CharField(_("文件名"), max_length=500)
    data = models.BinaryField()

    class Meta:
        verbose_name = _("任务文件")
        verbose_name_plural = _("任务文件")
        ordering = ("job", "role", "position")
        constraints = (models.UniqueConstraint(fields=("job", "role", "position"), name="tasks_jobfile_position"),)

    def __str__(self) -> str:
        return self.name


class DailyRun(models.Model):
    """A daily task enqueued on a day: one row each, so several workers enqueue it once."""

    name = models.CharField(max_length=100)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("每日任务")
        verbose_name_plural = _("每日任务")
        constraints = (models.UniqueConstraint(fields=("name", "day"), name="tasks_dailyrun_once"),)

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
