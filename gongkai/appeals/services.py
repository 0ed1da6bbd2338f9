"""Recording appeals: every change checks the actor's right, validates, and writes the audit trail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.appeals.constants import AppealEvent
from gongkai.appeals.models import Appeal
from gongkai.audit.services import changes, record, snapshot
from gongkai.orgs import permissions

__all__ = ["APPEAL_FIELDS", "create_appeal", "delete_appeal", "update_appeal"]

APPEAL_FIELDS = (
    "kind", "case_number", "applicant", "body", "filed_on", "decided_on", "result", "request", "request_reference",
    "summary",
)


def _require_edit(actor: Any, org: Any) -> None:
    if actor is not None and not permissions.can_edit(actor, org):
        raise PermissionDenied(_("只能查看，不能修改。"))


@transaction.atomic
def create_appeal(org: Any, *, actor: Any, data: dict[str, Any]) -> Appeal:
    """Register a case of `org` (any editing role of the agency; None: the system)."""
    _require_edit(actor, org)
    unknown = set(data) - set(APPEAL_FIELDS)
    if unknown:
        raise ValidationError(_("未知的项目：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    appeal = Appeal(org=org, created_by=actor if actor is not None else None, **data)
    appeal.full_clean()
    appeal.save()
    record(AppealEvent.CREATED, actor=actor, obj=appeal, after=snapshot(appeal, APPEAL_FIELDS))
    return appeal


@transaction.atomic
def update_appeal(appeal: Appeal, *, actor: Any, data: dict[str, Any]) -> Appeal:
    """Change a case, e.g. record its decision and result."""
    _require_edit(actor, appeal.org)
    fields = APPEAL_FIELDS
    unknown = set(data) - set(fields)
    if unknown:
        raise ValidationError(_("未知的项目：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    before = snapshot(appeal, fields)
    for name, value in data.items():
        setattr(appeal, name, value)
    appeal.full_clean()
    appeal.save()
    old, new = changes(before, snapshot(appeal, fields))
    if new:
        record(AppealEvent.UPDATED, actor=actor, obj=appeal, before=old, after=new)
    return appeal


@transaction.atomic
def delete_appeal(appeal: Appeal, *, actor: Any) -> None:
    """Remove a case registered by mistake; the audit trail keeps what it was."""
    _require_edit(actor, appeal.org)
    record(AppealEvent.DELETED, actor=actor, obj=appeal, before=snapshot(appeal, APPEAL_FIELDS))
    appeal.delete()
