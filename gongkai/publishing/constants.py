"""Choices of the publishing app: kinds of normative document, item states, review stages, audit events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.constants import ReviewDecision, ReviewStage


class DocumentKind(models.TextChoices):
    """What the annual report's section 二 第二十条第（一）项 counts (国办公开办函〔2021〕30号)."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")


# The row of table art20_1 (gongkai.law.report_format) that each kind of document is counted in.
REPORT_ROW = {DocumentKind.RULE: "rules", DocumentKind.NORMATIVE: "normative_documents"}


class EndKind(models.TextChoices):
    """How a document stopped being in force by an act of the issuing (or a higher) authority."""

    ABOLISHED = "abolished", _("废止")
    DECLARED_LAPSED = "declared_lapsed", _("宣布失效")


class Validity(models.TextChoices):
    """有效性 as the catalogue shows it."""

    IN_FORCE = "in_force", _("有效")
    NOT_YET = "not_yet", _("尚未施行")
    ABOLISHED = "abolished", _("已废止")
    LAPSED = "lapsed", _("已失效")


class PublishingEvent(models.TextChoices):
    """Audit events of this app."""

    DOC_REGISTERED = "publishing.normative.registered", _("登记规范性文件")
    DOC_UPDATED = "publishing.normative.updated", _("修改规范性文件登记信息")
    DOC_AMENDED = "publishing.normative.amended", _("规范性文件修改（修订）")
    DOC_ENDED = "publishing.normative.ended", _("规范性文件废止或宣布失效")


class Scheme(models.TextChoices):
    """The two classifications of the catalogue (政府信息公开目录)."""

    TOPIC = "topic", _("主题分类")
    GENRE = "genre", _("体裁分类")


class ItemState(models.TextChoices):
    """Where an item stands on the way to publication (“先审查、后公开”)."""

    DRAFT = "draft", _("草稿")
    FIRST_REVIEW = "first_review", _("待初审")
    SECOND_REVIEW = "second_review", _("待复审")
    FINAL_REVIEW = "final_review", _("待终审")
    RETURNED = "returned", _("退回修改")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


Stage = ReviewStage  # 三审, shared with the annual report
Decision = ReviewDecision


class DisclosureMethod(models.TextChoices):
    """公开方式: the channel of 条例 第二十三条 the item is published through."""

    WEBSITE = "website", _("政府网站")
    NEW_MEDIA = "new_media", _("政务新媒体")
    GAZETTE = "gazette", _("政府公报")
    NOTICE_BOARD = "notice_board", _("公开栏（公告栏）")
    PRESS = "press", _("新闻发布会、报刊、广播、电视")


class DisclosureTerm(models.TextChoices):
    """公开时限."""

    LONG_TERM = "long_term", _("长期公开")
    TIME_LIMITED = "time_limited", _("限时公开")


class ItemValidity(models.TextChoices):
    """有效性 of an item that is not a registered normative document."""

    NOT_APPLICABLE = "", _("—")
    IN_FORCE = "in_force", _("有效")
    LAPSED = "lapsed", _("失效")
    ABOLISHED = "abolished", _("废止")


class ItemEvent(models.TextChoices):
    """Audit events of items and their review."""

    CREATED = "publishing.item.created", _("新建信息")
    UPDATED = "publishing.item.updated", _("修改信息")
    SUBMITTED = "publishing.item.submitted", _("提交审核")
    SCREENED = "publishing.item.screened", _("发布前筛查")
    APPROVED = "publishing.item.approved", _("审核通过")
    RETURNED = "publishing.item.returned", _("审核退回")
    FINDING_RESOLVED = "publishing.item.finding_resolved", _("确认筛查问题")
    FINDING_MASKED = "publishing.item.finding_masked", _("遮盖筛查出的个人信息")
    PUBLISHED = "publishing.item.published", _("发布信息")
    CORRECTED = "publishing.item.corrected", _("更正已发布信息")
    WITHDRAWN = "publishing.item.withdrawn", _("撤回已发布信息")
    ATTACHMENT_ADDED = "publishing.item.attachment_added", _("上传附件")
    ATTACHMENT_REMOVED = "publishing.item.attachment_removed", _("删除附件")
    DICTIONARY_SAVED = "publishing.dictionary.saved", _("修改错敏词词典")
    RESCREENED = "publishing.catalogue.rescreened", _("复查已发布信息")
