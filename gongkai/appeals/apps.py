from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = _("行政复议与行政诉讼")
    url_prefix = "appeals"

    def ready(self) -> None:
        from gongkai.appeals.constants import AppealEvent
        from gongkai.audit import events
        from gongkai.dashboard.registry import NavItem, register_nav

        events.register(AppealEvent)
        register_nav(NavItem(key="appeals", label=_("复议诉讼"), url_name="appeals:list", order=40))
