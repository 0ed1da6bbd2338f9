"""Review states of a finding and the audit events of this app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionState(models.TextChoices):
    """A supervisor's decision on a finding; a finding without one is 待确认 (open)."""

    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已排除")


OPEN_LABEL = _("待确认")


class FindingEvent(models.TextChoices):
    """Audit events of this app."""

    DECIDED = "findings.decision.made", _("确认或排除检查发现的问题")
    REOPENED = "findings.decision.reopened", _("撤销对检查发现的问题的决定")
    COLLECTED = "findings.report.collected", _("从机关网站收集到年度报告的新版本")
