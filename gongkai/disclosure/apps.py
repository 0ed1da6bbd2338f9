from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    label = "disclosure"
    verbose_name = _("转主动公开与不予公开信息管理")
    url_prefix = "disclosure"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.disclosure import dashboard, demo
        from gongkai.disclosure.constants import DisclosureEvent

        events.register(DisclosureEvent)
        dashboard.register_panels()
        demo.register()
