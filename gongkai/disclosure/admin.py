"""The admin shows the registers read-only: every change goes through the services and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.disclosure.models import Conversion, WithheldEntry, WithheldReview


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Conversion)
class ConversionAdmin(ReadOnly):
    list_display = ("subject", "org", "decision", "item", "decided_at")
    list_filter = ("decision",)


@admin.register(WithheldEntry)
class WithheldEntryAdmin(ReadOnly):
    list_display = ("information", "org", "ground", "decided_on", "next_review", "state")
    list_filter = ("state",)


@admin.register(WithheldReview)
class WithheldReviewAdmin(ReadOnly):
    list_display = ("entry", "decided_on", "decision", "reviewer")
