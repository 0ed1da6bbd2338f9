from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_guard(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Put the triggers back if a migration rebuilt an audit table (SQLite does that)."""
    from gongkai.audit import guard

    connection = connections[using]
    if guard.ENTRY_TABLE in connection.introspection.table_names():
        guard.install(connection)


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    label = "audit"
    verbose_name = _("审计日志")
    url_prefix = "audit"

    def ready(self) -> None:
        from gongkai.audit import dashboard, events
        from gongkai.audit.constants import AccountEvent, AdminEvent

        events.register(AdminEvent)
        events.register(AccountEvent)
        dashboard.register_panels()
        post_migrate.connect(_ensure_guard, sender=self, dispatch_uid="gongkai.audit.guard")
