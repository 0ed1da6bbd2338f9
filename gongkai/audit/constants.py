"""Audit constants: the chain's genesis value and the events the audit app itself writes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64  # prev_hash of entry 1
HEAD_PK = 1  # the single chain-head row


class AdminEvent(models.TextChoices):
    """Changes made through Django's admin site (operators' corrections)."""

    CREATED = "admin.object.created", _("后台新建")
    CHANGED = "admin.object.changed", _("后台修改")
    DELETED = "admin.object.deleted", _("后台删除")


class AccountEvent(models.TextChoices):
    """Passwords and API tokens, set by an operator (admin site, `gongkai manage`) or the person."""

    PASSWORD_SET = "accounts.password.set", _("设置密码")
    PASSWORD_CHANGED = "accounts.password.changed", _("修改本人密码")
    TOKEN_CREATED = "accounts.token.created", _("创建接口令牌")
    TOKEN_DELETED = "accounts.token.deleted", _("删除接口令牌")
