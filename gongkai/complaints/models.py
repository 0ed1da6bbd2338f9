"""投诉举报 (条例 第五十一条): a complaint about an agency's disclosure work, handled by its supervising office."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.complaints.constants import Channel, ComplaintKind, Finding, Status


class Complaint(models.Model):
    """One complaint: against `org`, handled by `office` (the agency's supervising office, never `org`)."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("被投诉机关"), on_delete=models.PROTECT,
                            related_name="complaints")
    office = models.ForeignKey("orgs.Organisation", verbose_name=_("受理机关"), on_delete=models.PROTECT,
                               related_name="complaints_handled")
    tracking_code = models.CharField(_("查询码"), max_length=16, unique=True)
    channel = models.CharField(_("来源"), max_length=10, choices=Channel, default=Channel.ONLINE)
    kind = models.CharField(_("投诉事项"), max_length=20, choices=ComplaintKind)
    request_reference = models.CharField(_("所涉申请编号"), max_length=100, blank=True)
    description = models.TextField(_("投诉举报内容"))
    # the complainant's identity: shown to the agency only when the office shares it
    name = models.CharField(_("投诉人姓名或名称"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    identity_shared = models.BooleanField(_("已向被投诉机关提供投诉人信息"), default=False)
    received_on = models.DateField(_("收到日期"))
    reply_due = models.DateField(_("答复期限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status, default=Status.RECEIVED)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("要求说明的事项"), blank=True)
    asked_on = models.DateField(_("要求说明日期"), null=True, blank=True)
    explanation_due = models.DateField(_("说明期限"), null=True, blank=True)
    explanation = models.TextField(_("被投诉机关的说明"), blank=True)
    explained_on = models.DateField(_("说明日期"), null=True, blank=True)
    finding = models.CharField(_("处理结论"), max_length=12, choices=Finding, blank=True)
    reply = models.TextField(_("答复意见"), blank=True)
    correction_ordered = models.BooleanField(_("责令改正"), default=False)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("投诉举报")
        verbose_name_plural = _("投诉举报")
        ordering = ("-received_on", "-pk")
        indexes = (models.Index(fields=["org", "received_on"]), models.Index(fields=["office", "status"]))

    def __str__(self) -> str:
        return f"投诉举报 {self.tracking_code}（{self.org}）"


def _attachment_path(instance: ComplaintAttachment, filename: str) -> str:
    return f"complaints/{instance.complaint.office_id}/{instance.complaint_id}/{PurePosixPath(filename).name}"


class ComplaintAttachment(models.Model):
    """Evidence the complainant sent (checked for size and content as on the application form)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("投诉材料")
        verbose_name_plural = _("投诉材料")

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """社会评议 (条例 第五十条): a member of the public's score (1–5) and comment on an agency's disclosure work."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("被评议机关"), on_delete=models.PROTECT,
                            related_name="ratings")
    score = models.PositiveSmallIntegerField(_("评分"), choices=[(n, str(n)) for n in range(1, 6)])
    comment = models.TextField(_("意见建议"), blank=True)
    submitted_on = models.DateField(_("评议日期"))

    class Meta:
        verbose_name = _("社会评议")
        verbose_name_plural = _("社会评议")
        ordering = ("-submitted_on", "-pk")
        indexes = (models.Index(fields=["org", "submitted_on"]),)

    def __str__(self) -> str:
        return f"{self.org} {self.score}分（{self.submitted_on}）"
