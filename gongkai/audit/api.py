"""API: the audit log, read-only, scoped by organisation like the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from gongkai.audit.models import AuditEntry
from gongkai.audit.serializers import AuditEntrySerializer
from gongkai.web.api import router
from gongkai.web.params import integer


@extend_schema_view(
    list=extend_schema(
        summary="操作日志（可查看机关的）",
        parameters=[
            OpenApiParameter("org", OpenApiTypes.INT, description="机关编号"),
            OpenApiParameter("event", OpenApiTypes.STR, description="事件名，如 orgs.org.updated"),
            OpenApiParameter("object_type", OpenApiTypes.STR, description="对象类型，如 orgs.user"),
            OpenApiParameter("object_id", OpenApiTypes.STR, description="对象编号"),
        ],
    ),
    retrieve=extend_schema(summary="一条操作日志"),
)
class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = AuditEntrySerializer
    lookup_field = "seq"
    queryset = AuditEntry.objects.all()

    def get_queryset(self) -> Any:
        entries = AuditEntry.objects.visible_to(self.request.user).select_related("org")
        params = self.request.query_params
        if (org := integer(params, "org")) is not None:
            entries = entries.filter(org_id=org)
        for name in ("event", "object_type", "object_id"):
            if params.get(name):
                entries = entries.filter(**{name: params[name]})
        return entries


router.register("audit-entries", AuditEntryViewSet, basename="audit-entry")
