"""API: items (staff, scoped like the pages) with submit and review actions, the public catalogue (anyone,
published items only), the register, and section 二（一） figures."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.orgs import permissions
from gongkai.publishing import search, services, stats
from gongkai.publishing.models import Item, NormativeDocument
from gongkai.publishing.serializers import (
    DecisionSerializer,
    ItemSerializer,
    NormativeDocumentSerializer,
    PublicItemSerializer,
)
from gongkai.web import params
from gongkai.web.api import router


def _run(call: Any) -> Any:
    try:
        return call()
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from None
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None


class ItemViewSet(permissions.OrgScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  viewsets.GenericViewSet):  # type: ignore[type-arg]
    """信息（工作人员）: the items of the organisations the caller may see, in every state."""

    serializer_class = ItemSerializer
    queryset = Item.objects.select_related("topic", "genre", "normative_document").prefetch_related(
        "reviews__reviewer")

    @extend_schema(summary="提交审核（撰稿人）", request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        item = self.get_object()
        return Response(ItemSerializer(_run(lambda: services.submit(item, actor=request.user))).data)

    @extend_schema(summary="审核：通过或退回（初审、复审、终审，各由不同的人）", request=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: Any = None) -> Response:
        item = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data["comment"]
        if data.validated_data["decision"] == "return":
            done = _run(lambda: services.send_back(item, actor=request.user, comment=comment))
        else:
            done = _run(lambda: services.approve(item, actor=request.user, comment=comment))
        return Response(ItemSerializer(done).data)

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        """Reviewing is decided by the service (roles per stage), not by the generic editing right."""
        if self.action in ("review",):
            return
        super().check_object_permissions(request, obj)


@extend_schema(parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="全文检索词"),
                           OpenApiParameter("org", OpenApiTypes.INT, description="机关")])
class CatalogueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """政府信息公开目录: published items only, for anyone (no login)."""

    serializer_class = PublicItemSerializer
    permission_classes = (AllowAny,)
    authentication_classes = ()

    def get_queryset(self) -> Any:
        items = Item.objects.public().select_related("topic", "genre", "normative_document")
        if (org := params.integer(self.request.query_params, "org")) is not None:
            items = items.filter(org_id=org)
        query = self.request.query_params.get("q", "").strip()[:100]
        return search.search(query, items) if query else items


class NormativeDocumentViewSet(permissions.OrgScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                               viewsets.GenericViewSet):  # type: ignore[type-arg]
    """规章和行政规范性文件登记 of the organisations the caller may see."""

    serializer_class = NormativeDocumentSerializer
    queryset = NormativeDocument.objects.select_related("org")

    @extend_schema(summary="年度报告 第二十条第（一）项（由登记簿计算）",
                   parameters=[OpenApiParameter("org", OpenApiTypes.INT, required=True),
                               OpenApiParameter("year", OpenApiTypes.INT, required=True)],
                   responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def art20_1(self, request: Request) -> Response:
        org, year = params.integer(request.query_params, "org"), params.year(request.query_params)
        if org is None or year is None:
            raise serializers.ValidationError({"org": "请给出机关编号（org）和年度（year）。"})
        found = permissions.get_visible_org_or_404(request.user, org)
        return Response({str(cell): value for cell, value in stats.art20_1(found, year).items()})


router.register("publishing/items", ItemViewSet, basename="publishing-item")
router.register("publishing/catalogue", CatalogueViewSet, basename="publishing-catalogue")
router.register("publishing/register", NormativeDocumentViewSet, basename="publishing-register")
