from __future__ import annotations

from django.contrib import admin

from gongkai.appeals.models import Appeal
from gongkai.audit.admin import AuditedModelAdmin


@admin.register(Appeal)
class AppealAdmin(AuditedModelAdmin):
    list_display = ("org", "kind", "case_number", "applicant", "filed_on", "decided_on", "result")
    list_filter = ("kind", "result")
    search_fields = ("case_number", "applicant", "request_reference")
    raw_id_fields = ("org", "created_by")
