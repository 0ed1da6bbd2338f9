"""The site's URLs: each gongkai app is mounted under its AppConfig.url_prefix; the API under /api/."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.utils.module_loading import module_has_submodule
from drf_spectacular.views import SpectacularAPIView

from gongkai.audit.views import AuditedPasswordChangeView, admin_password_change
from gongkai.web import views
from gongkai.web.api import discover_api_modules


def app_urls() -> list[URLResolver]:
    """`<prefix>/` → `<app>.urls` (namespace = app label) for every gongkai app that has both."""
    patterns = []
    for config in apps.get_app_configs():
        prefix = getattr(config, "url_prefix", None)
        wanted = config.name in settings.GONGKAI_APPS and prefix is not None
        if wanted and module_has_submodule(config.module, "urls"):
            route = f"{prefix}/" if prefix else ""
            patterns.append(path(route, include((f"{config.name}.urls", config.label))))
    # the public portal owns the root; mount it last so other prefixes win
    return sorted(patterns, key=lambda p: str(p.pattern) == "")


admin.site.site_header = admin.site.site_title = f"{settings.GONGKAI_SITE_NAME}（后台）"
admin.site.site_url = "/dashboard/"

api_patterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.api_docs, name="docs"),
    path("", include(discover_api_modules().urls)),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        AuditedPasswordChangeView.as_view(template_name="registration/password_change.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/password_change/", admin.site.admin_view(admin_password_change)),  # audited; same URL name
    path("admin/", admin.site.urls),
    path("api/", include((api_patterns, "api"))),
    path("healthz", views.healthz, name="healthz"),
    *app_urls(),
]

handler400 = "gongkai.web.views.bad_request"
handler403 = "gongkai.web.views.permission_denied"
handler404 = "gongkai.web.views.page_not_found"
handler500 = "gongkai.web.views.server_error"
