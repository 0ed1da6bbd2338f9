"""Which agencies a whole-area report covers (an administrator's data), and supervisors' decisions on findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.findings.constants import DecisionState


class Region(models.Model):
    """A whole-area report and the agencies it covers: its figures are held against the sum of theirs."""

    name = models.CharField(_("区域名称"), max_length=100)
    whole = models.OneToOneField(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="region_covered",
        verbose_name=_("发布全区报告的机关"), help_text=_("例如县（区）人民政府：其年度报告覆盖全区"),
    )  # fmt: skip
    members = models.ManyToManyField(
        "orgs.Organisation", related_name="regions", verbose_name=_("所属机关"),
        help_text=_("全区报告的数字应等于这些机关报告之和"),
    )  # fmt: skip
    note = models.TextField(_("说明"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("区域（全区报告与所属机关）")
        verbose_name_plural = _("区域（全区报告与所属机关）")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class FindingDecision(models.Model):
    """A supervisor's 已确认 / 已排除 on one finding of an agency's report of a year, held by its fingerprint:
    the decision carries over to the report's next version while the fingerprint (rule, cells, values) holds."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="finding_decisions",
                            verbose_name=_("机关"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("报告年度"))
    fingerprint = models.CharField(_("问题指纹"), max_length=32)
    rule = models.CharField(_("规则"), max_length=40)
    message = models.TextField(_("问题"))  # as it read when decided
    state = models.CharField(_("状态"), max_length=12, choices=DecisionState)
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   related_name="+", verbose_name=_("决定人"))  # fmt: skip
    decided_at = models.DateTimeField(_("决定时间"))

    class Meta:
        verbose_name = _("问题确认与排除")
        verbose_name_plural = _("问题确认与排除")
        ordering = ("-decided_at",)
        constraints = (models.UniqueConstraint(fields=("org", "year", "fingerprint"), name="findings_decision_once"),)

    def __str__(self) -> str:
        return f"{self.org} {self.year} {self.rule} {self.get_state_display()}"


class ReportSource(models.Model):
    """Where an agency publishes its annual reports: its 政府信息公开年报 column (or a report's page)."""

    org = models.OneToOneField("orgs.Organisation", on_delete=models.CASCADE, related_name="report_source",
                               verbose_name=_("机关"))  # fmt: skip
    url = models.URLField(_("年报栏目网址"), max_length=500,
                          help_text=_("机关网站“政府信息公开年报”栏目的网址，或某一年报告页面的网址"))  # fmt: skip
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年报网址")
        verbose_name_plural = _("年报网址")
        ordering = ("org__name",)

    def __str__(self) -> str:
        return f"{self.org}：{self.url}"


class CollectedPage(models.Model):
    """A page fetched while collecting, with its validators: the next run asks conditionally (ETag, Last-Modified)."""

    url = models.URLField(_("网址"), max_length=1000, unique=True)
    final_url = models.URLField(_("转向后的网址"), max_length=1000)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    charset = models.CharField(max_length=40, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    data = models.BinaryField()
    fetched_at = models.DateTimeField(_("抓取时间"))

    class Meta:
        verbose_name = _("抓取的网页")
        verbose_name_plural = _("抓取的网页")

    def __str__(self) -> str:
        return self.url


class CollectedVersion(models.Model):
    """One version of an agency's report of a year as found on its site: URL, fetch time, hash, bytes, check."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="collected_versions",
                            verbose_name=_("机关"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("报告年度"))
    url = models.URLField(_("报告网址"), max_length=1000)
    fetched_at = models.DateTimeField(_("抓取时间"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    kind = models.CharField(_("文件类型"), max_length=10)
    data = models.BinaryField()
    status = models.CharField(_("结论"), max_length=12, blank=True)  # gongkai.report.outcome.Outcome
    errors = models.PositiveIntegerField(_("错误"), default=0)
    warnings = models.PositiveIntegerField(_("提醒"), default=0)
    findings = models.JSONField(_("检查结果"), default=list)

    class Meta:
        verbose_name = _("收集的报告版本")
        verbose_name_plural = _("收集的报告版本")
        ordering = ("org", "year", "fetched_at")

    def __str__(self) -> str:
        return f"{self.org} {self.year} {self.sha256[:12]}"
