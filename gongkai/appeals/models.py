"""行政复议 and 行政诉讼 cases about an agency's disclosure work: the records table 四 is counted from."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.appeals.constants import AppealKind, AppealResult
from gongkai.orgs.querysets import OrgScopedQuerySet


class Appeal(models.Model):
    """One case: who brought it, where, when it was filed and decided, and how it ended."""

    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("被申请人（被告）机关"), on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField(_("案件类型"), max_length=20, choices=AppealKind)
    case_number = models.CharField(_("案号"), max_length=100, blank=True, help_text=_("如：某复字〔2024〕3号"))
    applicant = models.CharField(_("申请人（原告）"), max_length=100)
    body = models.CharField(_("复议机关（人民法院）"), max_length=100, blank=True)
    filed_on = models.DateField(_("申请（起诉）日期"))
    decided_on = models.DateField(_("决定（裁判）日期"), null=True, blank=True, help_text=_("尚未审结的不填。"))
    result = models.CharField(
        _("结果"), max_length=20, choices=AppealResult, blank=True, help_text=_("尚未审结的不填。")
    )
    request = models.ForeignKey(
        "applications.Request", verbose_name=_("所涉申请（本系统中的）"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="appeals",
    )
    request_reference = models.CharField(
        _("所涉申请"),
        max_length=200,
        blank=True,
        help_text=_("所涉政府信息公开申请的编号或说明（申请不在本系统中时填写）。"),
    )
    summary = models.TextField(_("案情摘要"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议、行政诉讼案件")
        verbose_name_plural = _("行政复议、行政诉讼案件")
        ordering = ("-filed_on", "-pk")
        indexes = (models.Index(fields=["org", "filed_on"]), models.Index(fields=["org", "decided_on"]))
        constraints = (
            models.CheckConstraint(
                condition=(models.Q(decided_on__isnull=True) & models.Q(result=""))
                | (models.Q(decided_on__isnull=False) & ~models.Q(result="")),
                name="appeal_decided_has_result",
                violation_error_message=_("审结的案件须同时填写决定日期和结果；尚未审结的两项都不填。"),
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True) | models.Q(decided_on__gte=models.F("filed_on")),
                name="appeal_decided_after_filed",
                violation_error_message=_("决定（裁判）日期不能早于申请（起诉）日期。"),
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.applicant}（{self.filed_on}）"

    @property
    def is_pending(self) -> bool:
        return self.decided_on is None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.decided_on is not None and not self.result:
            errors["result"] = _("已填写决定日期，请选择结果。")
        if self.result and self.decided_on is None:
            errors["decided_on"] = _("已选择结果，请填写决定（裁判）日期。")
        if self.decided_on is not None and self.filed_on is not None and self.decided_on < self.filed_on:
            errors["decided_on"] = _("决定（裁判）日期不能早于申请（起诉）日期。")
        if self.request is not None and self.request.org_id != self.org_id:
            errors["request"] = _("所涉申请须是本机关收到的申请。")
        if errors:
            raise ValidationError(errors)
