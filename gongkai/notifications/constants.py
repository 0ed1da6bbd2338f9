"""Audit events and states of the outbox."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailEvent(models.TextChoices):
    """Audit events of this app."""

    RETRIED = "notifications.mail.retried", _("重新发送邮件")
    PREFERENCE_CHANGED = "notifications.preference.changed", _("修改邮件通知设置")


class MailState(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


MAX_ATTEMPTS = 6  # then the mail waits, marked failed, for a person to send it again
BACKOFF_BASE_SECONDS = 60  # 1, 2, 4, 8, 16 minutes between attempts
