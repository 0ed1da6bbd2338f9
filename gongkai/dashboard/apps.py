from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "gongkai.dashboard"
    label = "dashboard"
    verbose_name = _("工作台")
    url_prefix = "dashboard"

    def ready(self) -> None:
        from gongkai.dashboard.registry import NavItem, register_nav

        register_nav(NavItem(key="dashboard", label=_("工作台"), url_name="dashboard:home", order=0))
