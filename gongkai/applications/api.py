"""API: requests (read; registration by staff) and table 三, scoped exactly like the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request as ApiRequest
from rest_framework.response import Response

from gongkai.applications import clock, services, stats
from gongkai.applications.constants import (
    APPLICANT_TYPE_CHOICES,
    STAFF_CHANNELS,
    DeliveryWay,
    IdType,
    ProvisionForm,
)
from gongkai.applications.models import Request
from gongkai.calendar import HolidayScheduleError
from gongkai.orgs import permissions
from gongkai.orgs.models import Organisation
from gongkai.web.api import router


class RequestSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    number = serializers.CharField(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Request
        fields = (
            "id", "number", "org", "org_name", "year", "serial", "tracking_code", "channel", "submitted_at",
            "received", "applicant_type", "applicant_name", "contact_person", "phone", "email", "address",
            "info_title", "info_number", "description", "provision_form", "delivery_way", "state", "handler",
            "correction_requested", "correction_received", "extension", "extension_approved", "deferred_to",
            "outcome", "outcome_row", "outcome_article", "closed", "deadlines",
        )
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadlines(self, obj: Request) -> dict[str, Any]:
        """Every date from `gongkai.law.deadlines` (or the reason none can be computed)."""
        try:
            d = clock.deadlines_for(obj, schedule=self.context.get("schedule"))
            status = clock.status_for(obj, schedule=self.context.get("schedule"))
        except HolidayScheduleError as exc:
            return {"error": str(exc)}
        if d is None or status is None:
            return {"error": "网上申请尚待确认收到"}
        return {
            "correction_notice_due": d.correction_notice_due, "correction_due": d.correction_due,
            "reply_due_unextended": d.reply_due_unextended, "reply_due": d.reply_due,
            "paused_working_days": d.paused_working_days, "opinion_dues": list(d.opinion_dues),
            "payment_due": d.payment_due, "warnings": list(d.warnings), "status": status.status.value,
            "status_label": status.status.label, "working_days_left": status.working_days_left,
        }


class RegisterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Staff registration of an application received in person, by post, fax or e-mail."""

    org = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    channel = serializers.ChoiceField(choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    handed_in = serializers.DateField(required=False, allow_null=True)
    signed_for = serializers.DateField(required=False, allow_null=True)
    confirmed = serializers.DateField(required=False, allow_null=True)
    arrived = serializers.DateField(required=False, allow_null=True)
    applicant_type = serializers.ChoiceField(choices=APPLICANT_TYPE_CHOICES)
    applicant_name = serializers.CharField(max_length=100)
    id_type = serializers.ChoiceField(choices=IdType.choices, required=False)
    id_number = serializers.CharField(max_length=40)
    contact_person = serializers.CharField(max_length=50, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=6, required=False, allow_blank=True)
    info_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    info_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    description = serializers.CharField()
    provision_form = serializers.ChoiceField(choices=ProvisionForm.choices, default=ProvisionForm.ELECTRONIC)
    delivery_way = serializers.ChoiceField(choices=DeliveryWay.choices, default=DeliveryWay.ONLINE)


@extend_schema_view(
    list=extend_schema(
        summary="政府信息公开申请（可查看机关的）",
        parameters=[
            OpenApiParameter("org", OpenApiTypes.INT, description="机关编号"),
            OpenApiParameter("open", OpenApiTypes.BOOL, description="只列未办结的"),
        ],
    ),
    retrieve=extend_schema(summary="一件申请，含按工作日计算的各项期限"),
    create=extend_schema(summary="登记申请（当面、邮寄、传真、电子邮件；本机关工作人员）", request=RegisterSerializer,
                         responses=RequestSerializer),
)
class RequestViewSet(
    permissions.OrgScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    serializer_class = RequestSerializer
    queryset = Request.objects.select_related("org", "fee_notice").prefetch_related("consultations")

    def get_queryset(self) -> Any:
        requests = super().get_queryset()
        if (org := self.request.query_params.get("org", "")).isdigit():
            requests = requests.filter(org_id=int(org))
        if self.request.query_params.get("open") in ("1", "true"):
            requests = requests.open()
        return requests

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "schedule": clock.holiday_schedule()}

    def create(self, request: ApiRequest, *args: Any, **kwargs: Any) -> Response:
        incoming = RegisterSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        org = data.pop("org")
        dates = {k: data.pop(k, None) for k in ("handed_in", "signed_for", "confirmed", "arrived")}
        channel = data.pop("channel")
        try:
            created = services.register(org, data, actor=request.user, channel=channel, **dates)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
        return Response(self.get_serializer(created).data, status=201)


class Table3ViewSet(viewsets.ViewSet):
    """Table 三 of an agency's annual report, computed from its requests."""

    permission_classes = (permissions.IsStaffMember,)

    @extend_schema(
        summary="年度报告表三（由申请记录统计）",
        parameters=[
            OpenApiParameter("org", OpenApiTypes.INT, required=True, description="机关编号"),
            OpenApiParameter("year", OpenApiTypes.INT, description="年度（默认今年）"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request: ApiRequest) -> Response:
        org_text, year_text = request.query_params.get("org", ""), request.query_params.get("year", "")
        if not org_text.isdigit():
            raise ValidationError({"org": "请给出机关编号。"})
        if year_text and not (year_text.isdigit() and 2008 <= int(year_text) <= 2100):
            raise ValidationError({"year": "年度应为四位数字。"})
        org = permissions.get_visible_org_or_404(request.user, int(org_text))
        year = int(year_text) if year_text else timezone.localdate().year
        cells = stats.table3(org, year)
        return Response({
            "org": org.pk, "org_name": org.name, "year": year, "format": stats.format_for_year(year).id,
            "cells": {f"{ref.row}.{ref.column}": value for ref, value in cells.items()},
        })


router.register("requests", RequestViewSet, basename="request")
router.register("requests-table3", Table3ViewSet, basename="requests-table3")
