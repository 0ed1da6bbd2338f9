"""The annual report's deadline defaults by kind (条例 第四十九条): a 县级以上地方人民政府's own report by
31 March, its departments (and, by default, townships) by 31 January."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.orgs import services
from gongkai.orgs.constants import OrgKind
from gongkai.orgs.credit_code import check_character
from gongkai.orgs.models import Organisation, User

pytestmark = pytest.mark.django_db


def _code(n: int) -> str:
    body = f"1100000000000000{n}"
    return body + check_character(body)


def test_a_new_county_government_is_due_31_march_and_a_department_31_january() -> None:
    root = User.objects.create_superuser("root", password="x")
    county = services.create_org(actor=root, name="另一县人民政府", kind=OrgKind.COUNTY_GOV,
                                 credit_code=_code(1))
    department = services.create_org(actor=root, name="另一县财政局", kind=OrgKind.DEPARTMENT, parent=county,
                                     credit_code=_code(2))
    assert county.report_deadline(2025) == dt.date(2026, 3, 31)  # 第四十九条第二款
    assert department.report_deadline(2025) == dt.date(2026, 1, 31)  # 第四十九条第一款
    chosen = services.create_org(actor=root, name="某乡", kind=OrgKind.TOWNSHIP, parent=county,
                                 credit_code=_code(3), report_deadline_month=1, report_deadline_day=20)
    assert Organisation.objects.get(pk=chosen.pk).report_deadline(2025) == dt.date(2026, 1, 20)  # a local date


def test_existing_county_governments_move_to_31_march_unless_a_local_date_was_chosen() -> None:  # 第四十九条第二款
    from importlib import import_module

    from django.apps import apps

    migration = import_module("gongkai.orgs.migrations.0002_county_government_report_deadline")
    root = User.objects.create_superuser("root", password="x")
    old = services.create_org(actor=root, name="旧县人民政府", kind=OrgKind.COUNTY_GOV, credit_code=_code(4),
                              report_deadline_month=1, report_deadline_day=31)  # as created before the default
    local = services.create_org(actor=root, name="本县人民政府", kind=OrgKind.COUNTY_GOV, credit_code=_code(5),
                                report_deadline_month=2, report_deadline_day=28)
    department = services.create_org(actor=root, name="旧县财政局", kind=OrgKind.DEPARTMENT, parent=old,
                                     credit_code=_code(6))
    migration.to_government_deadline(apps, None)
    assert Organisation.objects.get(pk=old.pk).report_deadline(2025) == dt.date(2026, 3, 31)
    assert Organisation.objects.get(pk=local.pk).report_deadline(2025) == dt.date(2026, 2, 28)
    assert Organisation.objects.get(pk=department.pk).report_deadline(2025) == dt.date(2026, 1, 31)
