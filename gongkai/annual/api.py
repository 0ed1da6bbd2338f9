"""API: the annual reports of the agencies the caller may see — records, published versions, the current draft
with its findings — and the 第二十条 figures. Scoped like the pages; changes go through the pages' services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.annual import drafting, services
from gongkai.annual.models import Art20Figures, Report, ReportVersion
from gongkai.orgs import permissions
from gongkai.report.jsonio import to_dict
from gongkai.web import params
from gongkai.web.api import router


class VersionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = ReportVersion
        fields = ("number", "sha256", "published_at", "source_name", "note")


class ReportSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    versions = VersionSerializer(many=True, read_only=True)
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ("id", "org", "year", "status", "source", "submission", "deadline", "updated_at", "versions")

    def get_deadline(self, report: Report) -> str:
        return report.org.report_deadline(report.year).isoformat()


class FiguresSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Art20Figures
        fields = ("id", "org", "year", "licensing", "penalty", "coercion", "fees", "source", "entered_by",
                  "entered_at")


_FILTERS = [
    OpenApiParameter("org", OpenApiTypes.INT, description="机关编号"),
    OpenApiParameter("year", OpenApiTypes.INT, description="报告年度"),
]


def _filtered(queryset: Any, request: Request) -> Any:
    if (org := params.integer(request.query_params, "org")) is not None:
        queryset = queryset.filter(org_id=org)
    if (year := params.year(request.query_params)) is not None:
        queryset = queryset.filter(year=year)
    return queryset


@extend_schema_view(list=extend_schema(summary="年度报告（可查看机关的）", parameters=_FILTERS),
                    retrieve=extend_schema(summary="一份年度报告的状态和公开版本"))
class ReportViewSet(permissions.OrgScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = ReportSerializer
    queryset = Report.objects.select_related("org").prefetch_related("versions")

    def get_queryset(self) -> Any:
        return _filtered(super().get_queryset(), self.request)

    @extend_schema(
        summary="某机关某年度报告的当前内容（已公开的为最新版本，否则为由记录生成的草稿）和检查结果",
        parameters=[OpenApiParameter("org", OpenApiTypes.INT, required=True),
                    OpenApiParameter("year", OpenApiTypes.INT, required=True)],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["get"])
    def current(self, request: Request) -> Response:
        org = permissions.get_visible_org_or_404(request.user, request.query_params.get("org"))
        year = params.year(request.query_params)
        if year is None:
            raise serializers.ValidationError({"year": "请给出报告年度（整数）。"})
        record = Report.objects.filter(org=org, year=year).first()
        try:
            content = services.current_report(record) if record else drafting.draft(org, year)
        except drafting.YearNotDraftable as exc:
            raise serializers.ValidationError({"year": str(exc)}) from None
        findings = drafting.check_draft(content, drafting.previous_report(org, year))
        return Response({"report": to_dict(content), "findings": [f.to_dict() for f in findings]})


@extend_schema_view(list=extend_schema(summary="第二十条第（五）（六）（八）项数据", parameters=_FILTERS),
                    retrieve=extend_schema(summary="一个机关一年的第二十条数据"))
class FiguresViewSet(permissions.OrgScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = FiguresSerializer
    queryset = Art20Figures.objects.all()

    def get_queryset(self) -> Any:
        return _filtered(super().get_queryset(), self.request)


router.register("annual-reports", ReportViewSet, basename="annual-report")
router.register("art20-figures", FiguresViewSet, basename="art20-figures")
