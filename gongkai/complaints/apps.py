from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "gongkai.complaints"
    label = "complaints"
    verbose_name = _("投诉举报")
    url_prefix = "complaints"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.complaints import dashboard, demo
        from gongkai.complaints.constants import ComplaintEvent

        events.register(ComplaintEvent)
        dashboard.register_panels()
        demo.register()
