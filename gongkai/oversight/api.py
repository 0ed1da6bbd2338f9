"""API: 整改通知 the caller may see (its offices' and those to its own agencies), with the agency's answer and
the office's closing or reopening through the same services; 通报 of the caller's offices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from gongkai.orgs import permissions
from gongkai.oversight import services
from gongkai.oversight.models import Bulletin, Notice, NoticeItem
from gongkai.web.api import router


class ItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = NoticeItem
        fields = ("kind", "text")


class NoticeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = Notice
        fields = ("id", "org", "office", "year", "issued_on", "due_on", "status", "note", "items", "answer",
                  "answered_on", "answered_items", "answered_version", "reopen_note", "closed_on", "recheck",
                  "recheck_errors", "rechecked_at")
        read_only_fields = fields


class TextSerializer(serializers.Serializer):  # type: ignore[type-arg]
    text = serializers.CharField(max_length=8000, required=False, allow_blank=True, default="")


class AnswerSerializer(TextSerializer):
    items = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False,
                                  default=list, max_length=200, help_text="通知发出后本机关公开的信息编号")
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True,
                                       default=None, help_text="修订后的年度报告版本编号")


def _detail(exc: DjangoValidationError) -> Any:
    return exc.message_dict if hasattr(exc, "error_dict") else exc.messages


@extend_schema(tags=["oversight"])
class NoticeViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """整改通知 (条例 第四十七条)."""

    serializer_class = NoticeSerializer
    permission_classes = (permissions.IsStaffMember,)

    def get_queryset(self) -> Any:
        return services.visible_notices(self.request.user).prefetch_related("items", "answered_items")

    def _step(self, request: Request, run: Any) -> Response:
        notice = self.get_object()
        body = TextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            notice = run(notice, body.validated_data["text"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_detail(exc)) from None
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        return Response(NoticeSerializer(notice).data)

    @extend_schema(summary="报送整改情况（整改机关），可列出整改中公开的信息和修订后的年度报告版本",
                   request=AnswerSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: Any = None) -> Response:
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)

        def run(notice: Notice, text: str) -> Notice:
            from gongkai.annual.models import ReportVersion
            from gongkai.publishing.models import Item

            ids = body.validated_data["items"]
            items = list(Item.objects.filter(pk__in=ids))
            if len(items) != len(set(ids)):
                raise DjangoValidationError({"items": "只能列出本机关在通知发出后公开的信息。"})
            version = None
            if (version_id := body.validated_data["version"]) is not None:
                version = ReportVersion.objects.filter(pk=version_id).first()
                if version is None:
                    raise DjangoValidationError({"version": "只能选择本机关该年度已公开的年度报告版本。"})
            return services.answer(notice, actor=request.user, text=text, items=items, version=version)

        return self._step(request, run)

    @extend_schema(summary="销号（发文机关）", request=TextSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: Any = None) -> Response:
        return self._step(request, lambda n, text: services.close(n, actor=request.user))

    @extend_schema(summary="退回重新整改（发文机关）", request=TextSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: Any = None) -> Response:
        return self._step(request, lambda n, text: services.reopen(n, actor=request.user, note=text))


class BulletinSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Bulletin
        fields = ("id", "office", "year", "kind", "title", "number", "addressees", "body", "signed_on",
                  "published_at")
        read_only_fields = fields


@extend_schema(tags=["oversight"])
class BulletinViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    """通报 of the offices the caller may see."""

    serializer_class = BulletinSerializer
    permission_classes = (permissions.IsStaffMember,)

    def get_queryset(self) -> Any:
        return Bulletin.objects.filter(office_id__in=permissions.visible_org_ids(self.request.user))


router.register("rectification-notices", NoticeViewSet, basename="rectification-notice")
router.register("bulletins", BulletinViewSet, basename="bulletin")
