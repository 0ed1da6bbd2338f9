"""Demo data: a fictitious county (某县) with 大寨乡, other townships, a street, departments and a 站所,
and staff in every role. Codes are fictitious (region 990001) but pass the GB 32100-2015 check.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from gongkai.orgs.constants import AccountType, OrgKind, Role
from gongkai.orgs.credit_code import check_character
from gongkai.web.demo import DemoContext, DemoLogin
from gongkai.web.demo import register as register_loader

COUNTY = "某县人民政府"
REGION = "990001"  # not a real administrative division code


def demo_credit_code(serial: int) -> str:
    """11 (机构编制, 机关) + region + a 9-character organisation code + the check character."""
    first17 = f"11{REGION}MB{serial:07d}"
    return first17 + check_character(first17)


@dataclass(frozen=True)
class DemoOrg:
    name: str
    kind: OrgKind
    parent: str | None
    office: str
    phone: str
    serial: int
    short_name: str = ""


ORGS = (
    DemoOrg(COUNTY, OrgKind.COUNTY_GOV, None, "某县人民政府办公室（县政务公开办）", "0000-6120001", 1, "某县"),
    DemoOrg("某县教育局", OrgKind.DEPARTMENT, COUNTY, "某县教育局办公室", "0000-6120101", 2, "县教育局"),
    DemoOrg("某县财政局", OrgKind.DEPARTMENT, COUNTY, "某县财政局办公室", "0000-6120102", 3, "县财政局"),
    DemoOrg("某县自然资源局", OrgKind.DEPARTMENT, COUNTY, "某县自然资源局办公室", "0000-6120103", 4, "县自然资源局"),
    DemoOrg("大寨乡", OrgKind.TOWNSHIP, COUNTY, "大寨乡党政综合办公室", "0000-6120201", 5),
    DemoOrg("石桥镇", OrgKind.TOWNSHIP, COUNTY, "石桥镇党政综合办公室", "0000-6120202", 6),
    DemoOrg("河口镇", OrgKind.TOWNSHIP, COUNTY, "河口镇党政综合办公室", "0000-6120203", 7),
    DemoOrg("城关街道办事处", OrgKind.STREET, COUNTY, "城关街道党政综合办公室", "0000-6120204", 8, "城关街道"),
    DemoOrg("大寨乡农业综合服务站", OrgKind.STATION, "大寨乡", "大寨乡农业综合服务站", "0000-6120211", 9),
)

# username, name, organisation, roles; the first of each organisation's handlers is its 专人
PEOPLE: tuple[tuple[str, str, str, tuple[Role, ...]], ...] = (
    ("county_supervisor", "李明", COUNTY, (Role.SUPERVISOR,)),
    ("county_head", "陈红", COUNTY, (Role.OFFICE_HEAD,)),
    ("county_admin", "刘洋", COUNTY, (Role.ADMIN,)),
    ("county_handler", "黄丽", COUNTY, (Role.HANDLER,)),
    ("dazhai_handler", "王芳", "大寨乡", (Role.HANDLER,)),
    ("dazhai_reviewer1", "赵强", "大寨乡", (Role.REVIEWER_FIRST,)),
    ("dazhai_reviewer2", "孙丽", "大寨乡", (Role.REVIEWER_SECOND,)),
    ("dazhai_reviewer3", "周伟", "大寨乡", (Role.REVIEWER_FINAL,)),
    ("dazhai_head", "吴静", "大寨乡", (Role.OFFICE_HEAD,)),
    ("dazhai_admin", "郑浩", "大寨乡", (Role.ADMIN,)),
    ("dazhai_station_handler", "冯涛", "大寨乡农业综合服务站", (Role.HANDLER, Role.ADMIN)),
    ("shiqiao_handler", "何敏", "石桥镇", (Role.HANDLER,)),
    ("shiqiao_admin", "罗军", "石桥镇", (Role.ADMIN, Role.OFFICE_HEAD)),
    ("hekou_handler", "高燕", "河口镇", (Role.HANDLER, Role.ADMIN)),
    ("chengguan_handler", "林峰", "城关街道办事处", (Role.HANDLER, Role.ADMIN)),
    ("edu_handler", "梁静", "某县教育局", (Role.HANDLER,)),
    ("edu_admin", "宋杰", "某县教育局", (Role.ADMIN, Role.OFFICE_HEAD)),
    ("finance_handler", "唐颖", "某县财政局", (Role.HANDLER, Role.ADMIN)),
    ("land_handler", "韩冰", "某县自然资源局", (Role.HANDLER, Role.ADMIN)),
    ("api_portal", "县门户网站（接口）", COUNTY, (Role.SUPERVISOR,)),
)


def load_county(ctx: DemoContext) -> None:
    """Create what is missing; never overwrite what a demo user has changed."""
    from rest_framework.authtoken.models import Token

    from gongkai.audit.services import record, snapshot
    from gongkai.orgs import services
    from gongkai.orgs.constants import OrgEvent
    from gongkai.orgs.models import Membership, Organisation, User

    orgs: dict[str, Organisation] = {}
    for spec in ORGS:
        org = Organisation.objects.filter(credit_code=demo_credit_code(spec.serial)).first()
        if org is None:
            org = services.create_org(
                actor=None,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                credit_code=demo_credit_code(spec.serial),
                parent=orgs[spec.parent] if spec.parent else None,
                office_name=spec.office,
                office_phone=spec.phone,
                office_address=f"某县{spec.short_name or spec.name}办公楼",
                office_hours="工作日 8:30–12:00，14:30–17:30",
                sort_order=spec.serial * 10,
            )
        orgs[spec.name] = org

    password_hash = make_password(ctx.password)  # one hash for all demo accounts: loading stays fast
    for username, name, org_name, roles in PEOPLE:
        org = orgs[org_name]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": name, "password": password_hash, "email": f"{username}@example.com"},
        )  # an address each, so the demo's outbox shows who is told of what
        if created:
            record(OrgEvent.PERSON_CREATED, actor=None, obj=user, org=org,
                   after=snapshot(user, services.PERSON_FIELDS), message="演示数据")
        if created or not Membership.objects.filter(user=user, org=org).exists():
            services.set_roles(org, user, roles, actor=None)
        if Role.HANDLER in roles and org.person_in_charge_id is None:
            services.update_org(org, actor=None, data={"person_in_charge": user})
        ctx.logins.append(DemoLogin(username, name, org.name, "、".join(str(r.label) for r in roles)))

    User.objects.get_or_create(
        username="sysadmin",
        defaults={"full_name": "平台运维", "password": password_hash, "is_staff": True, "is_superuser": True},
    )
    ctx.logins.append(DemoLogin("sysadmin", "平台运维", "（全部，含后台 /admin/）", "系统管理员"))
    User.objects.get_or_create(
        username="applicant_zhang",
        defaults={"full_name": "张三", "password": password_hash, "account_type": AccountType.APPLICANT},
    )
    ctx.logins.append(DemoLogin("applicant_zhang", "张三", "（公众）", "申请人"))

    token, _ = Token.objects.get_or_create(user=User.objects.get(username="api_portal"))
    ctx.notes.append(f"接口令牌（api_portal，只读）：Authorization: Token {token.key}")


def register() -> None:
    register_loader("orgs", load_county, order=10)
