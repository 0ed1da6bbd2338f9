"""Admin: the log is read-only there too; `AuditedModelAdmin` makes other apps' admin edits audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.audit.constants import AdminEvent
from gongkai.audit.models import AuditEntry, AuditHead
from gongkai.audit.services import changes, record, snapshot


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletions are written to the audit trail (use it for every model)."""

    audit_exclude: tuple[str, ...] = ("password",)

    def _snapshot(self, obj: Any) -> dict[str, Any]:
        names = [f.name for f in obj._meta.concrete_fields if f.name not in self.audit_exclude]
        return snapshot(obj, names)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = self._snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        old, new = changes(before, self._snapshot(obj))
        if new or not change:
            record(AdminEvent.CHANGED if change else AdminEvent.CREATED, actor=request.user, obj=obj,
                   before=old or None, after=new)

    def delete_model(self, request: Any, obj: Any) -> None:
        before = self._snapshot(obj)
        record(AdminEvent.DELETED, actor=request.user, obj=obj, before=before)
        super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("seq", "created_at", "event", "org", "actor_username", "object_repr")
    list_filter = ("event",)
    search_fields = ("object_repr", "actor_username", "actor_name")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(AuditHead)
class AuditHeadAdmin(AuditEntryAdmin):
    list_display = ("seq", "hash")
    list_filter = ()
    search_fields = ()
