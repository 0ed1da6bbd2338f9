"""Small request/response middleware: a hard cap on request size, a guard on query parameters and path
values, a Content-Security-Policy header, and the choice of language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from gongkai.web import languages
from gongkai.web.params import MAX_ID, BadParameter


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


def _has_control_character(text: str) -> bool:
    return any(ord(char) < 32 or ord(char) == 127 for char in text)


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """400 with the message: JSON under /api/, the site's error page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
    body = render_to_string("error.html", {"status": 400, "message": message}, request=request)
    return HttpResponse(body, status=400)


class InputGuardMiddleware:
    """Malformed input is refused before any view or query sees it.

    - a path with a control character (NUL …) matches nothing: 404;
    - a query parameter with a control character, or longer than GONGKAI_MAX_PARAMETER_CHARS: 400;
    - a whole number in the path beyond a 64-bit key, or a year in the path that is no calendar year: 404;
    - `BadParameter` raised by a view (see `gongkai.web.params`): 400 with its message.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_control_character(request.path):
            raise Http404
        limit: int = settings.GONGKAI_MAX_PARAMETER_CHARS
        for name, values in request.GET.lists():
            if _has_control_character(name) or any(_has_control_character(value) for value in values):
                return bad_request(request, _("查询参数“%(name)s”含有控制字符（如 NUL），请删除后重试。")
                                   % {"name": name[:40]})
            if len(name) > limit or any(len(value) > limit for value in values):
                return bad_request(request, _("查询参数“%(name)s”过长（上限 %(limit)d 个字符）。")
                                   % {"name": name[:40], "limit": limit})
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]) -> None:
        for name, value in kwargs.items():
            if isinstance(value, int) and value > MAX_ID:
                raise Http404
            if name == "year" and isinstance(value, int) and not 1000 <= value <= 9999:
                raise Http404

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BadParameter):
            return bad_request(request, exception.message)
        return None


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
            shown = translation.get_language()
        response.headers.setdefault("Content-Language", shown)
        patch_vary_headers(response, ["Cookie"])
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]) -> None:
        """A page of an app not complete in the chosen language is shown wholly in Chinese, with a note."""
        match = request.resolver_match
        if request.LANGUAGE_CODE != settings.LANGUAGE_CODE and languages.is_chinese_only(match):  # type: ignore[attr-defined]
            request.chinese_only_note = languages.note(match)  # type: ignore[attr-defined]
            translation.activate(settings.LANGUAGE_CODE)
