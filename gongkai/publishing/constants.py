"""Choices of the publishing app: kinds of normative document, item states, review stages, audit events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
