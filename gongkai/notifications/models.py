"""The outbox (发件箱): every mail a row kept until it is sent, with its attachments; and who turned mails off."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.notifications.constants import MailState
from gongkai.orgs.querysets import OrgScopedQuerySet


class Mail(models.Model):
    """One message to one address; `dedupe_key` names the event and recipient so nothing is sent twice."""

    dedupe_key = models.CharField(_("去重键"), max_length=200, unique=True)
    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("收件人账号"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    to = models.EmailField(_("收件人"))
    subject = models.CharField(_("主题"), max_length=300)
    body = models.TextField(_("正文"))
    event_seq = models.PositiveBigIntegerField(_("审计日志序号"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=MailState, default=MailState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("邮件")
        verbose_name_plural = _("邮件")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["state", "next_attempt_at"], name="mail_due"),)

    def __str__(self) -> str:
        return f"{self.to}：{self.subject}"


class MailAttachment(models.Model):
    """A file sent with a mail, stored with it so a retry sends exactly what was composed."""

    mail = models.ForeignKey(Mail, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    data = models.BinaryField(_("内容"))

    class Meta:
        verbose_name = _("邮件附件")
        verbose_name_plural = _("邮件附件")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name


class MailPreference(models.Model):
    """A person's choice to receive notification mails (on unless turned off)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference")
    enabled = models.BooleanField(_("接收邮件通知"), default=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("邮件通知设置")
        verbose_name_plural = _("邮件通知设置")

    def __str__(self) -> str:
        return f"{self.user}：{'接收' if self.enabled else '不接收'}"


class ComposeCursor(models.Model):
    """The last audit entry whose mails were composed: a catch-up after a crash starts after it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"#{self.seq}"
