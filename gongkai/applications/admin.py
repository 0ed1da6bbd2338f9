"""Admin: the holiday table (an administrator's corrections to the working-day calendar) and the letter
templates; requests are changed only through their pages (the services), so they are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError

from gongkai.applications import holidays, letters
from gongkai.applications.models import HolidayDay, HolidayYear, LetterTemplate, RecordCorrection, Request
from gongkai.audit.admin import AuditedModelAdmin


@admin.register(HolidayDay)
class HolidayDayAdmin(AuditedModelAdmin):
    list_display = ("day", "kind", "notice", "note")
    list_filter = ("kind",)
    date_hierarchy = "day"


@admin.register(HolidayYear)
class HolidayYearAdmin(AuditedModelAdmin):
    """全年已录入 here too only when the entered days pass the 放假办法's checks (see `holidays`)."""

    list_display = ("year", "notice", "note")

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        original_clean = form.clean

        def clean(self: Any) -> Any:
            data = original_clean(self)
            if (year := data.get("year")) and (problems := holidays.problems_of_entered(year)):
                self.add_error("year", problems)
            return data

        form.clean = clean
        return form


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


@admin.register(RecordCorrection)
class RecordCorrectionAdmin(RequestAdmin):
    """条例 第四十一条: registered and decided on their pages (letter and audit trail), read-only here."""

    list_display = ("__str__", "org", "applicant_name", "record", "received", "decision", "decided")
    list_filter = ("decision", "channel")
    search_fields = ("applicant_name", "record")
