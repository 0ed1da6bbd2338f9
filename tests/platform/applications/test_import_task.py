"""A large 台账 goes to the background worker (issue 15 item 6: big imports run as tasks): the upload returns at
once to the job's page; the worker imports it all or nothing; the page then says how many were imported, or
offers the list of problems (UTF-8 with a BOM for Excel) with nothing imported."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.constants import RequestEvent
from gongkai.applications.models import Request
from gongkai.audit.models import AuditEntry
from gongkai.tasks import worker
from gongkai.tasks.constants import JobState
from gongkai.tasks.models import Job, JobFile
from tests.platform.applications.test_letters_import_remind import xlsx

pytestmark = pytest.mark.django_db

GOOD = [[date(2024, 3, day), "当面提交", "自然人", f"申请人{day}", "", "", "某文件", "予以公开", date(2024, 3, 20)]
        for day in range(1, 6)]


@pytest.fixture
def small_inline(settings):
    settings.GONGKAI_IMPORT_INLINE_ROWS = 3  # a register of more rows than this is imported in the background


def upload(client, org, rows, django_capture_on_commit_callbacks):
    file = io.BytesIO(xlsx(rows))
    file.name = "台账.xlsx"
    with django_capture_on_commit_callbacks(execute=True):  # the job is enqueued once the upload has committed
        return client.post(reverse("applications:import"), {"org": org.pk, "file": file})


def test_a_large_register_is_imported_by_the_worker_and_the_page_says_how_many(
        small_inline, client_for, dazhai, django_capture_on_commit_callbacks,
        audit_flushable) -> None:  # the worker ends its own connection: a real, committed database
    client = client_for("dazhai_admin")
    response = upload(client, dazhai, GOOD, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/tasks/{job.pk}/"
    assert not Request.objects.exists()  # nothing imported in the request itself
    worker.run(batch=True, interval=0)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.message == "已导入5件申请。"
    assert Request.objects.filter(org=dazhai).count() == 5
    progress = client.get(f"/tasks/{job.pk}/progress.json").json()
    assert progress["result_url"] == f"{reverse('applications:list')}?org={dazhai.pk}"
    assert "已导入5件申请。" in client.get(f"/tasks/{job.pk}/").content.decode()
    assert not JobFile.objects.filter(job=job, role=JobFile.INPUT).exists()
    assert AuditEntry.objects.filter(event=RequestEvent.IMPORTED).count() == 1


def test_a_large_register_with_a_bad_row_imports_nothing_and_offers_the_problems(
        small_inline, client_for, dazhai, django_capture_on_commit_callbacks,
        audit_flushable) -> None:  # the worker ends its own connection: a real, committed database
    client = client_for("dazhai_admin")
    bad = [*GOOD[:4], ["2024/13/40", "当面提交", "自然人", "李四", "", "", "某文件", "", ""]]
    upload(client, dazhai, bad, django_capture_on_commit_callbacks)
    worker.run(batch=True, interval=0)
    job = Job.objects.get()
    assert job.state == JobState.DONE and "台账有1处问题，未导入任何记录" in job.message
    assert not Request.objects.exists()
    [listing] = client.get(f"/tasks/{job.pk}/progress.json").json()["outputs"]
    data = client.get(listing["url"]).getvalue()
    assert data.startswith("\ufeff".encode()) and "6,收到申请日期," in data.decode("utf-8-sig")
    assert "下载 台账问题清单.csv" in client.get(f"/tasks/{job.pk}/").content.decode()


def test_a_small_register_is_still_imported_at_once(small_inline, client_for, dazhai,
                                                    django_capture_on_commit_callbacks) -> None:
    response = upload(client_for("dazhai_admin"), dazhai, GOOD[:3], django_capture_on_commit_callbacks)
    assert response.status_code == 302 and not Job.objects.exists()
    assert Request.objects.filter(org=dazhai).count() == 3


def test_an_unreadable_file_is_refused_on_the_page_before_any_job(small_inline, client_for, dazhai) -> None:
    file = io.BytesIO(b"not a workbook")
    file.name = "台账.xlsx"
    page = client_for("dazhai_admin").post(reverse("applications:import"), {"org": dazhai.pk, "file": file})
    assert page.status_code == 200 and "未导入任何记录" in page.content.decode() and not Job.objects.exists()
