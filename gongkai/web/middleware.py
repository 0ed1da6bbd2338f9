"""Small request/response middleware: a hard cap on request size, a Content-Security-Policy header,
and the choice of language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body exceeds GONGKAI_MAX_UPLOAD_BYTES with 413, before reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.GONGKAI_MAX_UPLOAD_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            message = _("提交的内容过大（上限 %(mb)d MB），请压缩或分批上传。") % {"mb": limit // (1024 * 1024)}
            body = render_to_string("error.html", {"status": 413, "message": message}, request=None)
            return HttpResponse(body, status=413)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Only this site's own scripts, styles and images: no CDN, no inline script (the admin is exempt)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/") and not request.path.startswith("/api/"):
            response.headers.setdefault("Content-Security-Policy", settings.GONGKAI_CONTENT_SECURITY_POLICY)
        return response


class LanguageMiddleware:
    """Chinese unless the person chose another language with the switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which would show English to
    staff whose browsers happen to be set to English; here the choice is explicit.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        with translation.override(language):  # and back afterwards: the thread serves others next
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
