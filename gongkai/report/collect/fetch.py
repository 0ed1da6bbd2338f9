"""Fetching agencies' pages politely: robots.txt, one request at a time per host, a delay, timeouts, size limits.

The client is the standard library's `urllib.request`, not httpx: it needs no new dependency, gives
a socket timeout that bounds both the connect and every read (a slow host ends in `timeout` seconds
of silence), and lets us switch off its own redirect handling so that redirects are followed here,
counted and checked against robots.txt one by one. The body is read in chunks and abandoned at the
first byte past the reading limit (`limits.file_bytes`), whatever Content-Length says.
"""

from __future__ import annotations

import email.utils
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from gongkai.report.read import limits

USER_AGENT = "gongkai-collect/1.0 (gongkai annual report checker; robots.txt honoured)"
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A page that could not be fetched; `rule` is the finding's id, `message` says why in Chinese."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators sent still hold
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ").lower()
        return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx reaches us as an HTTPError; `Fetcher.get` follows it itself


@dataclass
class Fetcher:
    """One polite client for a whole run: `get` waits its turn per host and honours robots.txt."""

    delay: float = 1.0  # seconds between two requests to the same host (robots.txt's Crawl-delay if longer)
    timeout: float = 20.0  # seconds to connect, and of silence while reading
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0  # made in this run, robots.txt included
    _hosts: dict[str, threading.Lock] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, repr=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """The page at `url`, redirects followed (at most MAX_REDIRECTS, no loops); raises FetchError.

        With `etag` / `last_modified` of a stored copy, the request is conditional and an unchanged
        page answers 304 with no body.
        """
        seen = [url]
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url)
            response = self._once(url, etag=etag, last_modified=last_modified)
            if response.status not in (301, 302, 303, 307, 308):
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError("COLLECT.http", f"网页转向（HTTP {response.status}）但未给出新地址：{url}")
            url = urllib.parse.urljoin(url, location)
            if url in seen:
                chain = " → ".join([*seen, url])
                raise FetchError("COLLECT.redirects", f"网页转向形成循环，未能取得：{chain}")
            seen.append(url)
        raise FetchError("COLLECT.redirects", f"网页转向超过{MAX_REDIRECTS}次，未能取得：{seen[0]}")

    def _host_lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._hosts.setdefault(host, threading.Lock())

    def _once(self, url: str, *, etag: str | None, last_modified: str | None, robots: bool = False) -> Response:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("COLLECT.http", f"不是网页地址：{url}")
        host = parts.netloc.lower()
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        with self._host_lock(host):  # one request at a time per host
            wait = self._last.get(host, -1e9) + self._delay(host, robots) - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                return self._send(request, url)
            finally:
                self._last[host] = time.monotonic()

    def _send(self, request: urllib.request.Request, url: str) -> Response:
        self.requests += 1
        try:
            raw = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            headers = {k.lower(): v for k, v in exc.headers.items()}
            exc.close()
            if exc.code in (301, 302, 303, 304, 307, 308):
                return Response(url, exc.code, headers)
            raise FetchError("COLLECT.http", f"网站答复HTTP {exc.code}（{exc.reason}）：{url}") from None
        except TimeoutError:
            raise FetchError("COLLECT.timeout", f"网站在{self.timeout:g}秒内没有答复：{url}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise FetchError("COLLECT.timeout", f"网站在{self.timeout:g}秒内没有答复：{url}") from None
            raise FetchError("COLLECT.network", f"无法连接网站（{exc.reason}）：{url}") from None
        except OSError as exc:
            raise FetchError("COLLECT.network", f"无法连接网站（{exc}）：{url}") from None
        with raw:
            headers = {k.lower(): v for k, v in raw.headers.items()}
            return Response(raw.geturl(), raw.status, headers, self._body(raw, headers, url))

    def _body(self, raw: object, headers: Mapping[str, str], url: str) -> bytes:
        """The body, abandoned past the limit (declared or counted) and on a read timeout."""
        most = limits.current().file_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > most:
            raise FetchError("COLLECT.too_large", _too_large(int(declared), most, url))
        parts: list[bytes] = []
        size = 0
        try:
            while chunk := raw.read(_CHUNK):  # type: ignore[attr-defined]
                size += len(chunk)
                if size > most:
                    raise FetchError("COLLECT.too_large", _too_large(size, most, url))
                parts.append(chunk)
        except TimeoutError:
            raise FetchError("COLLECT.timeout", f"网站在{self.timeout:g}秒内没有发完内容：{url}") from None
        except OSError as exc:
            raise FetchError("COLLECT.network", f"读取网站内容时连接中断（{exc}）：{url}") from None
        return b"".join(parts)

    def _delay(self, host: str, robots: bool) -> float:
        if robots:
            return self.delay
        parser = self._robots.get(host)
        crawl_delay = parser.crawl_delay(self.user_agent) if parser is not None else None
        return max(self.delay, float(crawl_delay or 0))

    def _check_robots(self, url: str) -> None:
        """robots.txt of the host, fetched once per run (missing or unreadable: everything allowed)."""
        parts = urllib.parse.urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            self._robots[host] = self._load_robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
        parser = self._robots[host]
        if parser is not None and not parser.can_fetch(self.user_agent, url):
            raise FetchError("COLLECT.robots", f"网站的robots.txt不允许抓取此网页，未抓取：{url}")

    def _load_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            response = self._once(robots_url, etag=None, last_modified=None, robots=True)
        except FetchError as exc:
            if exc.rule == "COLLECT.http" and any(f"HTTP {code}" in exc.message for code in (401, 403)):
                parser.disallow_all = True
                return parser
            return None
        if response.status != 200:
            return None
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _too_large(size: int, most: int, url: str) -> str:
    return (
        f"网站内容超过{most / limits.MiB:,.1f} MB的上限（已达{size / limits.MiB:,.1f} MB），已停止下载"
        f'（设置项 GONGKAI_READ_LIMITS["file_bytes"]）：{url}'
    )


def http_date(timestamp: float) -> str:
    """A Last-Modified style date (tests and the store)."""
    return email.utils.formatdate(timestamp, usegmt=True)
