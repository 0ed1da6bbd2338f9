from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.oversight.models import Bulletin, Notice, NoticeItem


class NoticeItemInline(admin.TabularInline):  # type: ignore[type-arg]
    model = NoticeItem
    extra = 0
    fields = ("kind", "text")
    readonly_fields = ("kind", "text")
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(AuditedModelAdmin):
    list_display = ("org", "office", "year", "issued_on", "due_on", "status")
    list_filter = ("status",)
    raw_id_fields = ("org", "office", "issued_by")
    inlines = (NoticeItemInline,)


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """通报 are drafted, edited and published on the office's pages (audited there), read-only here."""

    list_display = ("title", "office", "year", "kind", "signed_on", "published_at")
    list_filter = ("kind", "year")
    search_fields = ("title", "number")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
