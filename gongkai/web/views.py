"""Site-wide views: login, error pages, the health check and the API's local documentation page."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Django's LoginView puts the request's host in `site_name`; the page shows the site's own name
        return {**super().get_context_data(**kwargs), "site_name": settings.GONGKAI_SITE_NAME}


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("请求无法处理，请检查填写的内容后重试。"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, _("您没有进行此项操作的权限。上级机关的监督人员只能查看，不能修改。"))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("没有找到这个页面，或者您无权查看。"))


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the error may come from the database they would query.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the reverse proxy and monitoring: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@lru_cache(maxsize=1)
def _schema_operations() -> list[dict[str, Any]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for route, item in sorted(schema.get("paths", {}).items()):
        for method in HTTP_METHODS:
            if method in item:
                operation = item[method]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": route,
                        "summary": operation.get("summary") or operation.get("description", ""),
                        "tag": ", ".join(operation.get("tags", [])),
                    }
                )
    return operations


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    """A plain page listing the API's operations, with the OpenAPI file to download (no CDN assets)."""
    return render(request, "api_docs.html", {"operations": _schema_operations()})
