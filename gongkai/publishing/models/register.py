"""The register of 规章 and 行政规范性文件: “三统一” (统一登记、统一编号、统一印发), term, amendments, 废止/失效."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.querysets import OrgScopedQuerySet
from gongkai.publishing.constants import DocumentKind, EndKind, Validity


class NormativeDocumentQuerySet(OrgScopedQuerySet):
    def in_force_on(self, day: dt.date) -> NormativeDocumentQuerySet:
        """Issued by `day`, not ended by an act on or before it, and within its term."""
        return self.filter(
            Q(signed_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gt=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class NormativeDocument(models.Model):
    """One registered 规章 or 行政规范性文件 of the issuing agency (制发机关)."""

    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("制发机关"), on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=DocumentKind, default=DocumentKind.NORMATIVE)
    title = models.CharField(_("文件名称"), max_length=300)
    registration_number = models.CharField(
        _("登记编号"), max_length=60, unique=True, help_text=_("统一登记、统一编号；留空则按本地规则自动编号。")
    )
    document_number = models.CharField(_("文号"), max_length=60, help_text=_("如：某政发〔2023〕5号"))
    signed_on = models.DateField(_("成文日期"), help_text=_("按成文（印发）日期计入当年“本年制发件数”。"))
    effective_on = models.DateField(_("施行日期"))
    valid_until = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("含当日；留空则按本省有效期规则自施行日期起算。")
    )
    is_provisional = models.BooleanField(_("暂行或试行"), default=False)
    ended_on = models.DateField(_("废止（失效）日期"), null=True, blank=True)
    end_kind = models.CharField(_("废止或宣布失效"), max_length=20, choices=EndKind, blank=True)
    end_act = models.CharField(
        _("废止（失效）依据"), max_length=300, blank=True, help_text=_("决定废止的文件名称和文号")
    )
    end_reason = models.TextField(_("废止（失效）理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = NormativeDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("规范性文件登记")
        verbose_name_plural = _("规范性文件登记")
        ordering = ("-signed_on", "-pk")
        indexes = (models.Index(fields=("org", "kind", "signed_on"), name="normdoc_org_kind_signed"),)
        constraints = (
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("signed_on")),
                name="normdoc_effective_after_signed",
                violation_error_message=_("施行日期不能早于成文日期。"),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("effective_on")),
                name="normdoc_valid_until_after_effective",
                violation_error_message=_("有效期截止日不能早于施行日期。"),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_kind="")
                | (Q(ended_on__gte=models.F("signed_on")) & ~Q(end_kind="")),
                name="normdoc_end_complete",
                violation_error_message=_("废止（失效）须同时写明日期和方式，且日期不能早于成文日期。"),
            ),
        )

    def __str__(self) -> str:
        return f"{self.title}（{self.document_number}）"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.signed_on and self.effective_on and self.effective_on < self.signed_on:
            errors["effective_on"] = str(_("施行日期不能早于成文日期。"))
        if self.valid_until and self.effective_on and self.valid_until < self.effective_on:
            errors["valid_until"] = str(_("有效期截止日不能早于施行日期。"))
        if self.ended_on and self.signed_on and self.ended_on < self.signed_on:
            errors["ended_on"] = str(_("废止（失效）日期不能早于成文日期。"))
        if bool(self.ended_on) != bool(self.end_kind):
            errors["end_kind"] = str(_("废止（失效）须同时写明日期和方式。"))
        if errors:
            raise ValidationError(errors)

    def validity_on(self, day: dt.date) -> Validity:
        """有效性 on `day`: an act ends a document first; else the end of its term; else in force once effective."""
        if self.ended_on and self.ended_on <= day:
            return Validity.ABOLISHED if self.end_kind == EndKind.ABOLISHED else Validity.LAPSED
        if self.valid_until and self.valid_until < day:
            return Validity.LAPSED
        if day < self.effective_on:
            return Validity.NOT_YET
        return Validity.IN_FORCE


class Amendment(models.Model):
    """A revision of a registered document (修改、修订) that keeps its registration."""

    document = models.ForeignKey(
        NormativeDocument, verbose_name=_("被修改文件"), on_delete=models.CASCADE, related_name="amendments"
    )
    amended_on = models.DateField(_("修改日期"))
    act = models.CharField(_("修改依据"), max_length=300, help_text=_("修改决定的名称和文号"))
    summary = models.TextField(_("修改内容"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("修改记录")
        verbose_name_plural = _("修改记录")
        ordering = ("document", "amended_on", "pk")

    def __str__(self) -> str:
        return f"{self.document.title} · {self.amended_on:%Y-%m-%d}"
