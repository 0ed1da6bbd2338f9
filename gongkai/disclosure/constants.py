"""Choices and audit events of the disclosure app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosureEvent(models.TextChoices):
    CONVERTED = "disclosure.conversion.created", _("依申请公开转为主动公开")
    DECLINED = "disclosure.conversion.declined", _("决定不转为主动公开")
    WITHHELD_ENTERED = "disclosure.withheld.entered", _("登记不予公开的政府信息")
    WITHHELD_REVIEWED = "disclosure.withheld.reviewed", _("评估审查不予公开的政府信息")


class ConversionDecision(models.TextChoices):
    """What the agency decided about a group of requests for the same information (条例 第四十四条)."""

    CONVERT = "convert", _("转为主动公开")
    DECLINE = "decline", _("不转为主动公开")


class WithheldState(models.TextChoices):
    WITHHELD = "withheld", _("不予公开")
    RELEASED = "released", _("已转为公开")


class ReviewDecision(models.TextChoices):
    """The periodic review of withheld information (条例 第十八条：定期评估审查)."""

    KEEP = "keep", _("继续不予公开")
    RELEASE = "release", _("转为公开")
