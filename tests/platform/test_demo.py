"""`gongkai demo`'s data: a small county with 大寨乡, staff in every role, loaded idempotently."""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.orgs.constants import AccountType, OrgKind, Role
from gongkai.orgs.credit_code import is_valid
from gongkai.orgs.models import Membership, Organisation, User
from gongkai.web import demo as demo_module

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (Organisation.objects.count(), User.objects.count(), Membership.objects.count(),
            AuditEntry.objects.count())


def test_demo_county(demo, org):
    dazhai = org("大寨乡")
    assert dazhai.kind == OrgKind.TOWNSHIP and dazhai.parent == org("某县人民政府")
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrgKind.values)
    assert Organisation.objects.filter(kind=OrgKind.TOWNSHIP).count() >= 3
    assert org("大寨乡农业综合服务站").parent == dazhai
    assert all(is_valid(code) for code in Organisation.objects.values_list("credit_code", flat=True))
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    dazhai_roles = set(Membership.objects.filter(org=dazhai).values_list("role", flat=True))
    assert dazhai_roles == set(Role.values) - {Role.SUPERVISOR}
    assert User.objects.filter(account_type=AccountType.APPLICANT).exists()
    assert User.objects.get(username="sysadmin").is_superuser
    assert all(o.person_in_charge_id for o in Organisation.objects.all())
    assert User.objects.get(username="dazhai_handler").check_password(demo_module.DEMO_PASSWORD)


def test_demo_loads_idempotently(demo):
    before = counts()
    again = demo_module.load_all()
    assert counts() == before
    assert len(again.logins) == len(demo.logins)


def test_demo_does_not_overwrite_changes(demo, org):
    Organisation.objects.filter(name="大寨乡").update(office_phone="0000-1111111")
    demo_module.load_all()
    assert org("大寨乡").office_phone == "0000-1111111"


def test_logins_table_lists_every_account(demo):
    table = demo_module.logins_table(demo)
    for login in demo.logins:
        assert login.username in table
    assert "dazhai_handler" in table and "经办人" in table


def test_later_apps_add_their_loaders(demo):
    calls: list[str] = []
    demo_module.register("zz_test", lambda ctx: calls.append(ctx.org("大寨乡").name), order=99)
    try:
        demo_module.load_all()
    finally:
        demo_module._loaders.pop("zz_test")
    assert calls == ["大寨乡"]
