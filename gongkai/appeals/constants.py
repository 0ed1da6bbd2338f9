"""Choices of the appeals app: the three kinds of case and their results, as table 四 of the report counts them.

The values are the group and result keys of `gongkai.law.report_format` (APPEAL_GROUPS, APPEAL_RESULTS),
so a case maps onto its cell of table 四 without any translation table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealKind(models.TextChoices):
    """行政复议, or 行政诉讼 brought directly or after 行政复议 (国办公开办函〔2021〕30号 表四)."""

    REVIEW = "review", _("行政复议")
    DIRECT_SUIT = "direct_suit", _("行政诉讼（未经复议直接起诉）")
    SUIT_AFTER_REVIEW = "suit_after_review", _("行政诉讼（复议后起诉）")


class AppealResult(models.TextChoices):
    """The result of a decided case; a case not decided at the end of a year is 尚未审结 for that year."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


PENDING = "pending"  # 尚未审结: the table-四 column of cases not decided by 31 December


class Counting(models.TextChoices):
    """How table 四 counts cases in a year. The format does not say (regulation-research §1.7: UNCONFIRMED).

    DECIDED_OR_PENDING (default): cases decided in the year, by their result, plus cases filed on or before
    31 December and still undecided then (尚未审结) — a case pending over several year ends appears in each.
    FILED: cases filed in the year, by their result if decided by 31 December, else 尚未审结.
    """

    DECIDED_OR_PENDING = "decided_or_pending", _("本年审结的按结果计，年底尚未审结的计入尚未审结")
    FILED = "filed", _("按本年受理（提起）的案件计")


class AppealEvent(models.TextChoices):
    """Audit events of this app."""

    CREATED = "appeals.appeal.created", _("登记行政复议、行政诉讼案件")
    UPDATED = "appeals.appeal.updated", _("修改行政复议、行政诉讼案件")
    DELETED = "appeals.appeal.deleted", _("删除行政复议、行政诉讼案件")
