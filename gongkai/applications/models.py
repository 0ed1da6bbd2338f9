"""Requests for disclosure (政府信息公开申请) and what happens to them.

A request stores the dates of what happened (receipt, correction, extension, reply); every deadline is
computed from them by `gongkai.law.deadlines` and never stored. The closing outcome is one of the
law's `OUTCOMES`, and its table 三 row is recorded with it, so that table 三 is a database aggregate.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications.constants import (
    APPLICANT_TYPE_CHOICES,
    CHANNEL_CHOICES,
    CONSULTATION_KIND_CHOICES,
    CORRECTION_DECISION_CHOICES,
    FEE_METHOD_CHOICES,
    OUTCOME_CHOICES,
    TABLE3_ROW_CHOICES,
    AttachmentKind,
    DeliveryWay,
    DraftStatus,
    IdType,
    LetterKind,
    ProvisionForm,
    State,
)
from gongkai.law.requests import EXTENSION_MAX, TABLE3_OUTCOME_ROWS, ReceiptChannel, late_confirmation
from gongkai.orgs.querysets import OrgScopedQuerySet


class RequestQuerySet(OrgScopedQuerySet):
    """Requests, scoped by agency like every org-owned record."""

    def open(self) -> RequestQuerySet:
        return self.filter(closed__isnull=True)


class RequestChildQuerySet(OrgScopedQuerySet):
    org_field = "request__org"


class Request(models.Model):
    """One application for government information to one agency (条例 第二十七条至第二十九条)."""

    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="disclosure_requests"
    )
    year = models.PositiveSmallIntegerField(_("编号年度"))
    serial = models.PositiveIntegerField(_("年度序号"))
    tracking_code = models.CharField(_("查询码"), max_length=16, unique=True)

    # 条例 第三十一条: the receipt date by channel
    channel = models.CharField(_("申请方式"), max_length=20, choices=CHANNEL_CHOICES)
    submitted_at = models.DateTimeField(_("提交或登记时间"), default=timezone.now)
    handed_in = models.DateField(_("当面提交日期"), null=True, blank=True)
    signed_for = models.DateField(_("签收日期"), null=True, blank=True)
    confirmed = models.DateField(_("双方确认日期"), null=True, blank=True)
    # the day the application arrived: by e-mail (the mail system), 平常信函, fax or the portal; a
    # confirmation later than it is noticed (条例 第三十一条)
    arrived = models.DateField(_("到达日期"), null=True, blank=True)
    received = models.DateField(_("收到申请之日"), null=True, blank=True)

    # 条例 第二十九条: the applicant and the information sought
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType, default=IdType.RESIDENT_ID)
    id_number = models.CharField(_("证件号码"), max_length=40)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure_requests",
    )
    info_title = models.CharField(_("所需信息的名称"), max_length=200, blank=True)
    info_number = models.CharField(_("所需信息的文号"), max_length=100, blank=True)
    description = models.TextField(_("所需信息的内容描述"))
    provision_form = models.CharField(
        _("提供形式"), max_length=20, choices=ProvisionForm, default=ProvisionForm.ELECTRONIC
    )
    delivery_way = models.CharField(_("获取方式"), max_length=20, choices=DeliveryWay, default=DeliveryWay.ONLINE)

    # 条例 第二十九条第一款、第四十三条: oral applications and help for applicants who need it
    oral = models.BooleanField(_("口头提出，由工作人员代为填写"), default=False)
    assistance_needed = models.BooleanField(_("申请人需要帮助（阅读困难或者视听障碍）"), default=False)
    assistance = models.TextField(_("已提供的帮助"), blank=True)

    # 国办函〔2020〕109号 第四条: 一事一申请, a multi-item application counted as its reasonable minimal units
    units = models.PositiveSmallIntegerField(_("计件数（一事一申请）"), default=1)
    split_reason = models.TextField(_("拆分计件理由"), blank=True)

    # handling
    state = models.CharField(_("办理状态"), max_length=20, choices=State, default=State.REGISTERED)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_requests",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_requests",
    )

    # 条例 第三十条: correction
    correction_requested = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_delivered = models.DateField(_("申请人收到补正告知日期"), null=True, blank=True)
    correction_period = models.PositiveSmallIntegerField(_("补正期限（工作日）"), null=True, blank=True)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_received = models.DateField(_("收到补正申请日期"), null=True, blank=True)

    # 条例 第三十三条第二款 and 第三十五条
    extension = models.PositiveSmallIntegerField(_("延长答复期限（工作日）"), default=0)
    extension_approved = models.DateField(_("延期批准日期"), null=True, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延期批准人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_extensions",
    )
    extension_reason = models.TextField(_("延期理由"), blank=True)
    reasons_requested = models.DateField(_("要求说明理由日期"), null=True, blank=True)  # 条例 第三十五条
    reasons_requested_items = models.TextField(_("需要说明理由的事项"), blank=True)
    deferred_to = models.DateField(_("合理的延迟答复期限"), null=True, blank=True)
    deferral_reason = models.TextField(_("延迟答复理由"), blank=True)

    # the outcome: one row of table 三 (国办公开办函〔2021〕30号), recorded with the article
    outcome = models.CharField(_("办理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)
    outcome_row = models.CharField(_("表三统计行"), max_length=40, choices=TABLE3_ROW_CHOICES, blank=True)
    outcome_article = models.CharField(_("法律依据"), max_length=200, blank=True)
    closed = models.DateField(_("答复或办结日期"), null=True, blank=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ("-year", "-serial")
        constraints = (
            models.UniqueConstraint(fields=["org", "year", "serial"], name="request_number_unique"),
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(received__isnull=False, closed__gte=F("received")),
                name="request_closed_after_received",
                violation_error_message=_("办结日期不能早于收到申请之日。"),
            ),
            models.CheckConstraint(
                condition=Q(closed__isnull=True, outcome="", outcome_row="")
                | Q(closed__isnull=False, outcome_row__in=TABLE3_OUTCOME_ROWS) & ~Q(outcome=""),
                name="request_closed_with_one_outcome",
                violation_error_message=_("办结的申请必须有且只有一个办理结果。"),
            ),
            models.CheckConstraint(
                condition=Q(units__gte=1),
                name="request_units_positive",
                violation_error_message=_("计件数至少为1。"),
            ),
            models.CheckConstraint(
                condition=Q(extension__lte=EXTENSION_MAX.length),
                name="request_extension_max",
                violation_error_message=_("延长答复期限最长不得超过20个工作日。"),
            ),
        )
        indexes = (
            # covers table 三's grouped count (gongkai.applications.stats): read from the index alone
            models.Index(
                fields=["org", "received", "closed", "applicant_type", "outcome_row", "units"], name="request_table3"
            ),
            models.Index(fields=["org", "closed"], name="request_org_closed"),
            models.Index(fields=["handler", "closed"], name="request_handler_open"),
        )

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The request's number, e.g. 大寨乡依申请〔2024〕3号."""
        name = self.org.short_name or self.org.name
        return f"{name}依申请〔{self.year}〕{self.serial}号"

    @property
    def is_closed(self) -> bool:
        return self.closed is not None

    @property
    def late_confirmation(self) -> str | None:
        """A confirmation later than the day the application arrived (条例 第三十一条), for staff."""
        return late_confirmation(ReceiptChannel(self.channel), self.arrived, self.confirmed)


