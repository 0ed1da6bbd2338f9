from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.complaints.models import Complaint, Rating


@admin.register(Complaint)
class ComplaintAdmin(AuditedModelAdmin):
    list_display = ("tracking_code", "org", "office", "kind", "received_on", "status", "finding")
    list_filter = ("status", "finding", "kind", "channel")
    search_fields = ("tracking_code", "request_reference")
    raw_id_fields = ("org", "office", "assignee")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """社会评议 as the public gave them: read-only (results per agency and year on the staff pages)."""

    list_display = ("org", "score", "submitted_on", "comment")
    list_filter = ("score",)
    date_hierarchy = "submitted_on"
    search_fields = ("comment",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
