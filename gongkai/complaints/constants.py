"""Choices and audit events of 投诉举报 (条例 第五十一条)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    """What the complainant says the agency did wrong."""

    NO_REPLY = "no_reply", _("申请后未予答复")
    LATE = "late", _("逾期答复")
    REFUSAL = "refusal", _("不予公开未说明理由")
    NOT_PUBLISHED = "not_published", _("应当主动公开的信息未公开")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上提交")
    LETTER = "letter", _("信函")
    PHONE = "phone", _("电话")
    VISIT = "visit", _("当面")


class Status(models.TextChoices):
    RECEIVED = "received", _("已受理")
    ASKED = "asked", _("待被投诉机关说明")
    EXPLAINED = "explained", _("被投诉机关已说明")
    REPLIED = "replied", _("已答复")


class Finding(models.TextChoices):
    """The supervising office's conclusion."""

    UPHELD = "upheld", _("成立")
    PARTLY = "partly", _("部分成立")
    NOT_UPHELD = "not_upheld", _("不成立")


class ComplaintEvent(models.TextChoices):
    """Audit events of this app."""

    SUBMITTED = "complaints.complaint.submitted", _("收到网上投诉举报")
    REGISTERED = "complaints.complaint.registered", _("登记投诉举报")
    ASSIGNED = "complaints.complaint.assigned", _("指定投诉举报承办人")
    ASKED = "complaints.complaint.asked", _("要求被投诉机关说明情况")
    EXPLAINED = "complaints.complaint.explained", _("被投诉机关说明情况")
    REPLIED = "complaints.complaint.replied", _("作出投诉举报处理结论并答复")
    IDENTITY_SHARED = "complaints.complaint.identity_shared", _("向被投诉机关提供投诉人信息")
    RATED = "complaints.rating.submitted", _("收到社会评议")
