"""Who may see and change what, by organisation. Every page, export, search and API call goes through here.

- A person sees the organisations where they hold a role, and — if they are a supervisor (上级监督人员)
  there — every organisation below it in the supervision tree, recursively, read-only.
- A person changes only the records of an organisation where they hold an editing role.
- Superusers (the platform's operators) see and change everything.
- Anything not visible is answered 404 (its existence is not revealed); visible but read-only is 403.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import permissions as drf_permissions

from gongkai.orgs.constants import EDITING_ROLES, Role

if TYPE_CHECKING:
    from gongkai.orgs.models import Organisation

_CACHE_ATTR = "_gongkai_permission_cache"

__all__ = [
    "IsStaffMember",
    "OrgObjectPermission",
    "OrgScopedViewSetMixin",
    "can_edit",
    "can_manage_org",
    "can_manage_people",
    "can_view",
    "clear_cache",
    "editable_org_ids",
    "editable_orgs",
    "get_visible_org_or_404",
    "has_role",
    "is_staff_member",
    "member_org_ids",
    "org_of",
    "require_edit",
    "roles_in",
    "subordinate_ids",
    "visible_org_ids",
    "visible_orgs",
]


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _cache(user: Any) -> dict[str, Any]:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def clear_cache(user: Any) -> None:
    """Forget what was computed for this user object (call after changing their roles)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _roles_by_org(user: Any) -> dict[int, frozenset[str]]:
    if not _active(user):
        return {}
    cache = _cache(user)
    if "roles" not in cache:
        from gongkai.orgs.models import Membership

        roles: dict[int, set[str]] = defaultdict(set)
        for org_id, role in Membership.objects.filter(user=user, org__is_active=True).values_list(
            "org_id", "role"
        ):
            roles[org_id].add(role)
        cache["roles"] = {org_id: frozenset(r) for org_id, r in roles.items()}
    return cache["roles"]


def member_org_ids(user: Any) -> frozenset[int]:
    """The organisations where the user holds a role themselves (supervision not included)."""
    return frozenset(_roles_by_org(user))


def _all_org_ids() -> frozenset[int]:
    from gongkai.orgs.models import Organisation

    return frozenset(Organisation.objects.values_list("pk", flat=True))


def subordinate_ids(org_ids: Iterable[int]) -> frozenset[int]:
    """All organisations supervised, directly or through others, by any of `org_ids` (not themselves)."""
    from gongkai.orgs.models import Organisation

    children: dict[int, list[int]] = defaultdict(list)
    for pk, supervisor_id in Organisation.objects.filter(supervising_org__isnull=False).values_list(
        "pk", "supervising_org_id"
    ):
        children[supervisor_id].append(pk)
    found: set[int] = set()
    frontier = list(org_ids)
    while frontier:
        current = frontier.pop()
        for child in children.get(current, ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return frozenset(found - set(org_ids))


def visible_org_ids(user: Any) -> frozenset[int]:
    if not _active(user):
        return frozenset()
    cache = _cache(user)
    if "visible" not in cache:
        if user.is_superuser:
            cache["visible"] = _all_org_ids()
        else:
            roles = _roles_by_org(user)
            supervising = [org_id for org_id, r in roles.items() if Role.SUPERVISOR in r]
            cache["visible"] = frozenset(roles) | subordinate_ids(supervising)
    return cache["visible"]


def editable_org_ids(user: Any) -> frozenset[int]:
    if not _active(user):
        return frozenset()
    if user.is_superuser:
        return visible_org_ids(user)
    return frozenset(org_id for org_id, r in _roles_by_org(user).items() if r & EDITING_ROLES)


def visible_orgs(user: Any) -> Any:
    """QuerySet of the organisations the user may read."""
    from gongkai.orgs.models import Organisation

    return Organisation.objects.filter(pk__in=visible_org_ids(user))


def editable_orgs(user: Any) -> Any:
    """QuerySet of the organisations whose records the user may change."""
    from gongkai.orgs.models import Organisation

    return Organisation.objects.filter(pk__in=editable_org_ids(user))


def roles_in(user: Any, org: Organisation | int) -> frozenset[str]:
    org_id = org if isinstance(org, int) else org.pk
    return _roles_by_org(user).get(org_id, frozenset())


def has_role(user: Any, org: Organisation | int, *roles: str) -> bool:
    """True when the user holds one of `roles` in `org` itself (superusers: always)."""
    if not _active(user):
        return False
    return bool(user.is_superuser or roles_in(user, org) & set(roles))


def is_staff_member(user: Any) -> bool:
    """Holds at least one role somewhere (or is a superuser): may use the staff pages and API."""
    return _active(user) and (user.is_superuser or bool(_roles_by_org(user)))


def can_view(user: Any, org: Organisation | int) -> bool:
    org_id = org if isinstance(org, int) else org.pk
    return org_id in visible_org_ids(user)


def can_edit(user: Any, org: Organisation | int) -> bool:
    org_id = org if isinstance(org, int) else org.pk
    return org_id in editable_org_ids(user)


def can_manage_people(user: Any, org: Organisation | int) -> bool:
    """Create accounts and assign roles in `org`: its administrators."""
    return has_role(user, org, Role.ADMIN)


def can_manage_org(user: Any, org: Organisation | int) -> bool:
    """Edit the organisation's own information (disclosure office, contacts, deadline)."""
    return has_role(user, org, Role.ADMIN, Role.OFFICE_HEAD)


def get_visible_org_or_404(user: Any, pk: Any) -> Organisation:
    from gongkai.orgs.models import Organisation

    try:
        org_id = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if org_id not in visible_org_ids(user):
        raise Http404
    return Organisation.objects.get(pk=org_id)


def require_edit(user: Any, org: Organisation | int, allowed: bool | None = None) -> None:
    """404 if the organisation is not visible, 403 if visible but not (or not so) changeable."""
    if not can_view(user, org):
        raise Http404
    if not (can_edit(user, org) if allowed is None else allowed):
        raise PermissionDenied(_("只能查看，不能修改。"))


def org_of(obj: Any) -> Organisation:
    """The organisation an org-scoped object belongs to (an Organisation is its own)."""
    from gongkai.orgs.models import Organisation

    return obj if isinstance(obj, Organisation) else obj.org


class IsStaffMember(drf_permissions.BasePermission):
    """API default: an active account holding a role in some organisation (applicants are refused)."""

    message = "需要机关工作人员账号。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_staff_member(request.user)


class OrgObjectPermission(drf_permissions.BasePermission):
    """Object level: read if visible (querysets already hide the rest), write only with an editing role."""

    message = "只能查看，不能修改。"

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        org = org_of(obj)
        if request.method in drf_permissions.SAFE_METHODS:
            return can_view(request.user, org)
        return can_edit(request.user, org)


class OrgScopedViewSetMixin:
    """For an API viewset over an org-scoped model: only visible rows; writes need an editing role.

        class RequestViewSet(OrgScopedViewSetMixin, viewsets.ModelViewSet):
            queryset = Request.objects.all()   # its manager is OrgScopedQuerySet.as_manager()

    A create must also check `can_edit(user, org)` for the organisation named in the new row.
    """

    permission_classes = (IsStaffMember, OrgObjectPermission)

    def get_queryset(self) -> Any:
        return super().get_queryset().visible_to(self.request.user)  # type: ignore[misc]
