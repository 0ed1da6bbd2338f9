"""The admin shows consultations and concern responses read-only: changes go through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.consultations.models import Comment, ConcernResponse, Consultation


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Consultation)
class ConsultationAdmin(ReadOnly):
    list_display = ("title", "org", "opens_on", "closes_on", "published_at", "result_published_at")


@admin.register(Comment)
class CommentAdmin(ReadOnly):
    list_display = ("consultation", "submitted_at", "adoption")


@admin.register(ConcernResponse)
class ConcernResponseAdmin(ReadOnly):
    list_display = ("title", "org", "source", "raised_on", "published_at")
