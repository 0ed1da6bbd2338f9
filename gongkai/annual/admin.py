from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.annual.models import Art20Figures, BulkCheck, Report, ReportReview, ReportVersion
from gongkai.audit.admin import AuditedModelAdmin


@admin.register(Art20Figures)
class Art20FiguresAdmin(AuditedModelAdmin):
    list_display = ("org", "year", "licensing", "penalty", "coercion", "fees", "source", "entered_by", "entered_at")
    list_filter = ("year", "source")
    raw_id_fields = ("org", "entered_by")


class ReviewInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ReportReview
    extra = 0
    can_delete = False
    readonly_fields = ("submission", "stage", "decision", "comment", "reviewer", "reviewed_at")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(AuditedModelAdmin):
    """Read-only: a report changes only through the services (drafting, review, publication)."""

    list_display = ("org", "year", "status", "source", "submission", "updated_at")
    list_filter = ("year", "status", "source")
    inlines = (ReviewInline,)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Published versions are kept for ever: read-only."""

    list_display = ("report", "number", "published_at", "published_by", "sha256")
    exclude = ("docx", "pdf", "source_file", "html")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(BulkCheck)
class BulkCheckAdmin(AuditedModelAdmin):
    """Read-only; a deletion is audited (the findings themselves are not copied into the log)."""

    list_display = ("org", "created_at", "created_by", "source")
    audit_exclude = ("results",)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False
