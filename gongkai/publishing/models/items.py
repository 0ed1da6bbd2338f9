"""Items (信息) of the catalogue, their attachments, reviews, screening findings and corrections."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.querysets import OrgScopedQuerySet
from gongkai.publishing.constants import (
    Decision,
    DisclosureMethod,
    DisclosureTerm,
    ItemState,
    ItemValidity,
    Scheme,
    Stage,
)

USER = settings.AUTH_USER_MODEL


class Category(models.Model):
    """One entry of a catalogue vocabulary (主题分类 or 体裁分类); administrators edit the lists."""

    scheme = models.CharField(_("分类体系"), max_length=10, choices=Scheme)
    code = models.CharField(_("代码"), max_length=20)
    name = models.CharField(_("名称"), max_length=50)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("目录分类")
        verbose_name_plural = _("目录分类")
        ordering = ("scheme", "sort_order", "code")
        constraints = (
            models.UniqueConstraint(fields=["scheme", "code"], name="category_unique_code"),
            models.UniqueConstraint(fields=["scheme", "name"], name="category_unique_name"),
        )

    def __str__(self) -> str:
        return self.name


class ItemQuerySet(OrgScopedQuerySet):
    def public(self) -> ItemQuerySet:
        """What the public catalogue shows: published items, never drafts, items in review or withdrawn."""
        return self.filter(state=ItemState.PUBLISHED)

    def awaiting_review(self) -> ItemQuerySet:
        return self.filter(state__in=REVIEW_STATES)


REVIEW_STATES = (ItemState.FIRST_REVIEW, ItemState.SECOND_REVIEW, ItemState.FINAL_REVIEW)
STAGE_OF_STATE = {
    ItemState.FIRST_REVIEW: Stage.FIRST,
    ItemState.SECOND_REVIEW: Stage.SECOND,
    ItemState.FINAL_REVIEW: Stage.FINAL,
}


class Item(models.Model):
    """A piece of government information (政府信息) on its way to, or in, the public catalogue."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="items")
    index_number = models.CharField(
        _("索引号"), max_length=80, unique=True, null=True, blank=True, help_text=_("发布时按本地规则自动编号。")
    )
    title = models.CharField(_("标题"), max_length=300)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    body = models.TextField(_("正文"), blank=True)
    publisher = models.CharField(_("发布机构"), max_length=100)
    made_on = models.DateField(
        _("成文日期"), help_text=_("信息形成或者变更之日；自此起20个工作日内公开（条例 第二十六条）。")
    )
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    topic = models.ForeignKey(
        Category, verbose_name=_("主题分类"), on_delete=models.PROTECT, related_name="topic_items",
        limit_choices_to={"scheme": Scheme.TOPIC, "is_active": True},
    )
    genre = models.ForeignKey(
        Category, verbose_name=_("体裁分类"), on_delete=models.PROTECT, related_name="genre_items",
        limit_choices_to={"scheme": Scheme.GENRE, "is_active": True},
    )
    disclosure_method = models.CharField(
        _("公开方式"), max_length=20, choices=DisclosureMethod, default=DisclosureMethod.WEBSITE
    )
    disclosure_term = models.CharField(
        _("公开时限"), max_length=20, choices=DisclosureTerm, default=DisclosureTerm.LONG_TERM
    )
    public_until = models.DateField(_("公开截止日期"), null=True, blank=True, help_text=_("限时公开的填写。"))
    validity = models.CharField(_("有效性"), max_length=20, choices=ItemValidity, blank=True, default="")
    normative_document = models.ForeignKey(
        "publishing.NormativeDocument", verbose_name=_("对应的规范性文件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="items",
        help_text=_("本信息公开的是登记的规章或行政规范性文件（本机关或上级机关的）时选择；有效性随登记信息显示。"),
    )
    interprets = models.ForeignKey(
        "self", verbose_name=_("所解读的文件"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="interpretations",
        help_text=_("政策解读：所解读的规范性文件（同步起草、同步审签、同步发布）。"),
    )
    state = models.CharField(_("状态"), max_length=20, choices=ItemState, default=ItemState.DRAFT)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    screened_at = models.DateTimeField(_("筛查时间"), null=True, blank=True)
    screening_version = models.CharField(_("筛查词典版本"), max_length=80, blank=True)
    review_round = models.PositiveSmallIntegerField(_("送审轮次"), default=0)
    created_by = models.ForeignKey(
        USER, verbose_name=_("撰稿人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("信息")
        verbose_name_plural = _("信息")
        ordering = ("-published_at", "-made_on", "-pk")
        indexes = (
            models.Index(fields=("state", "published_at"), name="item_state_published"),
            models.Index(fields=("org", "state"), name="item_org_state"),
            # the catalogue's 主题 and 体裁 counts, read from the index alone (200,000 items: 20 ms, not 200)
            models.Index(fields=("state", "topic"), name="item_state_topic"),
            models.Index(fields=("state", "genre"), name="item_state_genre"),
        )
        constraints = (
            models.CheckConstraint(
                condition=~Q(disclosure_term=DisclosureTerm.TIME_LIMITED) | Q(public_until__isnull=False),
                name="item_time_limited_has_end",
                violation_error_message=_("限时公开的须填写公开截止日期。"),
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def stage(self) -> Stage | None:
        """The review stage the item waits for, if any."""
        return STAGE_OF_STATE.get(ItemState(self.state))

    @property
    def is_public(self) -> bool:
        return self.state == ItemState.PUBLISHED

    def validity_label(self, on: dt.date | None = None) -> str:
        """有效性 as the catalogue shows it: from the register for a normative document, else as entered."""
        if self.normative_document_id is not None:
            return str(self.normative_document.validity_on(on or timezone.localdate()).label)
        return str(ItemValidity(self.validity).label) if self.validity else "—"


def attachment_path(instance: Attachment, filename: str) -> str:
    """Stored under a random name: the original name is kept in the row, never trusted as a path."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"publishing/{instance.item.org_id}/{uuid4().hex}{suffix}"


class AttachmentQuerySet(OrgScopedQuerySet):
    org_field = "item__org"


class Attachment(models.Model):
    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        USER, verbose_name=_("上传人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ("item", "pk")

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """One decision of one stage (初审/复审/终审) on an item, with the reviewer and the comment."""

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("送审轮次"), default=1)
    stage = models.CharField(_("审核环节"), max_length=10, choices=Stage)
    decision = models.CharField(_("审核结果"), max_length=10, choices=Decision)
    reviewer = models.ForeignKey(USER, verbose_name=_("审核人"), on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("审核意见"), blank=True)
    decided_at = models.DateTimeField(_("审核时间"), default=timezone.now)

    class Meta:
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        ordering = ("item", "decided_at", "pk")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.get_decision_display()} · {self.reviewer}"


class Finding(models.Model):
    """A screening finding on an item's current text, and, once a reviewer has looked, their resolution."""

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="findings")
    field = models.CharField(_("所在部分"), max_length=20)  # title, summary, body, or "attachment:<id>"
    rule = models.CharField(_("规则"), max_length=60)
    category = models.CharField(_("类别"), max_length=20)
    severity = models.CharField(_("严重程度"), max_length=10)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    text = models.CharField(_("查出的文字"), max_length=200)
    message = models.CharField(_("说明"), max_length=500)
    suggestion = models.CharField(_("建议"), max_length=200, blank=True)
    source = models.CharField(_("来源"), max_length=300, blank=True)
    blocking = models.BooleanField(_("阻止发布"), default=False)
    resolved_by = models.ForeignKey(USER, verbose_name=_("确认人"), null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    resolved_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    resolution = models.TextField(_("确认理由"), blank=True)

    class Meta:
        verbose_name = _("筛查问题")
        verbose_name_plural = _("筛查问题")
        ordering = ("item", "field", "start", "pk")
        indexes = (models.Index(fields=("item", "resolved_at"), name="finding_item_resolved"),)

    def __str__(self) -> str:
        return self.message

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def excerpt(self) -> dict[str, Any]:
        return {"field": self.field, "rule": self.rule, "text": self.text, "start": self.start}


class Correction(models.Model):
    """A change to a published item (更正) or its withdrawal (撤回), with the reason."""

    class Kind(models.TextChoices):
        CORRECTED = "corrected", _("更正")
        WITHDRAWN = "withdrawn", _("撤回")

    item = models.ForeignKey(Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind)
    reason = models.TextField(_("理由"))
    before = models.JSONField(_("修改前"), default=dict, blank=True)
    after = models.JSONField(_("修改后"), default=dict, blank=True)
    actor = models.ForeignKey(USER, verbose_name=_("操作人"), null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("更正与撤回记录")
        verbose_name_plural = _("更正与撤回记录")
        ordering = ("item", "at", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.item}"


class SearchGram(models.Model):
    """The distinct character bigrams of a published item's title and body: the full-text index that works
    the same on SQLite and PostgreSQL (see gongkai.publishing.search)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", db_index=False)
    gram = models.CharField(max_length=2)

    class Meta:
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")
        constraints = (models.UniqueConstraint(fields=["gram", "item"], name="searchgram_unique"),)
        indexes = (models.Index(fields=("item",), name="searchgram_item"),)

    def __str__(self) -> str:
        return self.gram


class ScreeningDictionary(models.Model):
    """An administrator's 错敏词 list, in the screening engine's TSV format, used beside the built-in packs."""

    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("机关"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="screening_dictionaries", help_text=_("留空则全平台通用；选择机关则只用于该机关的信息。"),
    )
    slug = models.SlugField(
        _("标识"), max_length=40, help_text=_("英文字母、数字、连字符；查出的问题标为“dict.标识”。")
    )
    name = models.CharField(_("名称"), max_length=100)
    source = models.CharField(_("来源"), max_length=300, help_text=_("词条的出处，例如“本机关整理”或文件名称。"))
    content = models.TextField(
        _("词条"),
        help_text=_(
            "每行：词条<TAB>正确写法<TAB>类别<TAB>说明；"
            "类别可为 严重表述错误、错别字、敏感词、涉密标识、不宜公开标识。"
        ),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    updated_by = models.ForeignKey(
        USER, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("错敏词词典")
        verbose_name_plural = _("错敏词词典")
        ordering = ("org__name", "name")
        constraints = (models.UniqueConstraint(fields=["slug"], name="screeningdictionary_unique_slug"),)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from gongkai.screening import DictionaryError, parse_dictionary

        try:
            parse_dictionary(self.content, id=self.slug or "dictionary", path=f"词典“{self.name}”")
        except DictionaryError as exc:
            raise ValidationError({"content": str(exc)}) from None
