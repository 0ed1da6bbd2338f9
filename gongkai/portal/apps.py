from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = _("公众门户")
    url_prefix = ""  # the site's root

    def ready(self) -> None:
        from gongkai.web import cache

        cache.watch()  # the public pages' version follows what they show
