"""The hash chain: the canonical bytes of an entry and its SHA-256. No Django imports.

hash(entry) = sha256(canonical JSON of the entry's fields, including prev_hash). Changing any field of
any entry changes its hash; the next entry's prev_hash then no longer matches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

# The fields that enter the hash, in the entry as stored. Adding one needs a new chain version.
HASHED_FIELDS = (
    "seq",
    "created_at",
    "event",
    "actor_user_id",
    "actor_username",
    "actor_name",
    "org_id",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "message",
    "prev_hash",
)
CHAIN_VERSION = 1


def timestamp(value: dt.datetime) -> str:
    """UTC, microseconds: the same text whatever the database returns the value as."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(fields: dict[str, Any]) -> bytes:
    """Sorted keys, no whitespace, UTF-8: one byte string per entry content."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["created_at"] = timestamp(payload["created_at"])
    payload["v"] = CHAIN_VERSION
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(fields)).hexdigest()
