"""The supervisors' collection as a background task: the agencies' report URLs (an administrator's data) followed
on a local site of saved real pages, each report kept as a version with URL, fetch time, hash and check, a page of
results; a second run downloads nothing unchanged (issue 19). Nothing reaches the internet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.findings.models import CollectedVersion, ReportSource
from gongkai.orgs.models import Organisation
from gongkai.tasks import worker
from gongkai.tasks.models import Job
from tests.report.test_collect_site import LocalSite, build_site

YEAR = 2024
SOURCES = {  # demo agency -> its (saved, local) 政府信息公开年报 column
    "某县教育局": "/jiaotongjianshe/zfxxgknb/index.html",  # 2024: the report only as a DOCX attachment
    "某县财政局": "/gonganju/zfxxgknb/index.html",  # 2024: the report only as an XLSX attachment
    "大寨乡": "/missing/index.html",  # 404
}


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite(build_site()) as running:
        yield running


@pytest.fixture
def sources(audit_flushable: None, county: Any, site: LocalSite, settings: Any) -> None:
    settings.GONGKAI_COLLECT = {"delay": 0, "timeout": 1}
    for name, path in SOURCES.items():
        ReportSource.objects.create(org=Organisation.objects.get(name=name), url=site.url(path))


def collect(client: Any, county: Organisation) -> Job:
    response = client.post(f"/findings/supervise/{county.pk}/collect/", {"year": YEAR})
    job = Job.objects.order_by("-pk").first()
    assert job is not None and response.status_code == 302 and response["Location"] == f"/tasks/{job.pk}/"
    worker.run(batch=True, interval=0)
    job.refresh_from_db()
    assert job.state == "done", job.message
    return job


def test_the_supervisors_collection_keeps_versions_and_asks_conditionally(
    sources: None, site: LocalSite, client_for: Any
) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    supervisor = client_for("county_supervisor")
    job = collect(supervisor, county)
    assert job.result_url == f"/findings/collected/{job.pk}/"
    table = supervisor.get(job.result_url).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert table.count("新版本") == 2 and "未找到" in table and "COLLECT.http" in table
    versions = {v.org.name: v for v in CollectedVersion.objects.select_related("org")}
    assert {name: v.kind for name, v in versions.items()} == {"某县教育局": "docx", "某县财政局": "xlsx"}
    assert all(len(v.sha256) == 64 and v.status and bytes(v.data).startswith(b"PK") for v in versions.values())
    assert AuditEntry.objects.filter(event="findings.report.collected").count() == 2

    site.site.served.clear()
    second = collect(supervisor, county)
    downloaded = {path for (path, status), times in site.site.served.items() if status == 200}
    assert downloaded == {"/robots.txt"}  # every page kept was answered 304 Not Modified
    assert CollectedVersion.objects.count() == 2
    table = supervisor.get(second.result_url).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert table.count("未变") == 2 and "新版本" not in table


def test_only_the_supervising_office_starts_a_collection(sources: None, client_for: Any) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    response = client_for("edu_admin").post(f"/findings/supervise/{county.pk}/collect/", {"year": YEAR})
    assert response.status_code in (403, 404) and not Job.objects.exists()
