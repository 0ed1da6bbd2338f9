from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = _("主动公开")
    url_prefix = "publishing"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.publishing import dashboard, demo
        from gongkai.publishing.constants import ItemEvent, PublishingEvent

        events.register(PublishingEvent)
        events.register(ItemEvent)
        dashboard.register_panels()
        demo.register()
