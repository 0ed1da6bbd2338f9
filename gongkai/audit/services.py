"""The one door to the audit trail (`record`), its check (`verify`), and helpers to describe objects.

    from gongkai.audit.services import record, snapshot

    before = snapshot(request_obj, ["state", "due_date"])
    request_obj.state = "extended"; request_obj.save()
    record(RequestEvent.EXTENDED, actor=user, obj=request_obj,
           before=before, after=snapshot(request_obj, ["state", "due_date"]))

Call it inside the transaction that makes the change: both are committed together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.audit import checkpoints, events, guard
from gongkai.audit.constants import GENESIS_HASH, HEAD_PK
from gongkai.audit.models import AuditEntry, AuditHead

__all__ = ["VerifyResult", "changes", "head", "record", "snapshot", "verify"]


def _json_ready(value: Any) -> Any:
    """Exactly what the JSON column will give back: dates, decimals and UUIDs as text."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The named fields of a model instance (all concrete fields by default), ready for the log.

    Foreign keys are given as the related object's primary key.
    """
    chosen = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if chosen is not None and field.name not in chosen:
            continue
        data[field.name] = field.value_from_object(obj)
    if chosen is not None and (missing := chosen - set(data)):
        raise ValueError(f"{obj._meta.label} has no field(s) {sorted(missing)}")
    return _json_ready(data)


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, as a (before, after) pair."""
    keys = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _now_ms() -> Any:
    """Now, to the millisecond: Django's JSON serialiser (dumpdata, backups) keeps no finer precision,
    and a restored entry must hash exactly as it did."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _org_of(obj: models.Model | None) -> Any:
    if obj is None:
        return None
    if obj._meta.label == "orgs.Organisation":
        return obj
    return getattr(obj, "org", None)


def record(
    event: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    org: Any = None,
    before: Any = None,
    after: Any = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry to the log and move the chain head onto it.

    `actor` is the user who acted, or None for the system (commands, scheduled jobs, the demo loader).
    `org` defaults to the object's organisation (`obj.org`, or obj itself if it is an Organisation).
    """
    if not events.is_registered(event):
        raise events.UnknownAuditEvent(f"audit event {event!r} is not registered (see gongkai.audit.events)")
    org = org if org is not None else _org_of(obj)
    with transaction.atomic():
        AuditHead.objects.bulk_create([AuditHead(pk=HEAD_PK, seq=0, hash=GENESIS_HASH)], ignore_conflicts=True)
        chain_head = AuditHead.objects.select_for_update().get(pk=HEAD_PK)
        authenticated = actor is not None and getattr(actor, "is_authenticated", False)
        entry = AuditEntry(
            seq=chain_head.seq + 1,
            created_at=_now_ms(),
            event=str(event),
            actor_user_id=actor.pk if authenticated else None,
            actor_username=actor.get_username() if authenticated else "",
            actor_name=(actor.get_full_name() if authenticated else "")[:100],
            org_id=org.pk if org is not None else None,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            before=_json_ready(before),
            after=_json_ready(after),
            message=message,
            prev_hash=chain_head.hash,
        )
        entry.hash = entry.compute_hash()
        entry._inserting_through_record = True  # type: ignore[attr-defined]
        entry.save(force_insert=True)
        chain_head.seq, chain_head.hash = entry.seq, entry.hash
        chain_head.save(update_fields=["seq", "hash"])
        # Only a committed entry may be anchored: a rolled-back one would make every later verify fail.
        transaction.on_commit(partial(checkpoints.after_record, entry.seq, entry.hash))
    return entry


def head() -> tuple[int, str]:
    """(sequence number, hash) of the last entry; (0, genesis) for an empty log."""
    row = AuditHead.objects.filter(pk=HEAD_PK).first()
    return (row.seq, row.hash) if row else (0, GENESIS_HASH)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    broken_seq: int | None = None
    problem: str = ""

    @property
    def checkpoint(self) -> str:
        """`SEQ:HASH`, to note down and pass back later as `--expect-head`."""
        return f"{self.head_seq}:{self.head_hash}"


def verify(
    *, expected_head: tuple[int, str] | None = None, anchors: Iterable[tuple[int, str]] = ()
) -> VerifyResult:
    """Walk the whole log in order and report the first entry that is missing, edited, or out of chain.

    `anchors` are (seq, hash) pairs written down earlier outside the database (the checkpoint file, a
    backup manifest, an e-mailed checkpoint; `expected_head` is one more): each must still match, so
    entries cut from the end together with the chain head, or rewritten and re-hashed, are found.
    The log also fails when the database's append-only triggers are missing.
    """
    known: dict[int, set[str]] = {}
    for seq, hash_ in [*anchors, *([expected_head] if expected_head else [])]:
        known.setdefault(seq, set()).add(hash_)
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0

    def broken(seq: int, problem: str) -> VerifyResult:
        return VerifyResult(False, checked, expected_seq - 1, prev_hash, seq, problem)

    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return broken(expected_seq, f"第 {expected_seq} 条记录缺失（其后一条是第 {entry.seq} 条）：记录被删除。")
        if entry.prev_hash != prev_hash:
            return broken(
                entry.seq,
                f"第 {entry.seq} 条与前一条的链接断开：第 {entry.seq - 1} 条被修改，或第 {entry.seq} 条被修改。",
            )
        if entry.compute_hash() != entry.hash:
            return broken(entry.seq, f"第 {entry.seq} 条的内容与其哈希不符：记录被修改。")
        if known.get(entry.seq, {entry.hash}) != {entry.hash}:
            return broken(
                entry.seq, f"第 {entry.seq} 条与检查点记下的哈希不符：日志被改写（此后各条被重新计算了哈希）。"
            )
        prev_hash, checked = entry.hash, checked + 1
        expected_seq += 1
    last_seq = expected_seq - 1
    row = AuditHead.objects.filter(pk=HEAD_PK).first()
    if row is None and last_seq > 0:
        return broken(last_seq, "链头记录缺失：日志被改动。")
    if row is not None and (row.seq, row.hash) != (last_seq, prev_hash):
        if row.seq > last_seq:
            problem = f"日志末尾的第 {last_seq + 1}–{row.seq} 条记录被删除。"
        else:
            problem = f"链头（第 {row.seq} 条）与最后一条记录（第 {last_seq} 条）不符：日志被改动。"
        return broken(last_seq + 1, problem)
    if known and (highest := max(known)) > last_seq:
        return broken(
            last_seq + 1, f"检查点记下了第 {highest} 条，现只有 {last_seq} 条：末尾的记录连同链头被删除。"
        )
    if guard.is_installed(connection) is False:
        return broken(
            last_seq + 1,
            "数据库中的防篡改触发器缺失（被删除）：运行 gongkai serve 或 gongkai manage migrate 重新安装。",
        )
    return VerifyResult(True, checked, last_seq, prev_hash)
