"""The audit trail: append-only, hash-chained; `gongkai audit verify` finds any edited or deleted entry."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import json

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.audit import guard
from gongkai.audit.constants import GENESIS_HASH
from gongkai.audit.events import UnknownAuditEvent
from gongkai.audit.models import AppendOnlyError, AuditEntry, AuditHead
from gongkai.audit.services import head, record, verify
from gongkai.cli import main
from gongkai.orgs.constants import OrgEvent
from gongkai.orgs.models import Organisation, User

pytestmark = pytest.mark.django_db


def raw(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def tamper(sql: str, params: list[object] | None = None) -> None:
    """What someone with database access would do: lift the triggers, change the table."""
    with guard.suspended(connection):
        raw(sql, params)


def test_entries_are_chained_from_genesis(demo):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in itertools.pairwise(entries):
        assert entry.prev_hash == previous.hash
        assert entry.hash == entry.compute_hash()
    assert head() == (entries[-1].seq, entries[-1].hash)
    assert verify().ok


def test_record_keeps_who_when_what_before_after(demo, org):
    admin = User.objects.get(username="dazhai_admin")
    dazhai = org("大寨乡")
    entry = record(OrgEvent.ORG_UPDATED, actor=admin, obj=dazhai,
                   before={"office_phone": "1"}, after={"office_phone": "2"})
    stored = AuditEntry.objects.get(seq=entry.seq)
    assert (stored.actor_username, stored.actor_name) == ("dazhai_admin", "郑浩")
    assert stored.org_id == dazhai.pk and stored.object_type == "orgs.organisation"
    assert stored.object_id == str(dazhai.pk) and stored.object_repr == "大寨乡"
    assert (stored.before, stored.after) == ({"office_phone": "1"}, {"office_phone": "2"})
    assert stored.created_at <= dt.datetime.now(dt.UTC)
    assert stored.event_label == "修改机关信息"


def test_values_survive_the_json_column_unchanged(demo):
    """Dates, decimals, nested data and Chinese text hash the same after the database gives them back."""
    value = {"日期": dt.date(2024, 2, 28), "金额": decimal.Decimal("12.50"), "比例": 0.25,
             "列表": [1, "二", None, True], "嵌套": {"b": 1, "a": [{"z": "甲"}]}}
    entry = record(OrgEvent.ORG_UPDATED, actor=None, before=value, after={"x": 1})
    assert AuditEntry.objects.get(seq=entry.seq).compute_hash() == entry.hash
    assert verify().ok


def test_unknown_event_is_refused(db):
    with pytest.raises(UnknownAuditEvent):
        record("orgs.org.renamed_by_typo", actor=None)


def test_models_and_querysets_refuse_change(demo):
    entry = AuditEntry.objects.first()
    entry.message = "改"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=1).update(message="改")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=1).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry(seq=999, created_at=entry.created_at, prev_hash="x", hash="y").save()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET message = 'x' WHERE seq = 3",
        "DELETE FROM audit_auditentry WHERE seq = 3",
        "DELETE FROM audit_audithead",
        "UPDATE audit_audithead SET seq = seq - 1",
        "UPDATE audit_audithead SET hash = 'x'",
    ],
)
def test_database_triggers_refuse_change(demo, sql):
    assert guard.is_installed(connection)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw(sql)
    assert verify().ok


def test_guard_is_reinstalled_by_migrate(demo):
    from django.core.management import call_command

    guard.uninstall(connection)
    assert not guard.is_installed(connection)
    call_command("migrate", verbosity=0)
    assert guard.is_installed(connection)


def test_verify_finds_an_edited_entry(demo):
    tamper("UPDATE audit_auditentry SET after = %s WHERE seq = 5", [json.dumps({"roles": ["admin"]})])
    result = verify()
    assert not result.ok and result.broken_seq == 5 and result.checked == 4
    assert "第 5 条" in result.problem and "被修改" in result.problem


def test_verify_finds_an_edited_entry_whose_hash_was_recomputed(demo):
    entry = AuditEntry.objects.get(seq=5)
    entry.message = "改过"
    tamper("UPDATE audit_auditentry SET message = %s, hash = %s WHERE seq = 5", ["改过", entry.compute_hash()])
    result = verify()
    assert not result.ok and result.broken_seq == 6
    assert "第 5 条被修改" in result.problem


def test_verify_finds_a_deleted_entry(demo):
    tamper("DELETE FROM audit_auditentry WHERE seq = 7")
    result = verify()
    assert not result.ok and result.broken_seq == 7 and "缺失" in result.problem


def test_verify_finds_entries_deleted_from_the_end(demo):
    last, _ = head()
    tamper("DELETE FROM audit_auditentry WHERE seq > %s", [last - 2])
    result = verify()
    assert not result.ok and result.broken_seq == last - 1
    assert f"第 {last - 1}–{last} 条" in result.problem


def test_verify_with_a_checkpoint_finds_the_end_cut_together_with_the_head(demo):
    checkpoint = head()
    last = checkpoint[0]
    previous = AuditEntry.objects.get(seq=last - 1).hash
    tamper("DELETE FROM audit_auditentry WHERE seq = %s", [last])
    tamper("UPDATE audit_audithead SET seq = %s, hash = %s", [last - 1, previous])
    assert verify().ok  # without an outside reference the cut end cannot be seen …
    result = verify(expected_head=checkpoint)  # … with one it can
    assert not result.ok and result.broken_seq == last


def test_cli_audit_verify_exit_codes(demo, capsys):
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "审计日志完整" in out
    checkpoint = out.strip().rsplit("：", 1)[-1]
    assert main(["audit", "verify", "--expect-head", checkpoint]) == 0
    capsys.readouterr()

    tamper("UPDATE audit_auditentry SET actor_username = 'someone_else' WHERE seq = 2")
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "校验失败" in err and "第 2 条" in err
    assert main(["audit", "verify", "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False and result["broken_seq"] == 2
    assert main(["audit", "verify", "--expect-head", "nonsense"]) == 2


def test_audit_page_shows_before_and_after(demo, org, client_for):
    dazhai = org("大寨乡")
    client = client_for("dazhai_admin")
    response = client.post(f"/orgs/{dazhai.pk}/edit/", {
        "office_name": dazhai.office_name, "office_phone": "0000-6129999",
        "report_deadline_month": 1, "report_deadline_day": 25,
    })
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(org=dazhai, event=OrgEvent.ORG_UPDATED).first()
    assert entry.actor_username == "dazhai_admin"
    assert entry.before["office_phone"] == "0000-6120201" and entry.after["office_phone"] == "0000-6129999"
    assert entry.after["report_deadline_day"] == 25
    page = client.get(f"/audit/{entry.seq}/").content.decode()
    assert "0000-6129999" in page and "修改机关信息" in page
    assert Organisation.objects.get(pk=dazhai.pk).report_deadline(2024) == dt.date(2025, 1, 25)
    assert AuditHead.objects.get().seq == entry.seq
