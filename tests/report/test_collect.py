"""`gongkai report collect`: reports found on the agencies' own (local, saved) pages, traps answered with findings,
versions kept, and a second run that downloads nothing unchanged (issue 19)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.report.collect import Collector, Fetcher, FolderStore
from gongkai.report.read import read_path
from tests.report.test_collect_site import TRAPS, LocalSite, build_site, report_files, year_of

NOW = "2026-12-05T13:00:00+00:00"
TIMEOUT = 1.0  # seconds of silence before the slow host is given up (the client's, not the test's)


@pytest.fixture(scope="module")
def local() -> Iterator[LocalSite]:
    with LocalSite(build_site()) as running:
        yield running


def collector(store: Path, fetcher: Fetcher | None = None) -> Collector:
    return Collector(FolderStore(store), fetcher or Fetcher(delay=0, timeout=TIMEOUT), now=lambda: NOW)


def test_every_saved_report_is_found_read_and_kept(local: LocalSite, tmp_path: Path) -> None:
    """Each agency's 政府信息公开年报 column, for each year of the corpus: the year's report is found (list page →
    report page → attachment), read with the figures its saved file has, kept as a version and checked."""
    site = local.site
    run = collector(tmp_path)
    years = sorted({year_of(p.name) for p in report_files()})
    for year in years:
        for result in run.collect([local.url(p) for p in site.start_urls], year):
            start = result.start_url.removeprefix(local.url(""))
            expected = site.expected.get((start, year))
            if expected is None:
                assert not result.found and [f.rule for f in result.findings] == ["COLLECT.not_found"]
                continue
            assert result.found, (start, year, [f.message for f in result.findings])
            assert result.checked is not None and result.version is not None and result.new_version
            read = result.checked.read.report
            truth = read_path(expected).report
            assert read is not None and truth is not None
            assert (read.agency, read.year, read.cells) == (truth.agency, truth.year, truth.cells)
            assert result.version.sha256 == FolderStore(tmp_path).versions(result.start_url, year)[-1].sha256
    kinds = {v.kind for v in FolderStore(tmp_path).versions()}
    assert kinds == {"html", "docx", "xlsx"}  # attachment-only reports read from their attachment


def test_traps_are_findings_and_a_second_run_downloads_nothing_unchanged(local: LocalSite, tmp_path: Path) -> None:
    site = local.site
    urls = [local.url(p) for p in (*site.start_urls, *TRAPS)]
    first = collector(tmp_path).collect(urls, 2023)
    rules = {r.start_url.removeprefix(local.url("")): [f.rule for f in r.findings] for r in first}
    assert rules["/private/index.html"] == ["COLLECT.robots", "COLLECT.not_found"]  # robots.txt: Disallow /private/
    assert rules["/script/index.html"] == ["COLLECT.script", "COLLECT.not_found"]
    assert rules["/loop/a.html"] == ["COLLECT.redirects", "COLLECT.not_found"]
    assert rules["/missing/index.html"] == ["COLLECT.http", "COLLECT.not_found"]
    assert rules["/huge/index.html"] == ["COLLECT.too_large", "COLLECT.not_found"]
    assert rules["/slow/index.html"] == ["COLLECT.timeout", "COLLECT.not_found"]
    assert site.served["/private/index.html", 200] == 0
    found = [r for r in first if r.found]
    assert len(found) == 4 and all(r.new_version for r in found)  # 2023: three agencies and the saved page

    site.served.clear()
    second = collector(tmp_path).collect(urls, 2023)
    downloaded = {path for (path, status), times in site.served.items() if status == 200}
    # robots.txt is read once per run; the 50 MB body was refused, so never kept, and is asked again;
    # every page kept answered 304 Not Modified to its ETag or Last-Modified
    assert downloaded == {"/robots.txt", "/huge/index.html"}
    assert sum(r.downloads for r in second if r.found) == 0
    assert [r.found for r in second] == [r.found for r in first]
    assert not any(r.new_version for r in second)
    assert [r.version for r in second if r.found] == [r.version for r in found]


def test_a_changed_report_is_a_new_version(local: LocalSite, tmp_path: Path) -> None:
    site = local.site
    path = "/saved/t20240130_86684.htm"
    url = local.url(path)
    first = collector(tmp_path).collect_one(url, 2023)
    body, ctype = site.pages[path]
    site.put(path, body.replace(b"</body>", "<p>（2024年3月更正）</p></body>".encode()), ctype)
    try:
        second = collector(tmp_path).collect_one(url, 2023)
    finally:
        site.put(path, body, ctype)
    assert first.found and second.found and second.new_version and second.downloads == 1
    versions = FolderStore(tmp_path).versions(url, 2023)
    assert [v.sha256 for v in versions] == [first.version.sha256, second.version.sha256]  # type: ignore[union-attr]


def test_requests_to_one_host_wait_the_delay(local: LocalSite, tmp_path: Path) -> None:
    """Politeness: the delay is slept between two requests to the same host (robots.txt included)."""
    waits: list[float] = []
    fetcher = Fetcher(delay=5.0, timeout=TIMEOUT, sleep=waits.append)
    collector(tmp_path, fetcher).collect_one(local.url("/saved/t20240130_86684.htm"), 2023)
    assert fetcher.requests == 2 and len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_command_line_collects_a_list_and_exits_with_the_worst(
    local: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gongkai.cli import main

    urls = tmp_path / "urls.txt"
    listed = f"交通与建设局 {local.url('/jiaotongjianshe/zfxxgknb/index.html')}\n{local.url('/missing/index.html')}\n"
    urls.write_text(f"# 平潭 2024\n{listed}", "utf-8")
    args = ["report", "collect", str(urls), "--year", "2024", "--store", str(tmp_path / "s"), "--delay", "0"]
    assert main([*args, "--format", "json"]) == 1  # one URL without a report: 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["found"], r["new_version"], r["version"]["kind"] if r["found"] else None) for r in rows] == [
        (True, True, "docx"),
        (False, False, None),
    ]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "（未变）" in out and "COLLECT.http 网站答复HTTP 404" in out and "共2个网址：找到1份报告（新版本0份）" in out
    with pytest.raises(SystemExit) as usage:
        main(["report", "collect", str(urls), "--year", "24"])
    assert usage.value.code == 2 and "年度应为2008至2100之间的整数" in capsys.readouterr().err


def test_a_page_of_too_many_tags_is_refused_before_parsing(local: LocalSite, tmp_path: Path) -> None:
    """Hostile input: a list page is held to the reader's markup limit (gongkai/report/read/limits.py)."""
    from gongkai.report.read import limits

    with limits.override(markup_tags=10):
        result = collector(tmp_path).collect_one(local.url("/jiaotongjianshe/zfxxgknb/index.html"), 2024)
    assert [f.rule for f in result.findings] == ["COLLECT.too_large", "COLLECT.not_found"]
    assert "网页或Word文档中的标签数" in result.findings[0].message
