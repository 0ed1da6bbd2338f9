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
from gongkai.applications.models import RecordCorrection, Request
from gongkai.calendar import HolidayScheduleError
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role
from gongkai.orgs.models import Organisation
from gongkai.web import params
from gongkai.web.api import router


class RequestSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    number = serializers.CharField(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    deadlines = serializers.SerializerMethodField()
    late_confirmation = serializers.CharField(read_only=True, allow_null=True,
                                              help_text="确认晚于申请到达之日的说明（条例第三十一条），无则为null")

    class Meta:
        model = Request
        fields = (
            "id", "number", "org", "org_name", "year", "serial", "tracking_code", "channel", "submitted_at",
            "arrived", "received", "late_confirmation", "applicant_type", "applicant_name", "contact_person", "phone",
            "email", "address", "info_title", "info_number", "description", "provision_form", "delivery_way",
            "oral", "assistance_needed", "assistance", "units", "split_reason", "state", "handler",
            "correction_requested", "correction_received", "extension", "extension_approved", "extension_reason",
            "reasons_requested", "reasons_requested_items", "deferred_to", "deferral_reason",
            "outcome", "outcome_row", "outcome_article", "closed", "deadlines",
        )
        read_only_fields = fields

    def to_representation(self, instance: Request) -> dict[str, Any]:
        """The tracking code is the applicant's key: only the agency's own staff see it (null for supervisors,
        read-only tokens and everyone else)."""
        data: dict[str, Any] = super().to_representation(instance)
        if instance.org_id not in self._own_org_ids():
            data["tracking_code"] = None
        return data

    def _own_org_ids(self) -> set[int]:
        if "own_org_ids" not in self.context:
            request = self.context.get("request")
            user = getattr(request, "user", None)
            handling = user.memberships.exclude(role=Role.SUPERVISOR) if user and user.is_authenticated else None
            ids = handling.values_list("org_id", flat=True) if handling is not None else []
            self.context["own_org_ids"] = set(ids)
        return self.context["own_org_ids"]  # type: ignore[no-any-return]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadlines(self, obj: Request) -> dict[str, Any]:
        """Every date from `gongkai.law.deadlines`, with `certainty` per date (exact / provisional: 暂定, the
        year's holiday notice not entered / unknown) and `safe` (不晚于) bounds of the agency's own deadlines."""
        try:
            dated = clock.dated_for(obj, schedule=self.context.get("schedule"))
            status = clock.status_for(obj, schedule=self.context.get("schedule"))
        except HolidayScheduleError as exc:
            return {"error": str(exc)}
        if dated is None or status is None:
            return {"error": "网上申请尚待确认收到"}
        d = dated.plain
        named = {"correction_notice_due": dated.correction_notice_due, "correction_due": dated.correction_due,
                 "reply_due_unextended": dated.reply_due_unextended, "reply_due": dated.reply_due,
                 "payment_due": dated.payment_due}
        return {
            "correction_notice_due": d.correction_notice_due, "correction_due": d.correction_due,
            "reply_due_unextended": d.reply_due_unextended, "reply_due": d.reply_due,
            "paused_working_days": d.paused_working_days, "opinion_dues": list(d.opinion_dues),
            "payment_due": d.payment_due, "warnings": list(d.warnings), "status": status.status.value,
            "status_label": status.status.label, "working_days_left": status.working_days_left,
            "working_days_left_provisional": status.left_provisional,
            "overdue_working_days": status.overdue_working_days,
            "provisional": dated.provisional,
            "certainty": {**{k: v.certainty.value for k, v in named.items()},
                          "opinion_dues": [o.certainty.value for o in dated.opinion_dues]},
            "safe": {k: v.safe for k, v in named.items() if v.safe is not None},
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
        if (org := params.integer(self.request.query_params, "org")) is not None:
            requests = requests.filter(org_id=org)
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


class RecordCorrectionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    number = serializers.CharField(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = RecordCorrection
        fields = (
            "id", "number", "org", "org_name", "applicant_type", "applicant_name", "phone", "email", "address",
            "record", "inaccuracy", "evidence", "channel", "received", "assistance", "decision", "other_agency",
            "decision_note", "decided",
        )
        read_only_fields = fields


@extend_schema_view(list=extend_schema(summary="政府信息记录更正申请（条例第四十一条；可查看机关的）"),
                    retrieve=extend_schema(summary="一件记录更正申请及其处理结果"))
class RecordCorrectionViewSet(permissions.OrgScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                              viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Read-only: registered and decided on the pages, where the answer letter is issued."""

    serializer_class = RecordCorrectionSerializer
    queryset = RecordCorrection.objects.select_related("org")


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
        org_pk = params.whole_number(request.query_params.get("org"))
        if org_pk is None:
            raise ValidationError({"org": "请给出机关编号。"})
        year_text = request.query_params.get("year", "")
        year = params.whole_number(year_text, minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
        if year_text and year is None:
            raise ValidationError({"year": "年度应为四位数字。"})
        org = permissions.get_visible_org_or_404(request.user, org_pk)
        year = year or timezone.localdate().year
        cells = stats.table3(org, year)
        return Response({
            "org": org.pk, "org_name": org.name, "year": year, "format": stats.format_for_year(year).id,
            "cells": {f"{ref.row}.{ref.column}": value for ref, value in cells.items()},
        })


router.register("requests", RequestViewSet, basename="request")
router.register("requests-table3", Table3ViewSet, basename="requests-table3")
router.register("record-corrections", RecordCorrectionViewSet, basename="record-correction")
