from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The project itself as an app: base templates, static files, translations."""

    name = "gongkai.web"
    label = "web"
    verbose_name = _("平台")
    url_prefix = None
