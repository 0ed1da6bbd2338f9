from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = _("意见征集与回应关切")
    url_prefix = "consultations"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.consultations import dashboard, demo
        from gongkai.consultations.constants import ConsultationEvent

        events.register(ConsultationEvent)
        dashboard.register_panels()
        demo.register()
