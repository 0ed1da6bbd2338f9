from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "gongkai.findings"
    label = "findings"
    verbose_name = _("检查问题与区域比对")
    url_prefix = "findings"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.dashboard.registry import NavItem, register_nav
        from gongkai.findings import demo
        from gongkai.findings.constants import FindingEvent

        events.register(FindingEvent)
        register_nav(NavItem(key="findings.regions", label=_("区域比对"), url_name="findings:regions", order=55))
        demo.register()
