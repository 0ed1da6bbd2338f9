"""Conversions of requested information to proactive publication (条例 第四十四条) and the register of
withheld information with its reviews (条例 第十八条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.constants import ConversionDecision, ReviewDecision, WithheldState
from gongkai.orgs.querysets import OrgScopedQuerySet

USER = settings.AUTH_USER_MODEL


class Conversion(models.Model):
    """The agency's decision on requests for the same information: publish it proactively (an item that goes
    through the 三审 and, once published, answers them all) or not, with the reason."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT,
                            related_name="conversions")
    subject = models.CharField(_("所申请的信息"), max_length=300)
    decision = models.CharField(_("决定"), max_length=10, choices=ConversionDecision)
    reason = models.TextField(_("理由"), blank=True)
    requests = models.ManyToManyField("applications.Request", verbose_name=_("相关申请"), related_name="conversions")
    item = models.OneToOneField("publishing.Item", verbose_name=_("主动公开的信息"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="conversion")
    similarity = models.DecimalField(_("相似度"), max_digits=3, decimal_places=2, null=True, blank=True)
    decided_by = models.ForeignKey(USER, verbose_name=_("决定人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("决定时间"), default=timezone.now)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("依申请公开转主动公开")
        verbose_name_plural = _("依申请公开转主动公开")
        ordering = ("-decided_at", "-pk")

    def __str__(self) -> str:
        return self.subject


class WithheldEntry(models.Model):
    """One 不予公开 or 部分公开 reply: what was withheld, on which ground, and when it is next reviewed."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT,
                            related_name="withheld_entries")
    request = models.OneToOneField("applications.Request", verbose_name=_("申请"), on_delete=models.PROTECT,
                                   related_name="withheld_entry")
    information = models.CharField(_("不予公开的信息"), max_length=500)
    outcome = models.CharField(_("答复类型"), max_length=40)
    ground = models.CharField(_("不予公开的理由和依据"), max_length=300)
    reasons = models.TextField(_("答复中说明的理由"), blank=True)
    decided_on = models.DateField(_("答复日期"))
    next_review = models.DateField(_("下次评估审查日期"))
    state = models.CharField(_("状态"), max_length=10, choices=WithheldState, default=WithheldState.WITHHELD)
    item = models.OneToOneField("publishing.Item", verbose_name=_("转为公开的信息"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="withheld_entry")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("不予公开信息登记")
        verbose_name_plural = _("不予公开信息登记")
        ordering = ("next_review", "pk")
        indexes = (models.Index(fields=("org", "state", "next_review"), name="withheld_org_state_review"),)

    def __str__(self) -> str:
        return self.information


class WithheldReview(models.Model):
    """One periodic review (定期评估审查) of a withheld entry."""

    entry = models.ForeignKey(WithheldEntry, verbose_name=_("登记"), on_delete=models.CASCADE,
                              related_name="reviews")
    decided_on = models.DateField(_("审查日期"))
    decision = models.CharField(_("审查结论"), max_length=10, choices=ReviewDecision)
    reason = models.TextField(_("理由"))
    reviewer = models.ForeignKey(USER, verbose_name=_("审查人"), null=True, on_delete=models.PROTECT,
                                 related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评估审查记录")
        verbose_name_plural = _("评估审查记录")
        ordering = ("entry", "decided_on", "pk")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · {self.decided_on}"
