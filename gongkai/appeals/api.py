"""API: appeals of the agencies the caller may see; table 四 per agency and year. Scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.appeals import services, stats
from gongkai.appeals.models import Appeal
from gongkai.orgs import permissions
from gongkai.orgs.models import Organisation
from gongkai.web import params as query
from gongkai.web.api import router


class AppealSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Appeal
        fields = ("id", "org", *services.APPEAL_FIELDS, "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # ids of agencies the caller cannot see are simply unknown
            visible = permissions.visible_org_ids(request.user)
            self.fields["org"].queryset = Organisation.objects.filter(pk__in=visible)  # type: ignore[attr-defined]
            requests = self.fields["request"]
            requests.queryset = requests.queryset.filter(org_id__in=visible)  # type: ignore[attr-defined]


def _detail(exc: DjangoValidationError) -> Any:
    return exc.message_dict if hasattr(exc, "error_dict") else exc.messages


@extend_schema_view(
    list=extend_schema(
        summary="行政复议、行政诉讼案件",
        parameters=[
            OpenApiParameter("org", OpenApiTypes.INT, description="机关编号"),
            OpenApiParameter("year", OpenApiTypes.INT, description="申请（起诉）年度"),
        ],
    ),
    retrieve=extend_schema(summary="一个案件"),
    create=extend_schema(summary="登记案件（本机关工作人员）"),
    update=extend_schema(summary="修改案件"),
    partial_update=extend_schema(summary="修改案件的部分项目"),
    destroy=extend_schema(summary="删除误登记的案件"),
)
class AppealViewSet(permissions.OrgScopedViewSetMixin, viewsets.ModelViewSet):  # type: ignore[type-arg]
    serializer_class = AppealSerializer
    queryset = Appeal.objects.all()

    def get_queryset(self) -> Any:
        appeals = super().get_queryset()
        params = self.request.query_params
        if (org := query.integer(params, "org")) is not None:
            appeals = appeals.filter(org_id=org)
        if (year := query.year(params)) is not None:
            appeals = appeals.filter(filed_on__year=year)
        return appeals

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:  # type: ignore[type-arg]
        data = dict(serializer.validated_data)
        org = data.pop("org")
        if not permissions.can_edit(self.request.user, org):
            raise PermissionDenied("只能为本机关登记案件。")
        try:
            serializer.instance = services.create_appeal(org, actor=self.request.user, data=data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_detail(exc)) from None

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:  # type: ignore[type-arg]
        data = dict(serializer.validated_data)
        if "org" in data and data.pop("org").pk != serializer.instance.org_id:
            raise serializers.ValidationError({"org": "案件所属机关不能修改。"})
        try:
            serializer.instance = services.update_appeal(serializer.instance, actor=self.request.user, data=data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_detail(exc)) from None

    def perform_destroy(self, instance: Appeal) -> None:
        services.delete_appeal(instance, actor=self.request.user)

    @extend_schema(
        summary="年度报告表四（由案件统计）",
        parameters=[
            OpenApiParameter("org", OpenApiTypes.INT, required=True, description="机关编号"),
            OpenApiParameter("year", OpenApiTypes.INT, required=True, description="报告年度"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["get"])
    def table4(self, request: Request) -> Response:
        org = permissions.get_visible_org_or_404(request.user, request.query_params.get("org"))
        year = query.year(request.query_params)
        if year is None:
            raise serializers.ValidationError({"year": "请给出报告年度（整数）。"})
        cells = stats.table4(org, year)
        return Response({"org": org.pk, "year": year, "counting": stats.counting().value,
                         "cells": {ref.column: value for ref, value in cells.items()}})


router.register("appeals", AppealViewSet, basename="appeal")
