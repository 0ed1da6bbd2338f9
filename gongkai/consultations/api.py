"""API: published consultations with their 采纳情况 counts, and published responses to public concern, for
anyone (no login), like the public catalogue. Comments are not published through the API."""

from __future__ import annotations

from typing import Any

from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from gongkai.consultations import services
from gongkai.consultations.models import ConcernResponse, Consultation
from gongkai.web import params
from gongkai.web.api import router


class PublicConsultationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    tally = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = ("id", "org", "title", "summary", "body", "opens_on", "closes_on", "short_period_reason",
                  "published_at", "result", "result_published_at", "tally")

    def get_tally(self, obj: Consultation) -> dict[str, int] | None:
        """The counts of comments by 采纳情况, once the result is published."""
        return services.tally(obj) if obj.result_published_at else None


class PublicConcernSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = ConcernResponse
        fields = ("id", "org", "title", "concern", "source", "raised_on", "body", "published_at")


class _Public(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    permission_classes = (AllowAny,)
    authentication_classes = ()
    model: Any = None

    def get_queryset(self) -> Any:
        rows = self.model.objects.public()
        if (org := params.integer(self.request.query_params, "org")) is not None:
            rows = rows.filter(org_id=org)
        return rows


class ConsultationViewSet(_Public):
    """意见征集: published drafts, their periods and, after the period, the 采纳情况."""

    serializer_class = PublicConsultationSerializer
    model = Consultation


class ConcernViewSet(_Public):
    """回应关切: published responses to public concern."""

    serializer_class = PublicConcernSerializer
    model = ConcernResponse


router.register("consultations", ConsultationViewSet, basename="consultation")
router.register("concerns", ConcernViewSet, basename="concern")
