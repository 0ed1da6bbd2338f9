from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _published(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """A report version just published: re-check it for open notices (after the publication commits)."""
    if created and not raw:
        from gongkai.oversight.services import recheck

        transaction.on_commit(lambda: recheck(instance))


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    label = "oversight"
    verbose_name = _("督促整改")
    url_prefix = "oversight"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.oversight import dashboard, demo
        from gongkai.oversight.constants import BulletinEvent, OversightEvent

        events.register(OversightEvent)
        events.register(BulletinEvent)
        dashboard.register_panels()
        demo.register()
        post_save.connect(_published, sender="annual.ReportVersion", dispatch_uid="oversight.recheck")
