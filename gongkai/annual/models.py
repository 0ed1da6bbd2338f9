"""The annual report in the platform: the 第二十条 figures, the report record, its reviews, its published versions."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.annual.constants import Decision, FiguresSource, ReportStatus, Source, Stage
from gongkai.orgs.querysets import OrgScopedQuerySet


class Art20Figures(models.Model):
    """第二十条第（五）（六）（八）项 of one agency and year: decision counts and fees, as the agency enters them.

    These are the only figures of the report typed by people: licensing, penalty and coercion decisions
    are kept in other systems (许可、执法平台), fees in the finance system.
    """

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing = models.PositiveIntegerField(_("行政许可本年处理决定数量"))
    penalty = models.PositiveIntegerField(_("行政处罚本年处理决定数量"))
    coercion = models.PositiveIntegerField(_("行政强制本年处理决定数量"))
    fees = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"), max_digits=14, decimal_places=4,
        validators=[MinValueValidator(Decimal(0))],
    )
    source = models.CharField(_("来源"), max_length=10, choices=FiguresSource, default=FiguresSource.FORM)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("填报时间"), auto_now=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("第二十条数据")
        verbose_name_plural = _("第二十条数据")
        ordering = ("-year", "org__sort_order", "org_id")
        constraints = (
            models.UniqueConstraint(fields=["org", "year"], name="art20_figures_one_per_year"),
            models.CheckConstraint(condition=models.Q(fees__gte=0), name="art20_fees_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.org} {self.year}"


class Report(models.Model):
    """An agency's report about one year: its status, its text sections, and (once published) its versions.

    While drafting, the tables are not stored: they are computed from the records each time
    (`gongkai.annual.drafting.draft`). Publication freezes the whole report into a `ReportVersion`.
    An imported report (published elsewhere, read from its file) has only versions.
    """

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("机关"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    status = models.CharField(_("状态"), max_length=20, choices=ReportStatus, default=ReportStatus.DRAFTING)
    source = models.CharField(_("来源"), max_length=10, choices=Source, default=Source.SYSTEM)
    overall = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("六、其他需要报告的事项"), blank=True)
    submission = models.PositiveIntegerField(_("提交审核次数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ("-year", "org__sort_order")
        constraints = (models.UniqueConstraint(fields=["org", "year"], name="annual_report_one_per_year"),)

    def __str__(self) -> str:
        return f"{self.org}{self.year}年政府信息公开工作年度报告"

    @property
    def sections(self) -> dict[str, str]:
        return {"overall": self.overall, "problems": self.problems, "other": self.other}

    @property
    def latest_version(self) -> ReportVersion | None:
        return self.versions.order_by("-number").first()


class ReportReview(models.Model):
    """One stage of one submission's review, by one person."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("年度报告"))
    submission = models.PositiveIntegerField(_("第几次提交"))
    stage = models.CharField(_("审核环节"), max_length=10, choices=Stage)
    decision = models.CharField(_("审核意见"), max_length=10, choices=Decision)
    comment = models.TextField(_("意见说明"), blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.PROTECT,
                                 related_name="+")
    reviewed_at = models.DateTimeField(_("审核时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度报告审核")
        verbose_name_plural = _("年度报告审核")
        ordering = ("submission", "reviewed_at", "pk")
        constraints = (
            models.UniqueConstraint(fields=["report", "submission", "stage"], name="annual_review_one_per_stage"),
        )


def canonical_hash(data: dict[str, Any]) -> str:
    """SHA-256 of the report JSON, canonically serialised (sorted keys, no spaces)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReportVersion(models.Model):
    """A published version, kept for ever: the report as JSON (`gongkai.report.jsonio`), its hash, its HTML page.

    DOCX and PDF are rendered from the JSON on first download and kept with it. An imported report keeps
    the file it was read from.
    """

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions", verbose_name=_("年度报告"))
    number = models.PositiveIntegerField(_("版本"))
    data = models.JSONField(_("报告内容（JSON）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    html = models.TextField(_("网页"))
    docx = models.BinaryField(_("DOCX"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    source_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    source_file = models.BinaryField(_("原文件"), null=True, blank=True)
    note = models.CharField(_("修订说明"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("公开时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("公开人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("年度报告公开版本")
        verbose_name_plural = _("年度报告公开版本")
        ordering = ("report", "number")
        constraints = (models.UniqueConstraint(fields=["report", "number"], name="annual_version_unique_number"),)

    def __str__(self) -> str:
        return f"{self.report}（第{self.number}版）"


class BulkCheck(models.Model):
    """A supervisor's batch check of reports published elsewhere: the files' names and every finding."""

    org = models.ForeignKey("orgs.Organisation", verbose_name=_("检查机关"), on_delete=models.PROTECT,
                            related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("检查人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("检查时间"), auto_now_add=True)
    source = models.CharField(_("来源"), max_length=300)
    results = models.JSONField(_("检查结果"), default=list)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("批量检查")
        verbose_name_plural = _("批量检查")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.source}（{self.created_at:%Y-%m-%d %H:%M}）"

    @property
    def files(self) -> int:
        return len(self.results)

    @property
    def errors(self) -> int:
        return sum(r["errors"] for r in self.results)

    @property
    def outcome_counts(self) -> str:
        """共N份报告：通过a份，有错误b份，未能完整读取c份."""
        from gongkai.annual.bulkcheck import result_status
        from gongkai.report.outcome import Outcome, counts_line

        return counts_line(Outcome(result_status(r)) for r in self.results)
