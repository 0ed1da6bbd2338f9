"""Organisations, people and their roles."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.constants import ALLOWED_PARENT_KINDS, AccountType, OrgKind, Role
from gongkai.orgs.querysets import OrgScopedQuerySet
from gongkai.orgs.validators import validate_credit_code


class User(AbstractUser):
    """A person who logs in: agency staff (roles through Membership) or an applicant from the public."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    account_type = models.CharField(
        _("账号类型"), max_length=20, choices=AccountType, default=AccountType.STAFF
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_applicant(self) -> bool:
        return self.account_type == AccountType.APPLICANT


class Organisation(models.Model):
    """An agency (行政机关) that discloses information: county government, department, township, station."""

    name = models.CharField(_("机关名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    kind = models.CharField(_("机关类型"), max_length=20, choices=OrgKind)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18位，用于编制索引号；按 GB 32100-2015 校验。"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("隶属于"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    supervising_org = models.ForeignKey(
        "self",
        verbose_name=_("监督机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised",
        help_text=_("对本机关政府信息公开工作进行监督的上级机关；不填则为所隶属的机关。"),
    )
    # 政府信息公开工作机构 (条例 第四条) and its contacts as published in the 公开指南 (条例 第十二条)
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真"), max_length=50, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    online_channel = models.URLField(_("网上申请渠道"), blank=True)
    person_in_charge = models.ForeignKey(
        User,
        verbose_name=_("政府信息公开专人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # 条例 第四十九条: departments publish by 31 January; townships by local rule, so it is per agency.
    report_deadline_month = models.PositiveSmallIntegerField(
        _("年度报告公开期限（月）"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        _("年度报告公开期限（日）"), default=31, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ("sort_order", "name")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(report_deadline_month__gte=1, report_deadline_month__lte=12),
                name="org_report_deadline_month_range",
                violation_error_message=_("月份应在1到12之间。"),
            ),
            models.CheckConstraint(
                condition=models.Q(report_deadline_day__gte=1, report_deadline_day__lte=31),
                name="org_report_deadline_day_range",
                violation_error_message=_("日期应在1到31之间。"),
            ),
        )

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.supervising_org_id is None and self.parent_id is not None:
            self.supervising_org_id = self.parent_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        parent_kind = self.parent.kind if self.parent_id else None
        allowed = ALLOWED_PARENT_KINDS.get(self.kind, frozenset())
        if self.kind and parent_kind not in allowed:
            names = "、".join(str(OrgKind(k).label) for k in allowed if k) or _("无（最上级）")
            errors["parent"] = _("“%(kind)s”的上级应为：%(names)s。") % {
                "kind": OrgKind(self.kind).label,
                "names": names,
            }
        for field in ("parent", "supervising_org"):
            if field not in errors and self._reaches_self(field):
                errors[field] = _("上下级关系不能循环：所选机关已是本机关的下级。")
        try:
            self.report_deadline(2024)  # 2025 is not a leap year: no 29 February
        except ValueError:
            errors["report_deadline_day"] = _("年度报告公开期限不是有效的日期。")
        if errors:
            raise ValidationError(errors)

    def _reaches_self(self, field: str) -> bool:
        seen: set[int] = set()
        current = getattr(self, field)
        while current is not None and current.pk not in seen:
            if self.pk is not None and current.pk == self.pk:
                return True
            seen.add(current.pk)
            current = getattr(current, field)
        return False

    def report_deadline(self, report_year: int) -> dt.date:
        """Date by which the report about `report_year` must be published (in the following year)."""
        return dt.date(report_year + 1, self.report_deadline_month, self.report_deadline_day)

    @property
    def index_code(self) -> str:
        """The agency code used at the head of 索引号."""
        return self.credit_code


class Membership(models.Model):
    """One role of one person in one organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships"
    )
    org = models.ForeignKey(
        Organisation, verbose_name=_("机关"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role)
    created_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("角色分配")
        verbose_name_plural = _("角色分配")
        ordering = ("org__sort_order", "org__name", "user__username", "role")
        constraints = (
            models.UniqueConstraint(fields=["user", "org", "role"], name="membership_unique_role"),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_role_display()}"
