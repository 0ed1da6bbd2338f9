"""The audit trail (操作日志): append-only, each entry chained to the previous by a SHA-256 hash.

The one door in: `gongkai.audit.services.record(event, *, actor, obj, org, before, after, message)`.
The check: `gongkai.audit.services.verify()` (and `gongkai audit verify`), against the checkpoints
that `gongkai.audit.checkpoints` writes outside the database.
"""
