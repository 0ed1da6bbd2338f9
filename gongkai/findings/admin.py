from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from gongkai.audit.admin import AuditedModelAdmin
from gongkai.findings.models import CollectedVersion, FindingDecision, Region, ReportSource


class RegionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Region
        fields = ("name", "whole", "members", "note")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        whole, members = data.get("whole"), data.get("members")
        if whole is not None and members is not None and whole in members:
            self.add_error("members", _("所属机关不应包含发布全区报告的机关本身。"))
        return data


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    """Which agencies a whole-area report covers: edited here by an administrator, never guessed."""

    form = RegionForm
    list_display = ("name", "whole", "updated_at")
    search_fields = ("name", "whole__name")
    filter_horizontal = ("members",)
    raw_id_fields = ("whole",)


@admin.register(FindingDecision)
class FindingDecisionAdmin(AuditedModelAdmin):
    """Read-only: decisions are taken on the supervisors' page, each in the audit trail."""

    list_display = ("org", "year", "rule", "state", "decided_by", "decided_at")
    list_filter = ("state", "year")
    search_fields = ("org__name", "rule", "message", "reason")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ReportSource)
class ReportSourceAdmin(AuditedModelAdmin):
    """Each agency's 政府信息公开年报 column: where the supervisors' collection looks for its reports."""

    list_display = ("org", "url", "updated_at")
    search_fields = ("org__name", "url")
    raw_id_fields = ("org",)


@admin.register(CollectedVersion)
class CollectedVersionAdmin(AuditedModelAdmin):
    """Read-only: versions are kept by the collection, each in the audit trail."""

    list_display = ("org", "year", "url", "fetched_at", "sha256", "kind", "status", "errors", "warnings")
    list_filter = ("year", "kind", "status")
    search_fields = ("org__name", "url", "sha256")
    exclude = ("data",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
