"""Admin: the holiday table (an administrator's corrections to the working-day calendar) and the letter
templates; requests are changed only through their pages (the services), so they are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError

from gongkai.applications import letters
from gongkai.applications.models import HolidayDay, HolidayYear, LetterTemplate, Request
from gongkai.audit.admin import AuditedModelAdmin


@admin.register(HolidayDay)
class HolidayDayAdmin(AuditedModelAdmin):
    list_display = ("day", "kind", "notice", "note")
    list_filter = ("kind",)
    date_hierarchy = "day"


@admin.register(HolidayYear)
class HolidayYearAdmin(AuditedModelAdmin):
    list_display = ("year", "notice", "note")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AuditedModelAdmin):
    list_display = ("kind", "org", "title", "updated_at")
    list_filter = ("kind",)

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        original_clean = form.clean

        def clean(self: Any) -> Any:
            data = original_clean(self)
            if data.get("kind") and data.get("title") is not None and data.get("body") is not None:
                try:
                    letters.validate_template(data["kind"], data["title"], data["body"])
                except ValidationError as exc:
                    self.add_error("body", exc.message_dict.get("body", exc.messages))
            return data

        form.clean = clean
        return form


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "org", "applicant_name", "received", "state", "outcome", "closed")
    list_filter = ("state", "outcome_row")
    search_fields = ("applicant_name", "tracking_code", "description")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
