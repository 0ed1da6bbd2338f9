"""Collecting one year's reports from the agencies' own sites: find, download, keep, check.

From each agency's URL (its 政府信息公开年报 column, or the report's own page) the report of the year
is looked for: a page that reads as that year's report is it; otherwise the links of the page are
followed — attachments (PDF, DOCX, DOC, XLSX, XLS) and pages titled with the year's report — up to
`MAX_PAGES` pages. What stood in the way (robots.txt, a 404, a redirect loop, a body too large, a
silent host, a page built by script) is a finding of the agency's entry; a report found is kept as a
version in the store and checked like any other file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gongkai.report.checking import CheckedReport, check_read
from gongkai.report.collect.discover import candidates, is_script_page, names_year, parse_page
from gongkai.report.collect.fetch import Fetcher, FetchError
from gongkai.report.collect.store import Store, Version, sha256
from gongkai.report.findings import Finding, Severity
from gongkai.report.read import ReadResult, read_bytes
from gongkai.report.read.limits import LimitExceeded
from gongkai.report.read.sniff import detect

MAX_PAGES = 12  # pages fetched per agency URL at most
_DOCUMENTS = ("pdf", "docx", "doc", "xlsx", "xls")


@dataclass
class Collected:
    """What one agency URL gave for the year: the report (if found), its version, and the findings."""

    start_url: str
    year: int
    findings: list[Finding] = field(default_factory=list)  # COLLECT.*: what stood in the way
    report_url: str | None = None
    version: Version | None = None
    new_version: bool = False
    checked: CheckedReport | None = None
    downloads: int = 0  # bodies downloaded (200); a 304 is no download

    @property
    def found(self) -> bool:
        return self.checked is not None


def collect_finding(rule: str, message: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(rule=rule, severity=severity, message=message)


@dataclass
class _Body:
    url: str
    data: bytes
    charset: str | None


class Collector:
    """Collect with one polite `Fetcher` into one store; `now` gives the fetch time (ISO 8601, UTC)."""

    def __init__(self, store: Store, fetcher: Fetcher | None = None, *, now: Callable[[], str]) -> None:
        self.store = store
        self.fetcher = fetcher or Fetcher()
        self.now = now

    def collect(self, urls: Iterable[str], year: int) -> list[Collected]:
        return [self.collect_one(url, year) for url in urls]

    def collect_one(self, start_url: str, year: int) -> Collected:
        result = Collected(start_url, year)
        queue: deque[tuple[str, bool]] = deque([(start_url, False)])  # url, linked from the year's report page
        seen: set[str] = set()
        while queue and len(seen) < MAX_PAGES:
            url, from_report_page = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            try:
                body = self._fetch(url, result)
            except FetchError as exc:
                result.findings.append(collect_finding(exc.rule, exc.message))
                continue
            kind = detect(body.data, body.url)
            if kind in _DOCUMENTS:
                read = read_bytes(body.data, source=body.url)
                if from_report_page or (read.report is not None and read.report.year == year):
                    self._keep(result, body, read)
                    return result
                continue
            if kind != "html":
                read = read_bytes(body.data, source=body.url)
                if read.report is not None and read.report.year == year:
                    self._keep(result, body, read)
                    return result
                continue
            try:
                page = parse_page(body.data, body.url, body.charset)
            except LimitExceeded as exc:
                result.findings.append(collect_finding("COLLECT.too_large", f"{exc.message}：{body.url}"))
                continue
            is_report_page = names_year(page.title, year) or names_year(page.text[:300], year)
            read = read_bytes(body.data, source=body.url)
            if read.report is not None and read.report.year == year and _has_figures(read):
                self._keep(result, body, read)
                return result
            links = candidates(page, year, report_page=is_report_page)
            if not links and is_script_page(page):
                result.findings.append(
                    collect_finding(
                        "COLLECT.script",
                        f"网页内容由脚本在浏览器中加载，网页本身没有正文，无法直接读取：{body.url}",
                    )
                )
            for link in links:
                queue.append((link.url, is_report_page and link.is_attachment))
        result.findings.append(
            collect_finding(
                "COLLECT.not_found",
                f"未找到{year}年政府信息公开工作年度报告（查看了{len(seen)}个网页）：{start_url}",
                Severity.ERROR,
            )
        )
        return result

    def _fetch(self, url: str, result: Collected) -> _Body:
        """A page's body: downloaded, or from the store when the site answers 304 (not modified)."""
        cached = self.store.page(url)
        response = self.fetcher.get(
            url,
            etag=cached.etag if cached else None,
            last_modified=cached.last_modified if cached else None,
        )
        if response.status == 304 and cached is not None:
            return _Body(cached.final_url, self.store.body(cached.sha256), cached.charset)
        result.downloads += 1
        self.store.keep_page(
            url,
            response.body,
            etag=response.etag,
            last_modified=response.last_modified,
            final_url=response.url,
            charset=response.charset,
        )
        return _Body(response.url, response.body, response.charset)

    def _keep(self, result: Collected, body: _Body, read: ReadResult) -> None:
        version = Version(result.start_url, result.year, body.url, self.now(), sha256(body.data), read.kind)
        result.new_version = self.store.add_version(version, body.data)
        result.version = version if result.new_version else self.store.versions(result.start_url, result.year)[-1]
        result.report_url = body.url
        result.checked = check_read(read)


def _has_figures(read: ReadResult) -> bool:
    """Whether any table cell was read (a page that only names the report and links its attachment has none)."""
    return read.report is not None and any(value is not None for value in read.report.cells.values())
