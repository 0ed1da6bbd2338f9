"""The audit trail anchored outside the database (issue 13): the chain head is written to a checkpoint
file every N entries, at the first entry of each day and by `verify`/`backup`; `gongkai audit verify`
compares the log with every checkpoint and fails when the append-only triggers are missing."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from django.core import mail
from django.db import connection, transaction

from gongkai.audit import checkpoints, guard
from gongkai.audit.constants import GENESIS_HASH
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import head, record, verify
from gongkai.cli import main
from gongkai.orgs.constants import OrgEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(django_capture_on_commit_callbacks):
    """Twelve committed entries (their on-commit checkpoint hooks run as in production)."""
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(1, 13):
            record(OrgEvent.ORG_UPDATED, actor=None, message=f"第 {number} 次修改")


def checkpoint_lines() -> list[dict[str, object]]:
    return [json.loads(line) for line in checkpoints.path().read_text(encoding="utf-8").splitlines()]


def tamper(sql: str, params: list[object] | None = None) -> None:
    """What someone with database access would do: lift the triggers, change the tables."""
    with guard.suspended(connection), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def rewrite_and_rehash(seq: int, message: str) -> None:
    """Change entry `seq` and recompute the hash of it and of every later entry, and the head."""
    prev = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS_HASH
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        if entry.seq == seq:
            entry.message = message
        entry.prev_hash = prev
        entry.hash = entry.compute_hash()
        tamper("UPDATE audit_auditentry SET message = %s, prev_hash = %s, hash = %s WHERE seq = %s",
               [entry.message, entry.prev_hash, entry.hash, entry.seq])
        prev = entry.hash
    tamper("UPDATE audit_audithead SET seq = %s, hash = %s", [AuditEntry.objects.count(), prev])


def test_a_checkpoint_is_written_at_the_days_first_entry_and_every_n_entries(
    settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_AUDIT_CHECKPOINT_EVERY = 5
    previous_umask = os.umask(0)  # the file is owner-only whatever the umask
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(12):
                record(OrgEvent.ORG_UPDATED, actor=None, message=str(number))
    finally:
        os.umask(previous_umask)
    lines = checkpoint_lines()
    assert [(line["seq"], line["reason"]) for line in lines] == [(1, "daily"), (5, "every-5"), (10, "every-5")]
    assert lines[-1]["hash"] == AuditEntry.objects.get(seq=10).hash
    assert stat.S_IMODE(checkpoints.path().stat().st_mode) == 0o600


def test_a_new_day_starts_with_a_checkpoint(settings, django_capture_on_commit_callbacks):
    yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat(timespec="seconds")
    checkpoints.path().write_text(json.dumps({"seq": 0, "hash": GENESIS_HASH, "at": yesterday}) + "\n")
    with django_capture_on_commit_callbacks(execute=True):
        first = record(OrgEvent.ORG_UPDATED, actor=None)
        record(OrgEvent.ORG_UPDATED, actor=None)
    assert [(line["seq"], line["hash"]) for line in checkpoint_lines()[1:]] == [(first.seq, first.hash)]


def test_a_rolled_back_entry_is_never_anchored(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        record(OrgEvent.ORG_UPDATED, actor=None)
        raise RuntimeError("the change fails after its entry was written")
    assert not checkpoints.path().exists()


def test_checkpoints_are_e_mailed_to_the_supervising_office(settings, log):
    settings.GONGKAI_AUDIT_CHECKPOINT_EMAILS = ["jiandu@county.gov.cn"]
    seq, hash_ = head()
    assert main(["audit", "verify"]) == 0
    [message] = mail.outbox
    assert message.to == ["jiandu@county.gov.cn"] and f"第 {seq} 条" in message.subject
    assert f"--expect-head {seq}:{hash_}" in message.body


def test_a_clean_log_passes_and_verify_writes_the_days_checkpoint(log, capsys):
    assert main(["audit", "verify"]) == 0
    assert "审计日志完整" in capsys.readouterr().out
    assert (checkpoint_lines()[-1]["seq"], checkpoint_lines()[-1]["reason"]) == (12, "verify")
    assert main(["audit", "verify"]) == 0  # the same head is not written twice
    assert len(checkpoint_lines()) == 2  # the day's first entry, then verify


def test_cutting_the_tail_and_moving_the_head_back_fails_verify(log, capsys):
    assert main(["audit", "verify"]) == 0  # anchors entry 12
    tamper("DELETE FROM audit_auditentry WHERE seq > 10")
    tamper("UPDATE audit_audithead SET seq = 10, hash = %s", [AuditEntry.objects.get(seq=10).hash])
    assert verify().ok  # the database alone no longer shows it …
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1  # … the checkpoint does
    err = capsys.readouterr().err
    assert "检查点记下了第 12 条，现只有 10 条" in err


def test_rewriting_an_entry_and_rehashing_the_rest_fails_verify(log, capsys):
    assert main(["audit", "verify"]) == 0
    rewrite_and_rehash(4, "改写过的说明")
    assert verify().ok  # a consistent chain again …
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1  # … but not the one written down
    assert "第 12 条与检查点记下的哈希不符" in capsys.readouterr().err


def test_missing_triggers_fail_verify(log, capsys):
    guard.uninstall(connection)
    try:
        assert main(["audit", "verify"]) == 1
        assert "防篡改触发器缺失" in capsys.readouterr().err
        assert main(["audit", "verify", "--json"]) == 1
        assert json.loads(capsys.readouterr().out)["guard_installed"] is False
    finally:
        guard.install(connection)
    assert main(["audit", "verify"]) == 0


def test_an_edited_checkpoint_file_fails_verify(log, capsys):
    assert main(["audit", "verify"]) == 0
    with checkpoints.path().open("a", encoding="utf-8") as handle:
        handle.write("seq=3\n")
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    assert "无法读取" in capsys.readouterr().err


def test_a_checkpoint_kept_elsewhere_can_be_given(log, tmp_path, capsys):
    kept = tmp_path / "mailed-checkpoints.jsonl"
    checkpoints.write(*head(), "copy", target=kept)
    tamper("DELETE FROM audit_auditentry WHERE seq = 12")
    tamper("UPDATE audit_audithead SET seq = 11, hash = %s", [AuditEntry.objects.get(seq=11).hash])
    checkpoints.path().unlink()  # the data directory's file lost as well
    assert main(["audit", "verify", "--checkpoint-file", str(kept)]) == 1
    assert main(["audit", "verify", "--checkpoint-file", str(tmp_path / "missing")]) == 2


def test_a_restore_anchors_its_head_and_sets_aside_checkpoints_it_does_not_contain(log):
    """An older backup restored after a loss: the later checkpoints prove entries were lost; they are
    kept beside, not silently dropped, and the restored log verifies again."""
    from gongkai.web.backup import _anchor_restored

    checkpoints.write(12, AuditEntry.objects.get(seq=12).hash, "daily")
    checkpoints.write(30, "f" * 64, "every-10")  # written before the loss, beyond the restored log
    seq, hash_ = head()
    note = _anchor_restored(seq, hash_)
    assert "第 30 条" in note and "已移到" in note
    [aside] = checkpoints.path().parent.glob("audit-checkpoints.jsonl.before-restore-*")
    assert '"seq": 30' in aside.read_text(encoding="utf-8")
    assert [(p.seq, p.reason) for p in checkpoints.read()] == [(seq, "restore")]
    assert verify(anchors=[(p.seq, p.hash) for p in checkpoints.read()]).ok


def test_a_restore_keeps_checkpoints_that_match(log):
    from gongkai.web.backup import _anchor_restored

    assert main(["audit", "verify"]) == 0  # anchors the current head: nothing new to add
    before = checkpoints.read()
    assert _anchor_restored(*head()) == ""
    assert checkpoints.read() == before
