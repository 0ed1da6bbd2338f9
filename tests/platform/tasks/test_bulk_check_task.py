"""Issue 15 item 6: a supervisor's bulk check of 2,000 files runs as a background task, on SQLite, on PostgreSQL
(DATABASE_URL) and on the Redis backend against a real redis-server, with its progress visible while it runs.

The worker runs in the test's process (the database is the test's own); a second thread reads the job's progress
record as the page does. The worker waits once, right after its first progress write, until that thread has seen
a value between the start and the end, so "visible while it runs" is checked without relying on timing.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import close_old_connections, connections

from gongkai.annual import bulkcheck
from gongkai.annual.models import BulkCheck
from gongkai.audit.models import AuditEntry
from gongkai.orgs.constants import OrgKind
from gongkai.orgs.models import Organisation, User
from gongkai.report.read import read_path
from gongkai.report.render import render
from gongkai.tasks import config, worker
from gongkai.tasks.constants import JobState, TaskEvent
from gongkai.tasks.models import Job, JobFile

SEED = Path(__file__).parents[2] / "fixtures" / "reports" / "dazhai-2023.txt"
FILES = 2000
WAIT_SECONDS = 60


@pytest.fixture
def supervisor(audit_flushable: None) -> tuple[Organisation, User]:
    county = Organisation.objects.create(name="某县人民政府", kind=OrgKind.COUNTY_GOV)
    return county, User.objects.create_superuser("checker", "checker@example.org", "x" * 12)


def _files() -> list[tuple[str, bytes]]:
    seed = read_path(SEED).report
    assert seed is not None
    text = render(seed, "text").encode()
    return [(f"第{i:04d}号/大寨乡2023.txt", text) for i in range(FILES)]


class Watcher(threading.Thread):
    """Reads the job's progress record from a connection of its own, as the page's poll does.

    It looks when the worker has written its first progress (the worker waits meanwhile, so the two never
    contend for SQLite's table lock), and once more after the worker has finished.
    """

    def __init__(self, job_id: int) -> None:
        super().__init__(daemon=True)
        self.job_id = job_id
        self.seen: list[tuple[str, int, int]] = []
        self.written = threading.Event()
        self.midway = threading.Event()

    def look(self) -> None:
        self.seen.append(Job.objects.values_list("state", "done", "total").get(pk=self.job_id))

    def run(self) -> None:
        try:
            if self.written.wait(WAIT_SECONDS):
                self.look()
        finally:
            self.midway.set()  # never leave the worker waiting
            connections.close_all()


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the worker until the queue is empty while a Watcher follows the job; returns what it saw."""

    def run(job: Job, **options: Any) -> list[tuple[str, int, int]]:
        watcher = Watcher(job.pk)
        advance = Job.advance

        def advance_then_wait(self: Job, done: int) -> None:
            advance(self, done)
            if getattr(self, "_written", 0) and not watcher.written.is_set():
                watcher.written.set()
                assert watcher.midway.wait(WAIT_SECONDS)

        monkeypatch.setattr(Job, "advance", advance_then_wait)
        watcher.start()
        worker.run(batch=True, **options)
        watcher.written.set()
        watcher.join(WAIT_SECONDS)
        close_old_connections()
        watcher.look()
        return watcher.seen

    return run


def _check_finished(job: Job, seen: list[tuple[str, int, int]]) -> BulkCheck:
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert any(state == JobState.RUNNING and 0 < done < total for state, done, total in seen), seen
    assert seen[-1] == (JobState.DONE, 2 * FILES, 2 * FILES)
    check = BulkCheck.objects.get(pk=int(job.result_url.rstrip("/").rsplit("/", 1)[1]))
    assert check.files == FILES and {r["status"] for r in check.results} == {"passed"}
    assert [r["file"] for r in check.results[:2]] == ["第0000号/大寨乡2023.txt", "第0001号/大寨乡2023.txt"]
    assert not JobFile.objects.filter(job=job, role=JobFile.INPUT).exists()  # the uploaded bytes are let go
    events = list(AuditEntry.objects.filter(event__in=[TaskEvent.STARTED, TaskEvent.FINISHED, "annual.check.bulk"])
                  .order_by("seq").values_list("event", flat=True))
    assert events == [TaskEvent.STARTED, "annual.check.bulk", TaskEvent.FINISHED]
    return check


def test_a_bulk_check_of_2000_files_runs_on_the_database_backend(supervisor: Any, watched: Any) -> None:
    """SQLite here, PostgreSQL when the suite runs with DATABASE_URL (GONGKAI_TEST_ON_POSTGRES)."""
    county, user = supervisor
    assert not config.uses_redis()
    job = bulkcheck.start_check(county, _files(), actor=user, source="2000个文件")
    assert isinstance(job, Job)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.task_id  # enqueued once the upload's transaction committed
    assert BulkCheck.objects.count() == 0  # nothing was checked in the request
    _check_finished(job, watched(job, interval=0))


def test_a_bulk_check_of_2000_files_runs_on_the_redis_backend(
    supervisor: Any, watched: Any, redis_url: str, settings: Any
) -> None:
    settings.TASKS = config.tasks(redis_url)  # django-tasks picks the new backend up (setting_changed)
    settings.RQ_QUEUES = config.rq_queues(redis_url)  # the test's own redis-server, never the shared one
    county, user = supervisor
    assert config.uses_redis()
    job = bulkcheck.start_check(county, _files(), actor=user, source="2000个文件")
    assert isinstance(job, Job)
    job.refresh_from_db()
    assert job.task_id
    _check_finished(job, watched(job, fork=False))


def test_a_small_batch_is_checked_at_once(supervisor: Any) -> None:
    county, user = supervisor
    check = bulkcheck.start_check(county, _files()[: bulkcheck.INLINE_FILES], actor=user, source="少量")
    assert isinstance(check, BulkCheck) and check.files == bulkcheck.INLINE_FILES and not Job.objects.exists()


def test_the_page_shows_the_job_its_progress_and_then_the_result(supervisor: Any) -> None:
    """The supervisor's upload (a zip of 21 files) returns at once to a page with a progress bar; the page's
    poll (and a refresh, without JavaScript) shows the progress, then the link to the results."""
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    county, user = supervisor
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in _files()[: bulkcheck.INLINE_FILES + 1]:
            archive.writestr(name, data)
    client = Client()
    client.force_login(user)
    response = client.post(f"/annual/supervise/{county.pk}/check/",
                           {"files": [SimpleUploadedFile("全县.zip", buffer.getvalue())]})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "排队中" in page and 'http-equiv="refresh"' in page and "tasks/progress.js" in page
    assert "批量检查21个报告文件" in client.get(f"/annual/supervise/{county.pk}/check/").content.decode()
    worker.run(batch=True, interval=0)
    progress = client.get(f"/tasks/{job.pk}/progress.json").json()
    assert progress["state"] == "done" and progress["percent"] == 100 and progress["result_url"]
    page = client.get(response["Location"]).content.decode()
    assert "已完成" in page and progress["result_url"] in page and 'http-equiv="refresh"' not in page
    assert client.get(progress["result_url"]).status_code == 200
    assert "批量检查21个报告文件" in client.get("/admin/tasks/job/").content.decode()  # operators see every job
    stranger = Client()
    stranger.force_login(User.objects.create_user("stranger", "s@example.org", "x" * 12, is_staff=True))
    assert stranger.get(f"/tasks/{job.pk}/progress.json").status_code in (403, 404)
