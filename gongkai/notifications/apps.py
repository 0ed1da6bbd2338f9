from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    label = "notifications"
    verbose_name = _("邮件通知")
    url_prefix = "mail"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from gongkai.audit import events
        from gongkai.audit.models import AuditEntry
        from gongkai.dashboard.registry import NavItem, register_nav
        from gongkai.notifications import hooks
        from gongkai.notifications.constants import MailEvent

        events.register(MailEvent)
        post_save.connect(hooks.entry_recorded, sender=AuditEntry, dispatch_uid="gongkai.notifications.entry")
        register_nav(NavItem(key="notifications", label=_("邮件"), url_name="notifications:outbox", order=95))
