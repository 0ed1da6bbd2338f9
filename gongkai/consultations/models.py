"""意见征集: a draft put to the public for a period, the comments and their replies, the 采纳情况;
回应关切: a published response to a matter of public concern."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.consultations.constants import Adoption
from gongkai.orgs.querysets import OrgScopedQuerySet

USER = settings.AUTH_USER_MODEL


class ConsultationQuerySet(OrgScopedQuerySet):
    def public(self) -> ConsultationQuerySet:
        return self.filter(published_at__isnull=False)


class Consultation(models.Model):
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT,
                            related_name="consultations")
    title = models.CharField(_("征求意见稿标题"), max_length=300)
    summary = models.CharField(_("起草说明"), max_length=1000, blank=True)
    body = models.TextField(_("征求意见稿正文"))
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    short_period_reason = models.CharField(_("期限少于30日的理由"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    result = models.TextField(_("意见采纳情况"), blank=True)
    result_published_at = models.DateTimeField(_("采纳情况公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("起草人"), null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ("-opens_on", "-pk")

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: dt.date) -> bool:
        """Comments are taken from the first to the last day of the period, once published."""
        return self.published_at is not None and self.opens_on <= today <= self.closes_on

    def status(self, today: dt.date) -> str:
        if self.published_at is None:
            return str(_("草稿"))
        if self.result_published_at is not None:
            return str(_("已公布采纳情况"))
        if today < self.opens_on:
            return str(_("尚未开始"))
        return str(_("征求意见中")) if today <= self.closes_on else str(_("已截止"))


class Comment(models.Model):
    """A comment from the public; name and contact are for the reply and never shown."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("意见征集"), on_delete=models.CASCADE,
                                     related_name="comments")
    name = models.CharField(_("姓名或名称"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    text = models.TextField(_("意见内容"))
    screening = models.JSONField(_("筛查提示"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    adoption = models.CharField(_("采纳情况"), max_length=20, choices=Adoption, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_by = models.ForeignKey(USER, verbose_name=_("答复人"), null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公众意见")
        verbose_name_plural = _("公众意见")
        ordering = ("consultation", "submitted_at", "pk")

    def __str__(self) -> str:
        return self.text[:40]


class ConcernQuerySet(OrgScopedQuerySet):
    def public(self) -> ConcernQuerySet:
        return self.filter(published_at__isnull=False)


class ConcernResponse(models.Model):
    """回应关切: the agency's published response to a matter of public concern, with where the concern was
    raised and when."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT,
                            related_name="concern_responses")
    title = models.CharField(_("标题"), max_length=300)
    concern = models.CharField(_("关切事项"), max_length=500)
    source = models.CharField(_("关切来源"), max_length=100, help_text=_("例如：网民留言、媒体报道、12345热线。"))
    raised_on = models.DateField(_("关切提出日期"))
    body = models.TextField(_("回应内容"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("撰稿人"), null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("回应关切")
        verbose_name_plural = _("回应关切")
        ordering = ("-published_at", "-pk")

    def __str__(self) -> str:
        return self.title
