"""API: organisations, their people and roles, and the caller's own account — scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.orgs import permissions, services
from gongkai.orgs.models import Membership, Organisation
from gongkai.orgs.serializers import MembershipSerializer, MeSerializer, OrganisationSerializer
from gongkai.web import params
from gongkai.web.api import router


@extend_schema_view(
    list=extend_schema(summary="可查看的机关"),
    retrieve=extend_schema(summary="一个机关"),
    update=extend_schema(summary="修改机关信息（本机关管理员、公开工作机构负责人）"),
    partial_update=extend_schema(summary="修改机关信息的部分项目"),
)
class OrganisationViewSet(
    permissions.OrgScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.select_related("person_in_charge")

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:  # type: ignore[type-arg]
        org = serializer.instance
        if not permissions.can_manage_org(self.request.user, org):
            raise PermissionDenied("只有本机关的管理员或公开工作机构负责人可以修改机关信息。")
        try:
            serializer.instance = services.update_org(org, actor=self.request.user, data=serializer.validated_data)
        except DjangoValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            raise serializers.ValidationError(detail) from None


@extend_schema_view(
    list=extend_schema(
        summary="人员与角色（可查看机关的）",
        parameters=[OpenApiParameter("org", OpenApiTypes.INT, description="机关编号")],
    ),
    retrieve=extend_schema(summary="一项角色分配"),
)
class MembershipViewSet(permissions.OrgScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = MembershipSerializer
    queryset = Membership.objects.select_related("user", "org")

    def get_queryset(self) -> Any:
        memberships = super().get_queryset()
        if (org := params.integer(self.request.query_params, "org")) is not None:
            memberships = memberships.filter(org_id=org)
        return memberships


class MeViewSet(viewsets.ViewSet):
    """The caller's account, roles, and the organisations they may read."""

    @extend_schema(summary="当前账号", responses=MeSerializer)
    def list(self, request: Request) -> Response:
        user = request.user
        data = {
            "username": user.get_username(),
            "full_name": user.full_name,
            "account_type": user.account_type,
            "is_superuser": user.is_superuser,
            "memberships": Membership.objects.filter(user=user).select_related("user", "org"),
            "visible_orgs": sorted(permissions.visible_org_ids(user)),
        }
        return Response(MeSerializer(data).data)


router.register("orgs", OrganisationViewSet, basename="org")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("me", MeViewSet, basename="me")
