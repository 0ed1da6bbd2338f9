"""Choices of the requests app: states, outcomes, letters, audit events.

Channels, applicant types and outcomes are the law's (`gongkai.law.requests`); they are turned into
model choices here and never re-typed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.law.corrections import CorrectionDecision
from gongkai.law.deadlines import ConsultationKind
from gongkai.law.fees import FeeMethod
from gongkai.law.requests import OUTCOMES, TABLE3_OUTCOME_ROWS, ApplicantType, ReceiptChannel

CHANNEL_CHOICES = ReceiptChannel.choices()
APPLICANT_TYPE_CHOICES = ApplicantType.choices()
OUTCOME_CHOICES = [(o.key, o.name) for o in OUTCOMES]
TABLE3_ROW_CHOICES = [(row, row) for row in TABLE3_OUTCOME_ROWS]
CONSULTATION_KIND_CHOICES = ConsultationKind.choices()
FEE_METHOD_CHOICES = FeeMethod.choices()
CORRECTION_DECISION_CHOICES = CorrectionDecision.choices()

# Channels staff register (all but the portal's own online form, which the applicant fills in).
STAFF_CHANNELS = tuple(c for c in ReceiptChannel if c is not ReceiptChannel.ONLINE)


class State(models.TextChoices):
    """Where a request stands in the office's work (the legal clock is computed, not stored)."""

    REGISTERED = "registered", _("已登记待分办")
    HANDLING = "handling", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待申请人补正")
    IN_REVIEW = "in_review", _("答复审核中")
    CLOSED = "closed", _("已办结")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效身份证件")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")


class ProvisionForm(models.TextChoices):
    """条例 第二十九条第二款第（三）项: 提供政府信息的形式要求."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class DeliveryWay(models.TextChoices):
    """条例 第二十九条第二款第（三）项: 获取信息的方式、途径."""

    POST = "post", _("邮寄")
    COLLECT = "collect", _("当面领取")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上查看")


class AttachmentKind(models.TextChoices):
    SCAN = "scan", _("申请材料扫描件")
    CORRECTION = "correction", _("补正材料")
    OPINION = "opinion", _("第三方或其他机关意见")
    LETTER = "letter", _("已发出的文书")
    OTHER = "other", _("其他材料")


class LetterKind(models.TextChoices):
    """The documents the office sends: the reply and the standard procedural notices."""

    RECEIPT = "receipt", _("政府信息公开申请接收回执")
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求意见书")
    FEE = "fee", _("收费通知书")
    REPLY = "reply", _("政府信息公开申请答复书")
    REASONS = "reasons", _("说明理由告知书")  # 条例 第三十五条: 要求申请人说明理由
    DEFERRAL = "deferral", _("延迟答复告知书")  # 条例 第三十五条: 确定延迟答复的合理期限并告知申请人
    DISCLOSURE_NOTICE = "disclosure_notice", _("决定公开告知书（第三方）")  # 条例 第三十二条
    RECORD_CORRECTION = "record_correction", _("政府信息记录更正申请答复书")  # 条例 第四十一条


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("已签发")


class RequestEvent(models.TextChoices):
    """Audit events of this app: every change of a request's state is one of these."""

    CREATED = "applications.request.created", _("登记政府信息公开申请")
    CONFIRMED = "applications.request.confirmed", _("确认收到申请")
    ASSIGNED = "applications.request.assigned", _("分办申请")
    CORRECTION_REQUESTED = "applications.request.correction_requested", _("告知补正")
    CORRECTED = "applications.request.corrected", _("收到补正")
    CONSULTATION_SENT = "applications.request.consultation_sent", _("发出征求意见书")
    CONSULTATION_ANSWERED = "applications.request.consultation_answered", _("收到意见")
    FEE_NOTIFIED = "applications.request.fee_notified", _("发出收费通知")
    FEE_PAID = "applications.request.fee_paid", _("缴纳信息处理费")
    FEE_WAIVED = "applications.request.fee_waived", _("减免信息处理费")
    EXTENDED = "applications.request.extended", _("延长答复期限")
    DEFERRED = "applications.request.deferred", _("确定合理的延迟答复期限")
    REASONS_REQUESTED = "applications.request.reasons_requested", _("要求申请人说明理由")
    DISCLOSURE_DECIDED = "applications.request.disclosure_decided", _("决定公开并告知第三方")
    SPLIT = "applications.request.split", _("按一事一申请拆分计件")
    ASSISTANCE_RECORDED = "applications.request.assistance_recorded", _("记录为申请人提供的帮助")
    RECORD_CORRECTION_REGISTERED = "applications.record_correction.registered", _("登记政府信息记录更正申请")
    RECORD_CORRECTION_DECIDED = "applications.record_correction.decided", _("答复政府信息记录更正申请")
    DRAFT_SAVED = "applications.request.draft_saved", _("保存答复草稿")
    DRAFT_SUBMITTED = "applications.request.draft_submitted", _("提交答复审核")
    DRAFT_RETURNED = "applications.request.draft_returned", _("退回答复草稿")
    DRAFT_APPROVED = "applications.request.draft_approved", _("签发答复")
    CLOSED = "applications.request.closed", _("办结申请")
    ATTACHMENT_ADDED = "applications.request.attachment_added", _("上传材料")
    IMPORTED = "applications.request.imported", _("导入申请台账")
    TEMPLATE_CHANGED = "applications.template.changed", _("修改文书模板")
