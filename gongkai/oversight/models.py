"""督促整改 (条例 第四十七条): a rectification notice (整改通知) from a supervising office to an agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.oversight.constants import BulletinKind, ItemKind, NoticeStatus


class Notice(models.Model):
    """One notice: what to correct, by when; the agency's answer; the office's closing or reopening."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("整改机关"), on_delete=models.PROTECT,
                            related_name="rectification_notices")
    office = models.ForeignKey("orgs.Organisation", verbose_name=_("发文机关"), on_delete=models.PROTECT,
                               related_name="rectification_notices_issued")
    year = models.PositiveIntegerField(_("所涉报告年度"), null=True, blank=True)
    due_on = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=10, choices=NoticeStatus, default=NoticeStatus.SENT)
    note = models.TextField(_("整改要求"), blank=True)
    answer = models.TextField(_("整改情况"), blank=True)
    answered_on = models.DateField(_("报送日期"), null=True, blank=True)
    # what the agency points to as its correction: information it published, its corrected report
    answered_items = models.ManyToManyField("publishing.Item", verbose_name=_("整改中公开的信息"), blank=True,
                                            related_name="+")
    answered_version = models.ForeignKey("annual.ReportVersion", verbose_name=_("修订后的年度报告版本"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    reopen_note = models.TextField(_("退回意见"), blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    recheck = models.CharField(_("自动复查结果"), max_length=300, blank=True)
    recheck_errors = models.PositiveIntegerField(_("复查错误数"), null=True, blank=True)
    rechecked_at = models.DateTimeField(_("复查时间"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发出人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("发出日期"))

    class Meta:
        verbose_name = _("整改通知")
        verbose_name_plural = _("整改通知")
        ordering = ("-issued_on", "-pk")
        indexes = (models.Index(fields=["org", "status"]), models.Index(fields=["office", "status"]))

    def __str__(self) -> str:
        return f"整改通知 {self.org}（{self.issued_on}）"


class NoticeItem(models.Model):
    """One finding the agency must correct."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("类别"), max_length=20, choices=ItemKind)
    text = models.CharField(_("问题"), max_length=500)

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.text


class Bulletin(models.Model):
    """通报 (条例 第四十七条): praise or criticism of agencies from a period's figures, in official layout."""

    office = models.ForeignKey("orgs.Organisation", verbose_name=_("发文机关"), on_delete=models.PROTECT,
                               related_name="bulletins")
    year = models.PositiveIntegerField(_("所涉年度"))
    kind = models.CharField(_("类别"), max_length=10, choices=BulletinKind)
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("发文字号"), max_length=100, blank=True)
    addressees = models.CharField(_("主送机关"), max_length=300)
    body = models.TextField(_("正文"))
    signed_on = models.DateField(_("成文日期"))
    published_at = models.DateTimeField(_("在门户网站公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("起草时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ("-signed_on", "-pk")

    def __str__(self) -> str:
        return self.title

