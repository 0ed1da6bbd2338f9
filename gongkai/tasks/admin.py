from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.tasks.models import Job


@admin.register(Job)
class JobAdmin(AuditedModelAdmin):
    """Read-only: operators see every background job, failed ones with the reason; jobs change only by running."""

    list_display = ("title", "kind", "org", "state", "done", "total", "created_by", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("title", "message", "task_id")
    readonly_fields = ("kind", "title", "org", "created_by", "created_at", "started_at", "finished_at", "task_id",
                       "state", "done", "total", "message", "result_url")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False
