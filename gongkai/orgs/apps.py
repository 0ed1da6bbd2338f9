from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"
    verbose_name = _("机关与人员")
    url_prefix = "orgs"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.orgs import dashboard, demo
        from gongkai.orgs.constants import OrgEvent

        events.register(OrgEvent)
        dashboard.register_panels()
        demo.register()