class RequestCounter(models.Model):
    """The last number given per agency and year; its row is locked while a number is taken."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("申请编号计数器")
        verbose_name_plural = _("申请编号计数器")
        constraints = (models.UniqueConstraint(fields=["org", "year"], name="request_counter_unique"),)


class Consultation(models.Model):
    """A request for opinion to a third party (第三十二条), a co-maker (第三十四条) or another agency."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("征求意见对象类型"), max_length=20, choices=CONSULTATION_KIND_CHOICES)
    party = models.CharField(_("征求意见对象"), max_length=100)
    party_address = models.CharField(_("对方地址"), max_length=200, blank=True)
    matter = models.TextField(_("征求意见的事项"), blank=True)
    sent = models.DateField(_("发出征求意见书日期"))
    delivered = models.DateField(_("对方收到日期"), null=True, blank=True)
    answered = models.DateField(_("收到意见日期"), null=True, blank=True)
    opinion = models.TextField(_("意见"), blank=True)
    # 条例 第三十二条: disclosed despite the third party's objection, its content and reasons told in writing
    disclosure_decided = models.DateField(_("决定公开并告知第三方日期"), null=True, blank=True)
    disclosure_reason = models.TextField(_("决定公开的理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RequestChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        ordering = ("sent", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.party}"

    @property
    def org(self) -> Any:
        return self.request.org


class FeeNotice(models.Model):
    """A 收费通知 under 国办函〔2020〕109号: the amount, its basis, payment or waiver."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="fee_notice")
    method = models.CharField(_("计收方式"), max_length=20, choices=FEE_METHOD_CHOICES)
    units = models.PositiveIntegerField(_("计费数量（件或页）"))
    already = models.PositiveIntegerField(_("本月此前已申请件数"), default=0)
    amount = models.PositiveIntegerField(_("金额（元）"))
    sent = models.DateField(_("发出收费通知日期"))
    delivered = models.DateField(_("申请人收到日期"), null=True, blank=True)
    paid = models.DateField(_("缴费日期"), null=True, blank=True)
    waived = models.DateField(_("减免日期"), null=True, blank=True)
    waiver_reason = models.TextField(_("减免理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")

    def __str__(self) -> str:
        return f"{self.request} · {self.amount}元"

    @property
    def settled(self) -> date | None:
        """The day the fee stopped holding the request: paid or waived."""
        return self.paid or self.waived


class ReplyDraft(models.Model):
    """A draft of the reply, reviewed and signed off (签发) before the request is closed with it."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="drafts")
    version = models.PositiveSmallIntegerField(_("版本"))
    outcome = models.CharField(_("拟办理结果"), max_length=40, choices=OUTCOME_CHOICES)
    facts = models.TextField(_("答复内容（事实）"))
    reasons = models.TextField(_("理由"), blank=True)
    responsible_agency = models.CharField(_("负责公开的机关及联系方式"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=DraftStatus, default=DraftStatus.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(_("审核意见"), blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("答复草稿")
        verbose_name_plural = _("答复草稿")
        ordering = ("request", "-version")
        constraints = (models.UniqueConstraint(fields=["request", "version"], name="reply_draft_version_unique"),)

    def __str__(self) -> str:
        return f"{self.request} 答复草稿第{self.version}版"


def _attachment_path(instance: Attachment, filename: str) -> str:
    request = instance.request
    return f"applications/{request.org_id}/{request.year}/{request.pk}/{PurePosixPath(filename).name}"


class Attachment(models.Model):
    """A file of a request: a scan of the application, correction material, an opinion, a letter sent."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("材料类型"), max_length=20, choices=AttachmentKind)
    letter_kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind, blank=True)
    file = models.FileField(_("文件"), upload_to=_attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.name


class LetterTemplate(models.Model):
    """An administrator's wording of a letter for one agency (or, without agency, for the whole site);
    an agency without its own uses the site's, and without that the built-in wording."""

    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("机关"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", help_text=_("不选则为全平台通用的模板。"),
    )
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"), help_text=_("可使用 {占位符}，见页面上的说明。"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ("org", "kind")
        constraints = (
            models.UniqueConstraint(fields=["org", "kind"], name="letter_template_per_org"),
            models.UniqueConstraint(fields=["kind"], condition=Q(org__isnull=True), name="letter_template_site"),
        )

    def __str__(self) -> str:
        return f"{self.org or _('全平台')} · {self.get_kind_display()}"


class RecordCorrection(models.Model):
    """A request to correct a record about the applicant (条例 第四十一条): not a 政府信息公开申请, so never in
    table 三 (the annual report format has no row for it)."""

    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="record_corrections"
    )
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_number = models.CharField(_("证件号码"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    record = models.CharField(_("需要更正的政府信息记录"), max_length=200)
    inaccuracy = models.TextField(_("不准确之处及更正内容"))
    evidence = models.TextField(_("证明记录不准确的证据"))
    channel = models.CharField(_("提出方式"), max_length=20, choices=CHANNEL_CHOICES)
    received = models.DateField(_("收到之日"))
    assistance = models.TextField(_("已提供的帮助（条例第四十三条）"), blank=True)
    decision = models.CharField(_("处理结果"), max_length=20, choices=CORRECTION_DECISION_CHOICES, blank=True)
    other_agency = models.CharField(_("有权更正的行政机关"), max_length=100, blank=True)
    decision_note = models.TextField(_("处理说明"), blank=True)
    decided = models.DateField(_("答复日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    letter = models.FileField(_("答复书"), upload_to="applications/corrections/", blank=True, max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息记录更正申请")
        verbose_name_plural = _("政府信息记录更正申请")
        ordering = ("-received", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(decided__isnull=True, decision="") | Q(decided__isnull=False) & ~Q(decision=""),
                name="record_correction_decided_with_decision",
                violation_error_message=_("答复的更正申请必须有处理结果。"),
            ),
        )

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        name = self.org.short_name or self.org.name
        return f"{name}更正〔{self.received.year}〕{self.pk}号"

    # what the letters read of a request (gongkai.applications.letters._common)
    @property
    def tracking_code(self) -> str:
        return ""

    @property
    def submitted_at(self) -> Any:
        return self.created_at

    @property
    def description(self) -> str:
        return self.record


class HolidayDay(models.Model):
    """One day of a State Council holiday notice (放假 or 上班), entered by an administrator."""

    class Kind(models.TextChoices):
        OFF = "off", _("放假")
        WORK = "work", _("上班")

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("安排"), max_length=10, choices=Kind)
    notice = models.CharField(_("文号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("节假日安排（日）")
        verbose_name_plural = _("节假日安排（日）")
        ordering = ("day",)

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.get_kind_display()}"


class HolidayYear(models.Model):
    """A year whose whole arrangement has been entered (its 放假 and 上班 days are all in the table)."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice = models.CharField(_("文号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("节假日安排（全年已录入）")
        verbose_name_plural = _("节假日安排（全年已录入）")
        ordering = ("year",)

    def __str__(self) -> str:
        return f"{self.year}年"
