"""API: complaints the caller may see (the office's and those about its own agencies), the steps of the
office and of the agency, and counts per agency and year. The complainant's identity is left out for the
agency until the office shares it, as on the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.complaints import services
from gongkai.complaints.models import Complaint
from gongkai.orgs import permissions
from gongkai.web import params as query
from gongkai.web.api import router

IDENTITY = services.COMPLAINANT_FIELDS


class ComplaintSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Complaint
        fields = ("id", "org", "office", "tracking_code", "channel", "kind", "request_reference", "description",
                  *IDENTITY, "identity_shared", "received_on", "reply_due", "status", "question", "asked_on",
                  "explanation_due", "explanation", "explained_on", "finding", "reply", "correction_ordered",
                  "replied_on")
        read_only_fields = fields

    def to_representation(self, instance: Complaint) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not services.shows_identity(request.user, instance):
            for field in (*IDENTITY, "tracking_code"):
                data[field] = None
        return data


def _detail(exc: DjangoValidationError) -> Any:
    return exc.message_dict if hasattr(exc, "error_dict") else exc.messages


class StepSerializer(serializers.Serializer):  # type: ignore[type-arg]
    text = serializers.CharField(max_length=8000)
    finding = serializers.CharField(required=False, allow_blank=True)
    correction_ordered = serializers.BooleanField(required=False, default=False)


@extend_schema(tags=["complaints"])
class ComplaintViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """投诉举报 (条例 第五十一条)."""

    serializer_class = ComplaintSerializer
    permission_classes = (permissions.IsStaffMember,)

    def get_queryset(self) -> Any:
        complaints = services.visible_complaints(self.request.user)
        params = self.request.query_params
        if (org := query.integer(params, "org")) is not None:
            complaints = complaints.filter(org_id=org)
        if (year := query.year(params)) is not None:
            complaints = complaints.filter(received_on__year=year)
        return complaints

    def _step(self, request: Request, pk: Any, run: Any) -> Response:
        complaint = self.get_object()
        step = StepSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        try:
            complaint = run(complaint, step.validated_data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_detail(exc)) from None
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)

    @extend_schema(summary="要求被投诉机关说明情况（受理机关）", request=StepSerializer)
    @action(detail=True, methods=["post"])
    def ask(self, request: Request, pk: Any = None) -> Response:
        return self._step(request, pk, lambda c, d: services.ask_agency(c, actor=request.user, question=d["text"]))

    @extend_schema(summary="说明情况（被投诉机关）", request=StepSerializer)
    @action(detail=True, methods=["post"])
    def explain(self, request: Request, pk: Any = None) -> Response:
        return self._step(request, pk, lambda c, d: services.explain(c, actor=request.user, explanation=d["text"]))

    @extend_schema(summary="作出处理结论并答复（受理机关）", request=StepSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: Any = None) -> Response:
        return self._step(request, pk, lambda c, d: services.reply(
            c, actor=request.user, finding=d.get("finding", ""), text=d["text"],
            correction=d["correction_ordered"]))

    @extend_schema(
        summary="各机关年度投诉举报件数",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True, description="年度")],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["get"])
    def counts(self, request: Request) -> Response:
        year = query.year(request.query_params)
        if year is None:
            raise serializers.ValidationError({"year": "请给出年度（整数）。"})
        visible = sorted(permissions.visible_org_ids(request.user))
        if not visible:
            raise NotFound()
        counts = services.counts_for_orgs(visible, year)
        return Response({"year": year, "orgs": {str(pk): c for pk, c in counts.items()}})


router.register("complaints", ComplaintViewSet, basename="complaint")
