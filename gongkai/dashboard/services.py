"""Which organisation a person's dashboard opens on."""

from __future__ import annotations

from typing import Any

from gongkai.orgs.models import Membership, Organisation
from gongkai.orgs.permissions import visible_org_ids


def member_orgs(user: Any) -> list[Organisation]:
    """The organisations where the user holds a role, in the usual order."""
    ids = Membership.objects.filter(user=user, org__is_active=True).values("org_id")
    return list(Organisation.objects.filter(pk__in=ids))


def default_org(user: Any, remembered: int | None) -> Organisation | None:
    """The last organisation viewed if still visible, else the first where the user holds a role."""
    visible = visible_org_ids(user)
    if remembered in visible:
        return Organisation.objects.get(pk=remembered)
    members = member_orgs(user)
    if members:
        return members[0]
    return Organisation.objects.filter(pk__in=visible).first()
