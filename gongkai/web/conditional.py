"""Public pages from the cache, with ETag / Last-Modified, for visitors who are not logged in.

A page listed in GONGKAI_PUBLIC_PAGES (URL names) requested with GET or HEAD by a visitor without a
session or messages cookie is stored after its first rendering under the public version
(gongkai.web.cache), the day (有效性 labels depend on it), the language and the full path. Later
requests get the stored page; a browser that sends the page's ETag (If-None-Match) or a date no older
than the version (If-Modified-Since) gets 304 Not Modified and no body.

The language switch form on every page carries a CSRF token: the stored page keeps a placeholder in
its place, and each response gets the visitor's own token (so the cookie and the form match).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from gongkai.web import cache as public_cache
from gongkai.web import routers

__all__ = ["PublicPageCacheMiddleware"]

TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
PLACEHOLDER = b"\x00csrf\x00"


def _cacheable_request(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in cookies
            and "messages" not in cookies)


class PublicPageCacheMiddleware:
    """Serve and store the public pages (after the auth, CSRF and messages middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _key(self, request: HttpRequest, version: int) -> str:
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"gongkai:page:{version}:{timezone.localdate():%Y%m%d}:{language}:{digest}"

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.view_name not in settings.GONGKAI_PUBLIC_PAGES or not _cacheable_request(request):
            return None
        version = public_cache.current()
        request._public_page = (self._key(request, version), version)  # type: ignore[attr-defined]
        stored = cache.get(request._public_page[0])  # type: ignore[attr-defined]
        if stored is None:
            request._public_reads = routers.public_reads()  # type: ignore[attr-defined]
            request._public_reads.__enter__()  # type: ignore[attr-defined]  # the view reads from the replica
            return None
        body, content_type, etag = stored
        response = HttpResponse(body.replace(PLACEHOLDER, get_token(request).encode()), content_type=content_type)
        response["X-Gongkai-Cache"] = "hit"
        return self._conditional(request, response, etag, version)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            reads = getattr(request, "_public_reads", None)
            if reads is not None:
                reads.__exit__(None, None, None)
        page = getattr(request, "_public_page", None)
        if page is None or response.has_header("X-Gongkai-Cache"):
            return response
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        key, version = page
        stored = TOKEN.sub(lambda m: m.group(1) + PLACEHOLDER + m.group(3), response.content)
        etag = f'"{hashlib.sha256(stored).hexdigest()[:32]}"'
        cache.set(key, (stored, response["Content-Type"], etag), settings.GONGKAI_PUBLIC_CACHE_SECONDS)
        response["X-Gongkai-Cache"] = "miss"
        return self._conditional(request, response, etag, version)

    def _conditional(self, request: HttpRequest, response: HttpResponse, etag: str, version: int) -> HttpResponse:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(version // 1_000_000_000)
        patch_cache_control(response, no_cache=True)  # the browser keeps it and asks again (→ 304)
        patch_vary_headers(response, ["Cookie"])
        answer = get_conditional_response(
            request, etag=etag, last_modified=version // 1_000_000_000, response=response)
        return answer
