"""Changes to organisations and people: each checks the actor's right, validates, and writes the audit trail.

`actor=None` means the system itself (the demo loader, a command run by the operator).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import changes, record, snapshot
from gongkai.law.report_deadlines import default_report_deadline
from gongkai.orgs import permissions
from gongkai.orgs.constants import AccountType, OrgEvent, OrgKind, Role
from gongkai.orgs.models import Membership, Organisation, User

# What an organisation's own administrators may change; structure (kind, parent, code) is the operators'.
EDITABLE_ORG_FIELDS = (
    "short_name",
    "office_name",
    "office_address",
    "office_postcode",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "online_channel",
    "person_in_charge",
    "report_deadline_month",
    "report_deadline_day",
)
PERSON_FIELDS = ("username", "full_name", "phone", "email", "account_type", "is_active")


def _require(actor: Any, allowed: bool) -> None:
    if actor is not None and not allowed:
        raise PermissionDenied(_("您没有进行此项操作的权限。"))


@transaction.atomic
def create_org(*, actor: Any, **fields: Any) -> Organisation:
    """A new organisation (operators only: superusers or the system)."""
    _require(actor, bool(actor is not None and actor.is_superuser))
    if "report_deadline_month" not in fields and "report_deadline_day" not in fields:  # 条例 第四十九条
        month, day = default_report_deadline(local_government_above_county=fields.get("kind") == OrgKind.COUNTY_GOV)
        fields = {**fields, "report_deadline_month": month, "report_deadline_day": day}
    org = Organisation(**fields)
    org.full_clean()
    org.save()
    record(OrgEvent.ORG_CREATED, actor=actor, obj=org, after=snapshot(org))
    return org


@transaction.atomic
def update_org(org: Organisation, *, actor: Any, data: dict[str, Any]) -> Organisation:
    """Change the organisation's own information (its administrators and office head)."""
    _require(actor, permissions.can_manage_org(actor, org))
    unknown = set(data) - set(EDITABLE_ORG_FIELDS)
    if unknown:
        raise ValidationError(_("这些项目不能在此修改：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    before = snapshot(org, EDITABLE_ORG_FIELDS)
    for name, value in data.items():
        setattr(org, name, value)
    if org.person_in_charge_id and not Membership.objects.filter(org=org, user_id=org.person_in_charge_id).exists():
        raise ValidationError({"person_in_charge": _("专人须是本机关的工作人员。")})
    org.full_clean()
    org.save()
    old, new = changes(before, snapshot(org, EDITABLE_ORG_FIELDS))
    if new:
        record(OrgEvent.ORG_UPDATED, actor=actor, obj=org, before=old, after=new)
    return org


def _clean_roles(roles: Iterable[str]) -> set[str]:
    chosen = set(roles)
    unknown = chosen - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("未知的角色：%(roles)s") % {"roles": "、".join(sorted(unknown))}})
    return chosen


@transaction.atomic
def create_person(
    org: Organisation,
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str,
    roles: Iterable[str],
    phone: str = "",
    email: str = "",
) -> User:
    """A new staff account holding `roles` in `org` (the organisation's administrators)."""
    _require(actor, permissions.can_manage_people(actor, org))
    chosen = _clean_roles(roles)
    if not chosen:
        raise ValidationError({"roles": _("请至少选择一个角色。")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("这个用户名已被使用，请换一个。")})
    user = User(username=username, full_name=full_name, phone=phone, email=email, account_type=AccountType.STAFF)
    user.set_password(password)
    user.full_clean()
    user.save()
    record(OrgEvent.PERSON_CREATED, actor=actor, obj=user, org=org, after=snapshot(user, PERSON_FIELDS))
    set_roles(org, user, chosen, actor=actor)
    return user


@transaction.atomic
def set_roles(org: Organisation, user: User, roles: Iterable[str], *, actor: Any) -> tuple[set[str], set[str]]:
    """Make `roles` exactly the user's roles in `org`; returns (added, removed). Empty removes the person."""
    _require(actor, permissions.can_manage_people(actor, org))
    chosen = _clean_roles(roles)
    current = set(Membership.objects.filter(org=org, user=user).values_list("role", flat=True))
    added, removed = chosen - current, current - chosen
    if Role.ADMIN in removed:
        others = Membership.objects.filter(org=org, role=Role.ADMIN).exclude(user=user)
        if not others.exists():
            raise ValidationError({"roles": _("本机关至少要保留一名管理员。")})
    if not added and not removed:
        return added, removed
    Membership.objects.filter(org=org, user=user, role__in=removed).delete()
    Membership.objects.bulk_create([Membership(org=org, user=user, role=role) for role in sorted(added)])
    if removed and org.person_in_charge_id == user.pk and not chosen:
        Organisation.objects.filter(pk=org.pk).update(person_in_charge=None)
    record(
        OrgEvent.ROLES_CHANGED,
        actor=actor,
        obj=user,
        org=org,
        before={"roles": sorted(current)},
        after={"roles": sorted(chosen)},
    )
    permissions.clear_cache(user)
    return added, removed


def people_of(org: Organisation) -> list[dict[str, Any]]:
    """The organisation's people with their roles, ordered by name: [{"user": User, "roles": [Role]}]."""
    people: dict[int, dict[str, Any]] = {}
    order = {role: i for i, role in enumerate(Role.values)}
    for membership in Membership.objects.filter(org=org).select_related("user").order_by("user__username"):
        entry = people.setdefault(membership.user_id, {"user": membership.user, "roles": []})
        entry["roles"].append(Role(membership.role))
    for entry in people.values():
        entry["roles"].sort(key=lambda role: order[role])
    return list(people.values())


def tree(orgs: Iterable[Organisation]) -> list[tuple[Organisation, int]]:
    """The organisations in hierarchy order with their depth; one whose parent is absent is a root."""
    items = list(orgs)
    present = {org.pk for org in items}
    children: dict[int | None, list[Organisation]] = {}
    for org in items:
        key = org.parent_id if org.parent_id in present else None
        children.setdefault(key, []).append(org)
    ordered: list[tuple[Organisation, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for org in sorted(children.get(parent, []), key=lambda o: (o.sort_order, o.name)):
            ordered.append((org, depth))
            walk(org.pk, depth + 1)

    walk(None, 0)
    return ordered


def public_directory() -> list[tuple[Organisation, int]]:
    """The active agencies in hierarchy order, for the public portal (their guide details are public)."""
    return tree(Organisation.objects.filter(is_active=True))
