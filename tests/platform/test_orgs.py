"""Organisations and people: the 统一社会信用代码 check, the hierarchy, the services and their forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.orgs import credit_code, services
from gongkai.orgs.constants import OrgEvent, OrgKind, Role
from gongkai.orgs.demo import demo_credit_code
from gongkai.orgs.models import Membership, Organisation, User


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110108551385082Q"])
def test_credit_code_check_character_gb32100(code):
    # GB 32100-2015 §5: the standard's own example and a published company code
    assert credit_code.validate(code) == code
    assert credit_code.check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "应为18位"),
        ("91350100M000100Y44", "最后一位应为“3”"),
        ("91350100M0001O0Y43", "不允许的字符“O”"),
        ("9135A100M000100Y43", "行政区划码"),
    ],
)
def test_credit_code_errors_say_what_is_wrong(code, message):
    with pytest.raises(credit_code.CreditCodeError, match=message):
        credit_code.validate(code)


def test_credit_code_accepts_full_width_and_spaces_after_normalising():
    assert credit_code.validate("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"
    assert credit_code.validate(" 91350100m000100y43 ") == "91350100M000100Y43"


def test_demo_codes_are_valid():
    assert all(credit_code.is_valid(demo_credit_code(n)) for n in range(1, 50))


@pytest.mark.django_db
def test_organisation_rules(demo, org):
    county, dazhai = org("某县人民政府"), org("大寨乡")
    assert dazhai.supervising_org == county  # defaults to the parent
    assert org("大寨乡农业综合服务站").supervising_org == dazhai
    assert dazhai.report_deadline(2024).isoformat() == "2025-01-31"  # 条例 第四十九条 default
    assert dazhai.index_code == dazhai.credit_code

    station = Organisation(name="错位站", kind=OrgKind.STATION, credit_code=demo_credit_code(90), parent=county)
    with pytest.raises(ValidationError) as error:
        station.full_clean()
    assert "上级应为" in str(error.value.message_dict["parent"])

    county.supervising_org = org("大寨乡农业综合服务站")
    with pytest.raises(ValidationError) as error:
        county.full_clean()
    assert "循环" in str(error.value.message_dict["supervising_org"])

    dazhai.report_deadline_month, dazhai.report_deadline_day = 2, 29
    with pytest.raises(ValidationError) as error:
        dazhai.full_clean()
    assert "report_deadline_day" in error.value.message_dict

    bad = Organisation(name="代码错", kind=OrgKind.TOWNSHIP, credit_code="11990001MB0000099X", parent=county)
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "校验码不符" in str(error.value.message_dict["credit_code"])


@pytest.mark.django_db
def test_services_check_rights_and_write_the_trail(demo, org):
    dazhai, admin = org("大寨乡"), User.objects.get(username="dazhai_admin")
    handler = User.objects.get(username="dazhai_handler")
    with pytest.raises(PermissionDenied):
        services.update_org(dazhai, actor=handler, data={"office_fax": "1"})
    with pytest.raises(PermissionDenied):
        services.create_org(actor=admin, name="新乡", kind=OrgKind.TOWNSHIP, credit_code=demo_credit_code(70))
    with pytest.raises(ValidationError):
        services.update_org(dazhai, actor=admin, data={"name": "改名"})

    person = services.create_person(dazhai, actor=admin, username="dazhai_new", full_name="新人",
                                    password="Long-enough-9", roles=[Role.HANDLER, Role.REVIEWER_FIRST])
    assert set(Membership.objects.filter(user=person).values_list("role", flat=True)) == {"handler", "reviewer_first"}
    created = AuditEntry.objects.filter(event=OrgEvent.PERSON_CREATED, object_id=str(person.pk)).get()
    assert "password" not in created.after and created.actor_username == "dazhai_admin"
    changed = AuditEntry.objects.filter(event=OrgEvent.ROLES_CHANGED, object_id=str(person.pk)).get()
    assert changed.before == {"roles": []} and changed.after == {"roles": ["handler", "reviewer_first"]}

    with pytest.raises(ValidationError, match="至少要保留一名管理员"):
        services.set_roles(dazhai, admin, [Role.HANDLER], actor=admin)


@pytest.mark.django_db
def test_person_in_charge_must_belong_to_the_organisation(demo, org):
    dazhai, admin = org("大寨乡"), User.objects.get(username="dazhai_admin")
    outsider = User.objects.get(username="shiqiao_handler")
    with pytest.raises(ValidationError, match="专人须是本机关的工作人员"):
        services.update_org(dazhai, actor=admin, data={"person_in_charge": outsider})


@pytest.mark.django_db
def test_forms_answer_bad_input_in_chinese_per_field(demo, org, client_for):
    dazhai = org("大寨乡")
    client = client_for("dazhai_admin")
    response = client.post(f"/orgs/{dazhai.pk}/edit/", {
        "office_postcode": "12", "office_email": "not-an-email", "online_channel": "::",
        "report_deadline_month": 13, "report_deadline_day": 31,
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "邮政编码应为6位数字" in page
    assert "请输入合法的邮件地址" in page and "请输入合法的URL" in page
    assert "确保该值小于或等于12" in page
    response = client.post(f"/orgs/{dazhai.pk}/edit/", {"report_deadline_month": 2, "report_deadline_day": 30})
    assert response.status_code == 200 and "不是有效的日期" in response.content.decode()

    response = client.post(f"/orgs/{dazhai.pk}/people/add/", {
        "username": "dazhai_handler", "full_name": "", "password": "123", "roles": [],
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个用户名已被使用" in page and "请至少选择一个角色" in page and "请填写姓名" in page
    assert "密码" in page and ("太短" in page or "至少" in page)

    response = client.post(f"/orgs/{dazhai.pk}/people/add/", {
        "username": "dazhai_clerk", "full_name": "李四", "password": "Clerk-2024-ok", "roles": ["handler"],
    })
    assert response.status_code == 302
    assert User.objects.get(username="dazhai_clerk").check_password("Clerk-2024-ok")


@pytest.mark.django_db
def test_api_rejects_an_impossible_deadline_with_a_field_error(demo, org, api_for):
    dazhai = org("大寨乡")
    response = api_for("dazhai_admin").patch(
        f"/api/orgs/{dazhai.pk}/", {"report_deadline_month": 2, "report_deadline_day": 30}, format="json"
    )
    assert response.status_code == 400
    assert "不是有效的日期" in str(response.json()["report_deadline_day"])
    response = api_for("dazhai_admin").patch(f"/api/orgs/{dazhai.pk}/", {"report_deadline_month": 13}, format="json")
    assert response.status_code == 400 and "report_deadline_month" in response.json()
