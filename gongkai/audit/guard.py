"""Database-level protection of the audit tables: triggers that refuse UPDATE and DELETE.

Installed by migration 0002 and re-checked after every `migrate` (SQLite drops a table's triggers when a
migration rebuilds the table). On databases other than PostgreSQL and SQLite nothing is installed; the
model and queryset refusals and the hash chain still apply. A database owner can always drop triggers:
they are a guard against accidents and casual edits, the hash chain is what reveals tampering.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ENTRY_TABLE = "audit_auditentry"
HEAD_TABLE = "audit_audithead"
MESSAGE = "gongkai: the audit log is append-only"

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION gongkai_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
    END $$;
    """,
    f"""
    CREATE OR REPLACE FUNCTION gongkai_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
            RAISE EXCEPTION '{MESSAGE} (chain head may only move forward)' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END $$;
    """,
    f"DROP TRIGGER IF EXISTS gongkai_audit_entry_append_only ON {ENTRY_TABLE}",
    f"""CREATE TRIGGER gongkai_audit_entry_append_only BEFORE UPDATE OR DELETE ON {ENTRY_TABLE}
        FOR EACH ROW EXECUTE FUNCTION gongkai_audit_refuse_change()""",
    f"DROP TRIGGER IF EXISTS gongkai_audit_head_forward_only ON {HEAD_TABLE}",
    f"""CREATE TRIGGER gongkai_audit_head_forward_only BEFORE UPDATE OR DELETE ON {HEAD_TABLE}
        FOR EACH ROW EXECUTE FUNCTION gongkai_audit_head_forward_only()""",
]
_POSTGRES_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS gongkai_audit_entry_append_only ON {ENTRY_TABLE}",
    f"DROP TRIGGER IF EXISTS gongkai_audit_head_forward_only ON {HEAD_TABLE}",
    "DROP FUNCTION IF EXISTS gongkai_audit_refuse_change()",
    "DROP FUNCTION IF EXISTS gongkai_audit_head_forward_only()",
]
_POSTGRES_TRIGGERS = ("gongkai_audit_entry_append_only", "gongkai_audit_head_forward_only")

_SQLITE_TRIGGERS = {
    "gongkai_audit_entry_no_update": f"BEFORE UPDATE ON {ENTRY_TABLE}",
    "gongkai_audit_entry_no_delete": f"BEFORE DELETE ON {ENTRY_TABLE}",
    "gongkai_audit_head_no_delete": f"BEFORE DELETE ON {HEAD_TABLE}",
    "gongkai_audit_head_forward_only": (
        f"BEFORE UPDATE ON {HEAD_TABLE} "
        "WHEN NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash)"
    ),
}


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_UNINSTALL
    if vendor == "sqlite":
        if install:
            return [
                f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
                for name, when in _SQLITE_TRIGGERS.items()
            ]
        return [f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_TRIGGERS]
    return []


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)


def is_installed(connection: Any) -> bool | None:
    """True/False on PostgreSQL and SQLite; None where the guard is not supported."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) AND NOT tgisinternal",
                [list(_POSTGRES_TRIGGERS)],
            )
            return bool(cursor.fetchone()[0] == len(_POSTGRES_TRIGGERS))
        if connection.vendor == "sqlite":
            placeholders = ", ".join("%s" for _ in _SQLITE_TRIGGERS)
            cursor.execute(
                f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({placeholders})",
                list(_SQLITE_TRIGGERS),
            )
            return bool(cursor.fetchone()[0] == len(_SQLITE_TRIGGERS))
    return None


@contextmanager
def suspended(connection: Any) -> Iterator[None]:
    """Maintenance only (tests that wipe the database, repairs): lift the guard, then put it back."""
    uninstall(connection)
    try:
        yield
    finally:
        install(connection)
