"""A local agency website on 127.0.0.1 for the collect tests, built from the dev corpus's real pages.

Every agency of tests/fixtures/real-reports gets a 政府信息公开年报 column (a list page) linking its
reports; each report page carries the published page text (GBK with a <meta> charset, GBK declared only
in the HTTP header, or UTF-8), the real saved page 012 is served as it was published, two reports are
published only as an attachment (DOCX, XLSX) behind their page, and the traps: robots.txt disallowing
/private/, a page built by script, a redirect loop, a 404, a 50 MB body, a host that never answers.
The server answers ETag / Last-Modified validators with 304 and counts what it served.
"""

from __future__ import annotations

import hashlib
import html
import http.server
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.report.collect.fetch import http_date
from gongkai.report.read import read_path
from gongkai.report.render import render

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "real-reports"
ATTACHMENT_ONLY = {"013_pingtan_jiaotongjianshe_2024.txt": "docx", "014_pingtan_gonganju_2024.txt": "xlsx"}
HUGE = 50 * 1024 * 1024 + 1
TRAPS = ("/private/index.html", "/script/index.html", "/loop/a.html", "/missing/index.html", "/huge/index.html",
         "/slow/index.html")  # fmt: skip


def agency_of(name: str) -> str:
    return name.split("_")[2]


def year_of(name: str) -> int:
    return int(re.search(r"_(\d{4})", name).group(1))  # type: ignore[union-attr]


def report_files() -> list[Path]:
    """The corpus's page text files (012, the saved web page of 011's report, is served as its own page)."""
    return sorted(p for p in CORPUS.glob("0*.txt"))


def _page(title: str, inner: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{html.escape(title)}_政府信息公开年报</title></head><body>"
        f'<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>'
        f"<h1>{html.escape(title)}</h1>{inner}</body></html>"
    )


@dataclass
class Site:
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> body, content type
    served: Counter[tuple[str, int]] = field(default_factory=Counter)  # (path, status) -> times
    release: threading.Event = field(default_factory=threading.Event)
    start_urls: list[str] = field(default_factory=list)  # paths
    expected: dict[tuple[str, int], Path] = field(default_factory=dict)  # (start path, year) -> corpus file

    def put(self, path: str, body: bytes, content_type: str = "text/html") -> None:
        self.pages[path] = (body, content_type)


def build_site() -> Site:
    site = Site()
    by_agency: dict[str, list[tuple[str, str]]] = {}
    for index, path in enumerate(report_files()):
        raw = path.read_text("utf-8")
        head, _, text = raw.partition("==================== 正文 ====================")
        title = head.splitlines()[0].split(": ", 1)[1]
        agency, year = agency_of(path.name), year_of(path.name)
        page_path = f"/{agency}/zfxxgknb/t{year}_{index:03d}.htm"
        if path.name in ATTACHMENT_ONLY:
            suffix = ATTACHMENT_ONLY[path.name]
            report = read_path(path).report
            assert report is not None
            site.put(f"/{agency}/att/{year}.{suffix}", render(report, suffix), "application/octet-stream")  # type: ignore[arg-type]
            inner = f'<p>附件：<a href="../att/{year}.{suffix}">{html.escape(title)}.{suffix}</a></p>'
            site.put(page_path, _page(title, inner, "utf-8").encode("utf-8"), "text/html; charset=utf-8")
        else:
            inner = f'<div class="article"><p>{html.escape(text.strip())}</p></div>'
            if index % 3 == 0:  # GBK declared in the page
                body, ctype = _page(title, inner, "gbk").encode("gb18030"), "text/html"
            elif index % 3 == 1:  # GBK declared only in the HTTP header
                body, ctype = _page(title, inner, None).encode("gb18030"), "text/html; charset=GBK"
            else:
                body, ctype = _page(title, inner, "utf-8").encode("utf-8"), "text/html; charset=utf-8"
            site.put(page_path, body, ctype)
        by_agency.setdefault(agency, []).append((title, page_path))
        site.expected[f"/{agency}/zfxxgknb/index.html", year] = path
    for agency, reports in by_agency.items():
        items = "".join(f'<li><a href="{p.rsplit("/", 1)[1]}">{html.escape(t)}</a></li>' for t, p in reports)
        noise = '<li><a href="budget.htm">2023年部门预算公开</a></li><li><a href="/">返回首页</a></li>'
        inner = f'<ul class="list">{items}{noise}</ul>'
        site.put(f"/{agency}/zfxxgknb/index.html", _page("政府信息公开年报", inner, "utf-8").encode(), "text/html")
        site.start_urls.append(f"/{agency}/zfxxgknb/index.html")
    saved = CORPUS / "012_pingtan_ziranziyuan_2023_page.html"
    site.put("/saved/t20240130_86684.htm", saved.read_bytes(), "text/html")
    site.start_urls.append("/saved/t20240130_86684.htm")
    site.expected["/saved/t20240130_86684.htm", 2023] = saved
    # traps
    site.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.put("/private/index.html", _page("某局2023年政府信息公开工作年度报告", "<p>不许抓取</p>", "utf-8").encode())
    script = '<!DOCTYPE html><html><head><title>政府信息公开年报</title><script src="/app.js"></script></head>'
    script += '<body><div id="app"></div><script>load()</script></body></html>'
    site.put("/script/index.html", script.encode())
    return site


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        self.site.served[self.path, status] += 1
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/loop/a.html":
            return self._send(302, {"Location": "/loop/b.html", "Content-Length": "0"})
        if path == "/loop/b.html":
            return self._send(302, {"Location": "a.html", "Content-Length": "0"})
        if path == "/slow/index.html":
            self.site.served[path, 0] += 1
            self.site.release.wait()  # set at teardown; the client's timeout ends the request before
            return None
        if path == "/huge/index.html":
            self.site.served[path, 200] += 1
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * (1024 * 1024 - 3)
            try:
                for _ in range(HUGE // len(chunk) + 1):
                    self.wfile.write(chunk)
            except OSError:  # the client stopped reading at its limit
                pass
            return None
        if path not in self.site.pages:
            return self._send(404, {"Content-Length": "0"})
        body, ctype = self.site.pages[path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = http_date(1_700_000_000)
        validators = {"ETag": etag} if "zfxxgknb/t" not in path or "2019" in path else {"Last-Modified": modified}
        if self.headers.get("If-None-Match") == etag or (
            "ETag" not in validators and self.headers.get("If-Modified-Since") == modified
        ):
            return self._send(304, validators)
        return self._send(200, {"Content-Type": ctype, "Content-Length": str(len(body)), **validators}, body)


class LocalSite:
    """The site served on a free port of 127.0.0.1 in a thread; `url(path)`."""

    def __init__(self, site: Site) -> None:
        self.site = site
        handler = type("SiteHandler", (Handler,), {"site": site})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.site.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
