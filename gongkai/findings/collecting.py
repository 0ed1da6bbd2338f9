"""Collecting the subordinates' reports from their own sites as a background task (supervisors' view).

The same collector as `gongkai report collect`, with the database as its store: each page fetched is kept
with its validators (`CollectedPage`), so the next run asks conditionally and downloads nothing unchanged;
each report version found is kept with its URL, fetch time, hash, bytes and check (`CollectedVersion`).
Politeness settings: `GONGKAI_COLLECT = {"delay": 1.0, "timeout": 20.0}` (seconds).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.findings.constants import FindingEvent
from gongkai.findings.models import CollectedPage, CollectedVersion, ReportSource
from gongkai.orgs import permissions
from gongkai.orgs.models import Organisation
from gongkai.report.collect import Collected, Collector, Fetcher
from gongkai.report.collect.cli import summary
from gongkai.report.collect.store import CachedPage, Version
from gongkai.tasks import api as tasks
from gongkai.tasks.models import Job, JobFile

JOB_KIND = "findings.collect"
RESULTS_FILE = "收集结果.json"


class DatabaseStore:
    """`gongkai.report.collect.store.Store` on the database; agency URLs mapped to their agencies."""

    def __init__(self, sources: dict[str, Organisation]) -> None:
        self.sources = sources

    def page(self, url: str) -> CachedPage | None:
        row = CollectedPage.objects.filter(url=url).defer("data").first()
        if row is None:
            return None
        return CachedPage(
            url, row.sha256, row.etag or None, row.last_modified or None, row.final_url, row.charset or None
        )

    def body(self, digest: str) -> bytes:
        data = CollectedPage.objects.filter(sha256=digest).values_list("data", flat=True).first()
        if data is None:
            data = CollectedVersion.objects.filter(sha256=digest).values_list("data", flat=True).first()
        return bytes(data or b"")

    def keep_page(self, url: str, body: bytes, *, etag: str | None, last_modified: str | None,
                  final_url: str, charset: str | None) -> CachedPage:  # fmt: skip
        from gongkai.report.collect.store import sha256

        digest = sha256(body)
        CollectedPage.objects.update_or_create(url=url[:1000], defaults={
            "final_url": final_url[:1000], "etag": (etag or "")[:300], "last_modified": (last_modified or "")[:100],
            "charset": (charset or "")[:40], "sha256": digest, "data": body, "fetched_at": timezone.now(),
        })  # fmt: skip
        return CachedPage(url, digest, etag, last_modified, final_url, charset)

    def versions(self, start_url: str | None = None, year: int | None = None) -> list[Version]:
        rows = CollectedVersion.objects.defer("data").order_by("fetched_at", "pk")
        if start_url is not None:
            rows = rows.filter(org=self.sources[start_url])
        if year is not None:
            rows = rows.filter(year=year)
        by_org = {org.pk: url for url, org in self.sources.items()}
        return [
            Version(by_org.get(v.org_id, ""), v.year, v.url, v.fetched_at.isoformat(), v.sha256, v.kind) for v in rows
        ]

    def add_version(self, version: Version, body: bytes) -> bool:
        org = self.sources[version.start_url]
        last = CollectedVersion.objects.filter(org=org, year=version.year).order_by("-fetched_at", "-pk").first()
        if last is not None and last.sha256 == version.sha256:
            return False
        fetched_at = dt.datetime.fromisoformat(version.fetched_at)
        kept = CollectedVersion.objects.create(
            org=org, year=version.year, url=version.url[:1000], fetched_at=fetched_at, sha256=version.sha256,
            kind=version.kind, data=body,
        )  # fmt: skip
        record(FindingEvent.COLLECTED, actor=None, obj=kept, org=org,
               after={"year": kept.year, "url": kept.url, "sha256": kept.sha256})  # fmt: skip
        return True


def sources_for(org: Organisation) -> list[ReportSource]:
    """The report URLs of the agency and every agency it supervises."""
    ids = {org.pk, *permissions.subordinate_ids([org.pk])}
    return list(ReportSource.objects.filter(org_id__in=ids).select_related("org").order_by("org__name"))


def fetcher() -> Fetcher:
    options = getattr(settings, "GONGKAI_COLLECT", None) or {}
    return Fetcher(delay=float(options.get("delay", 1.0)), timeout=float(options.get("timeout", 20.0)))


def collect(sources: list[ReportSource], year: int, *, progress: Any = None) -> list[dict[str, Any]]:
    """Collect and check each agency's report of `year`; one summary per agency (see the command's JSON)."""
    store = DatabaseStore({s.url: s.org for s in sources})
    collector = Collector(store, fetcher(), now=lambda: timezone.now().isoformat())
    rows = []
    for number, source in enumerate(sources, 1):
        result = collector.collect_one(source.url, year)
        if result.new_version and result.checked is not None:
            _keep_check(source.org, result)
        rows.append({"org_id": source.org.pk, "org": source.org.name, **summary(result)})
        if progress is not None:
            progress(number)
    return rows


def _keep_check(org: Organisation, result: Collected) -> None:
    checked = result.checked
    assert checked is not None and result.version is not None
    CollectedVersion.objects.filter(org=org, year=result.year, sha256=result.version.sha256).update(
        status=checked.status.value, errors=checked.errors, warnings=checked.warnings,
        findings=[f.to_dict() for f in checked.findings],
    )  # fmt: skip


@tasks.task()
@tasks.tracked
def collect_task(job: Job, *, year: int) -> int:
    """The background collection: progress per agency, the results kept on the job (its page shows them)."""
    sources = sources_for(job.org)
    job.begin(len(sources))
    rows = collect(sources, year, progress=job.advance)
    job.keep(RESULTS_FILE, json.dumps({"year": year, "results": rows}, ensure_ascii=False).encode("utf-8"))
    Job.objects.filter(pk=job.pk).update(result_url=reverse("findings:collected", args=[job.pk]))
    return len(rows)


def start_collect(org: Organisation, year: int, *, actor: Any) -> Job:
    title = _("从各机关网站收集%(year)d年度报告") % {"year": year}
    return tasks.start(collect_task, kind=JOB_KIND, title=title, org=org, actor=actor, kwargs={"year": year})


def results_of(job: Job) -> dict[str, Any] | None:
    output = job.files.filter(role=JobFile.OUTPUT, name=RESULTS_FILE).first()
    return json.loads(bytes(output.data)) if output is not None else None


def jobs_of(org: Organisation) -> Any:
    return Job.objects.filter(org=org, kind=JOB_KIND).order_by("-created_at")
