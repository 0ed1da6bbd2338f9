"""A task that fails is never lost: its job says failed and why, on its page and in the audit trail, and the
backend's own result says so too."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_tasks import TaskResultStatus, default_task_backend

from gongkai.audit.models import AuditEntry
from gongkai.orgs.constants import OrgKind
from gongkai.orgs.models import Organisation, User
from gongkai.tasks import api, worker
from gongkai.tasks.constants import JobState, TaskEvent
from gongkai.tasks.models import Job


@api.task()
@api.tracked
def breaks_on_the_second_file(job: Job) -> None:
    files = list(job.inputs())
    job.begin(len(files))
    for done, (name, data) in enumerate(files, 1):
        if not data:
            raise ValueError(f"{name} 是空文件")
        job.advance(done)


def test_a_failed_task_is_kept_with_its_reason(audit_flushable: Any) -> None:
    county = Organisation.objects.create(name="某县人民政府", kind=OrgKind.COUNTY_GOV)
    user = User.objects.create_superuser("checker", "checker@example.org", "x" * 12)
    job = api.start(breaks_on_the_second_file, kind="test.broken", title="两个文件", org=county, actor=user,
                    inputs=[("一.txt", b"1"), ("二.txt", b"")])
    worker.run(batch=True, interval=0)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.done == 1 and job.finished_at is not None
    assert job.message == "ValueError: 二.txt 是空文件"
    assert default_task_backend.get_result(job.task_id).status == TaskResultStatus.FAILED
    [entry] = AuditEntry.objects.filter(event=TaskEvent.FAILED)
    assert entry.after["error"] == job.message
    client = Client()
    client.force_login(user)
    assert "任务失败：ValueError: 二.txt 是空文件" in client.get(f"/tasks/{job.pk}/").content.decode()
