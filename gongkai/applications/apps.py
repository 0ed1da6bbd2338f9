from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = _("依申请公开")
    url_prefix = "requests"

    def ready(self) -> None:
        from gongkai.applications import dashboard, demo
        from gongkai.applications.constants import RequestEvent
        from gongkai.applications.holidays import HolidayEvent
        from gongkai.audit import events

        events.register(RequestEvent)
        events.register(HolidayEvent)
        dashboard.register_panels()
        demo.register()
