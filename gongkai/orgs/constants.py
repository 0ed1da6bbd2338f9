"""Choices of the organisations app: kinds of agency, roles of people, audit events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    """Kinds of agency in a county's hierarchy."""

    COUNTY_GOV = "county_gov", _("县（区）人民政府")
    DEPARTMENT = "department", _("县（区）政府部门")
    TOWNSHIP = "township", _("乡（镇）人民政府")
    STREET = "street", _("街道办事处")
    STATION = "station", _("站所")


# Which kinds may sit directly under which (None: at the top of this deployment).
ALLOWED_PARENT_KINDS: dict[str, frozenset[str | None]] = {
    OrgKind.COUNTY_GOV: frozenset({None}),
    OrgKind.DEPARTMENT: frozenset({OrgKind.COUNTY_GOV}),
    OrgKind.TOWNSHIP: frozenset({OrgKind.COUNTY_GOV}),
    OrgKind.STREET: frozenset({OrgKind.COUNTY_GOV}),
    OrgKind.STATION: frozenset({OrgKind.TOWNSHIP, OrgKind.STREET, OrgKind.DEPARTMENT}),
}


class Role(models.TextChoices):
    """A person's role in one organisation (a person may hold several)."""

    HANDLER = "handler", _("经办人")
    REVIEWER_FIRST = "reviewer_first", _("初审人")
    REVIEWER_SECOND = "reviewer_second", _("复审人")
    REVIEWER_FINAL = "reviewer_final", _("终审人")
    OFFICE_HEAD = "office_head", _("公开工作机构负责人")  # approves extensions, 条例 第三十三条
    ADMIN = "admin", _("管理员")
    SUPERVISOR = "supervisor", _("上级监督人员")  # reads its subordinates, never changes them


# Every role but the supervisor's may change the organisation's own records.
EDITING_ROLES = frozenset(Role) - {Role.SUPERVISOR}


class ReviewStage(models.TextChoices):
    """The three reviews (“三审”) of what an agency publishes, each by a different person holding the stage's role."""

    FIRST = "first", _("初审")
    SECOND = "second", _("复审")
    FINAL = "final", _("终审")


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", _("通过")
    RETURNED = "returned", _("退回修改")


REVIEW_STAGE_ORDER = (ReviewStage.FIRST, ReviewStage.SECOND, ReviewStage.FINAL)
REVIEW_STAGE_ROLES = {
    ReviewStage.FIRST: Role.REVIEWER_FIRST,
    ReviewStage.SECOND: Role.REVIEWER_SECOND,
    ReviewStage.FINAL: Role.REVIEWER_FINAL,
}


class AccountType(models.TextChoices):
    STAFF = "staff", _("机关工作人员")
    APPLICANT = "applicant", _("申请人（公众）")


class OrgEvent(models.TextChoices):
    """Audit events of this app."""

    ORG_CREATED = "orgs.org.created", _("新建机关")
    ORG_UPDATED = "orgs.org.updated", _("修改机关信息")
    PERSON_CREATED = "orgs.person.created", _("新建人员账号")
    ROLES_CHANGED = "orgs.person.roles_changed", _("调整人员角色")
