"""Public pages read from a replica of the database when one is configured (GONGKAI_REPLICA_DATABASE_URL).

A page of GONGKAI_PUBLIC_PAGES requested by a visitor who is not logged in (gongkai.web.conditional)
runs inside `public_reads()`; its reads go to the "replica" alias. Everything else — staff pages, every
write, migrations — uses "default", the primary. A replica lags the primary by a moment: the public
pages may show a change that much later, the staff who made it see it at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings

__all__ = ["REPLICA", "PublicReadRouter", "public_reads", "reading_public", "replica_configured"]

REPLICA = "replica"
_public: ContextVar[bool] = ContextVar("gongkai_public_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reading_public() -> bool:
    return _public.get()


@contextlib.contextmanager
def public_reads() -> Iterator[None]:
    token = _public.set(True)
    try:
        yield
    finally:
        _public.reset(token)


class PublicReadRouter:
    """Reads of the public pages to the replica; nothing else is routed (None: Django's default)."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _public.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # the replica follows the primary's schema by replication
