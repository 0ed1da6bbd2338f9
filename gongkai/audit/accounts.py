"""Audit entries for credentials: passwords and API tokens. Never the secret itself.

A token's key is its primary key and its text, so the entry's object is the token's owner, not the
token: the key must not be readable in the log.
"""

from __future__ import annotations

from typing import Any

from gongkai.audit.constants import AccountEvent
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record

__all__ = ["password_changed", "password_set", "token_created", "token_deleted"]


def password_set(user: Any, *, actor: Any, via: str) -> AuditEntry:
    """Someone (an operator, or the system for a command) set `user`'s password."""
    return record(AccountEvent.PASSWORD_SET, actor=actor, obj=user,
                  after={"usable_password": user.has_usable_password()}, message=via)


def password_changed(user: Any) -> AuditEntry:
    """The person changed their own password."""
    return record(AccountEvent.PASSWORD_CHANGED, actor=user, obj=user, message="本人修改")


def token_created(user: Any, *, actor: Any, via: str) -> AuditEntry:
    return record(AccountEvent.TOKEN_CREATED, actor=actor, obj=user, after={"token_of": user.get_username()},
                  message=via)


def token_deleted(user: Any, *, actor: Any, via: str) -> AuditEntry:
    return record(AccountEvent.TOKEN_DELETED, actor=actor, obj=user, before={"token_of": user.get_username()},
                  message=via)
