"""Choices and audit events of 督促整改 (条例 第四十七条)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """What the agency is asked to correct."""

    REPORT_ERROR = "report_error", _("年度报告错误")
    REPORT_LATE = "report_late", _("年度报告逾期未公开")
    OVERDUE_REQUEST = "overdue_request", _("申请逾期未答复")
    NOT_PUBLISHED = "not_published", _("信息未在20个工作日内公开")
    COMPLAINT = "complaint", _("投诉举报成立")
    OTHER = "other", _("其他")


class NoticeStatus(models.TextChoices):
    SENT = "sent", _("待整改")
    ANSWERED = "answered", _("已报送整改情况")
    CLOSED = "closed", _("已销号")


class OversightEvent(models.TextChoices):
    """Audit events of this app."""

    ISSUED = "oversight.notice.issued", _("发出整改通知")
    ANSWERED = "oversight.notice.answered", _("报送整改情况")
    CLOSED = "oversight.notice.closed", _("整改通知销号")
    REOPENED = "oversight.notice.reopened", _("整改通知退回重新整改")
    RECHECKED = "oversight.notice.rechecked", _("整改后的年度报告自动复查")


class BulletinKind(models.TextChoices):
    PRAISE = "praise", _("通报表扬")
    CRITICISM = "criticism", _("通报批评")
    GENERAL = "general", _("情况通报")


class BulletinEvent(models.TextChoices):
    """Audit events of 通报."""

    DRAFTED = "oversight.bulletin.drafted", _("起草通报")
    UPDATED = "oversight.bulletin.updated", _("修改通报")
    PUBLISHED = "oversight.bulletin.published", _("在门户网站公布通报")
