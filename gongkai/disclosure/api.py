"""API: the withheld-information register (with its reviews) and the 转主动公开 decisions of the agencies
the caller may see, and the proposals of one agency (条例 第十八条、第四十四条). Read-only: decisions are
taken on the pages, where the 三审 draft is made."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.disclosure import conversions
from gongkai.disclosure.models import Conversion, WithheldEntry, WithheldReview
from gongkai.orgs import permissions
from gongkai.web import params
from gongkai.web.api import router


class WithheldReviewSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = WithheldReview
        fields = ("decided_on", "decision", "reason", "reviewer")


class WithheldEntrySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    reviews = WithheldReviewSerializer(many=True, read_only=True)

    class Meta:
        model = WithheldEntry
        fields = ("id", "org", "request", "information", "outcome", "ground", "reasons", "decided_on", "next_review",
                  "state", "item", "reviews")


class ConversionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Conversion
        fields = ("id", "org", "subject", "decision", "reason", "requests", "item", "similarity", "decided_at")


class WithheldViewSet(permissions.OrgScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):  # type: ignore[type-arg]
    """不予公开信息登记 (条例 第十八条)."""

    serializer_class = WithheldEntrySerializer
    queryset = WithheldEntry.objects.prefetch_related("reviews")


class ConversionViewSet(permissions.OrgScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):  # type: ignore[type-arg]
    """依申请公开转主动公开的决定 (条例 第四十四条)."""

    serializer_class = ConversionSerializer
    queryset = Conversion.objects.prefetch_related("requests")

    @extend_schema(summary="建议转为主动公开的相近申请（按申请内容分组）",
                   parameters=[OpenApiParameter("org", OpenApiTypes.INT, required=True)],
                   responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def proposals(self, request: Request) -> Response:
        org_id = params.integer(request.query_params, "org")
        if org_id is None:
            raise serializers.ValidationError({"org": "请给出机关编号（org）。"})
        org = permissions.get_visible_org_or_404(request.user, org_id)
        rows: list[dict[str, Any]] = [
            {"subject": p.subject, "requests": [r.pk for r in p.requests], "similarity": p.score,
             "shared": list(p.shared)} for p in conversions.proposals(org)
        ]
        return Response(rows)


router.register("disclosure/withheld", WithheldViewSet, basename="disclosure-withheld")
router.register("disclosure/conversions", ConversionViewSet, basename="disclosure-conversion")
