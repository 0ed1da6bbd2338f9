from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    label = "annual"
    verbose_name = _("年度报告")
    url_prefix = "annual"

    def ready(self) -> None:
        from gongkai.annual import dashboard, demo
        from gongkai.annual.constants import AnnualEvent
        from gongkai.audit import events

        events.register(AnnualEvent)
        dashboard.register_panels()
        demo.register()
