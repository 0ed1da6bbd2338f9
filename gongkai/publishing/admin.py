"""Admin for the operators: the vocabularies are edited here; items, the register and dictionaries are read
here and changed through the app's pages (their services keep the review and the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.publishing.models import Category, Item, NormativeDocument, ScreeningDictionary


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ("name", "scheme", "code", "sort_order", "is_active")
    list_filter = ("scheme", "is_active")
    list_editable = ("sort_order", "is_active")
    search_fields = ("name", "code")


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "state", "index_number", "made_on", "published_at")
    list_filter = ("state", "topic", "genre")
    search_fields = ("title", "index_number", "document_number")


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdmin):
    list_display = ("registration_number", "title", "org", "kind", "signed_on", "valid_until", "ended_on")
    list_filter = ("kind", "end_kind")
    search_fields = ("title", "registration_number", "document_number")


@admin.register(ScreeningDictionary)
class ScreeningDictionaryAdmin(ReadOnlyAdmin):
    list_display = ("name", "org", "slug", "is_active", "updated_at")
