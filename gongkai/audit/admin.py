"""Admin: the log is read-only there too; `AuditedModelAdmin` makes other apps' admin edits audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, AdminTimeWidget
from django.db import models
from django.forms import SplitHiddenDateTimeWidget

from gongkai.audit.constants import AdminEvent
from gongkai.audit.models import AuditEntry, AuditHead
from gongkai.audit.services import changes, record, snapshot


class SecondsSplitDateTime(AdminSplitDateTime):
    """The admin's date + time pair with the time to the second (zh-hans shows %H:%M, and a save then
    cut the seconds off every timestamp on the page)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets[1] = AdminTimeWidget(format="%H:%M:%S")


class SecondsSplitHiddenDateTime(SplitHiddenDateTimeWidget):
    """The hidden initial value of a timestamp with a callable default, to the second as well."""

    def __init__(self, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("time_format", "%H:%M:%S")
        super().__init__(attrs, **kwargs)


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletions are written to the audit trail (use it for every model)."""

    audit_exclude: tuple[str, ...] = ("password",)

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if isinstance(db_field, models.DateTimeField):
            kwargs.setdefault("widget", SecondsSplitDateTime)
            formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
            if formfield is not None:
                formfield.hidden_widget = SecondsSplitHiddenDateTime
            return formfield
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _keep_unchanged_timestamps(self, obj: Any, form: Any, stored: Any) -> None:
        """A timestamp the form did not change keeps its stored value (the form has no microseconds)."""
        changed = set(getattr(form, "changed_data", ()))
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and field.name in form.fields and field.name not in changed:
                setattr(obj, field.attname, getattr(stored, field.attname))

    def _snapshot(self, obj: Any) -> dict[str, Any]:
        names = [f.name for f in obj._meta.concrete_fields if f.name not in self.audit_exclude]
        return snapshot(obj, names)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        stored = type(obj)._default_manager.get(pk=obj.pk) if change and obj.pk else None
        before = self._snapshot(stored) if stored is not None else {}
        if stored is not None:
            self._keep_unchanged_timestamps(obj, form, stored)
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

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (e.g. the roles on a user's page) are audited like the object itself."""
        deleted = {f.instance.pk for f in formset.deleted_forms if f.instance.pk}
        originals = {
            f.instance.pk: type(f.instance)._default_manager.get(pk=f.instance.pk)
            for f in formset.initial_forms
            if f.instance.pk and (f.instance.pk in deleted or f.has_changed())
        }
        stored = {pk: self._snapshot(obj) for pk, obj in originals.items()}
        for pk in deleted:
            record(AdminEvent.DELETED, actor=request.user, obj=originals[pk], before=stored[pk])
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(AdminEvent.CREATED, actor=request.user, obj=obj, after=self._snapshot(obj))
        for obj, _fields in formset.changed_objects:
            old, new = changes(stored[obj.pk], self._snapshot(obj))
            if new:
                record(AdminEvent.CHANGED, actor=request.user, obj=obj, before=old, after=new)


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
