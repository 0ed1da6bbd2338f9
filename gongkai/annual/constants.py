"""Choices of the annual-report app: a report's status, the review stages, sources, supervision status, events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.constants import REVIEW_STAGE_ORDER, REVIEW_STAGE_ROLES, ReviewDecision, ReviewStage, Role

FIRST_DRAFTED_YEAR = 2021  # the system drafts reports in the current format (国办公开办函〔2021〕30号) only


class ReportStatus(models.TextChoices):
    DRAFTING = "drafting", _("起草中")
    IN_REVIEW = "in_review", _("审核中")
    PUBLISHED = "published", _("已公开")


Stage = ReviewStage  # 三审, shared with publishing
Decision = ReviewDecision
STAGE_ROLES = REVIEW_STAGE_ROLES
STAGE_ORDER = REVIEW_STAGE_ORDER
# who may draft, submit and publish an agency's report
DRAFTING_ROLES = frozenset({Role.HANDLER, Role.OFFICE_HEAD, Role.ADMIN})


class Source(models.TextChoices):
    SYSTEM = "system", _("本平台起草")
    IMPORTED = "imported", _("导入已公开的报告文件")


class FiguresSource(models.TextChoices):
    FORM = "form", _("页面填报")
    XLSX = "xlsx", _("XLSX 导入")
    API = "api", _("接口")


class Progress(models.TextChoices):
    """A report's state as a supervisor sees it on a given day."""

    NOT_STARTED = "not_started", _("未开始")
    DRAFTING = "drafting", _("起草中")
    IN_REVIEW = "in_review", _("审核中")
    PUBLISHED = "published", _("已公开")
    LATE = "late", _("逾期未公开")


class AnnualEvent(models.TextChoices):
    """Audit events of this app."""

    FIGURES_SAVED = "annual.figures.saved", _("填报第二十条第（五）（六）（八）项数据")
    REPORT_STARTED = "annual.report.started", _("开始起草年度报告")
    SECTIONS_SAVED = "annual.report.sections_saved", _("修改年度报告文字部分")
    SUBMITTED = "annual.report.submitted", _("年度报告提交审核")
    REVIEWED = "annual.report.reviewed", _("年度报告审核")
    WITHDRAWN = "annual.report.withdrawn", _("撤回审核中的年度报告")
    PUBLISHED = "annual.report.published", _("公开年度报告")
    REOPENED = "annual.report.reopened", _("修订已公开的年度报告")
    IMPORTED = "annual.report.imported", _("导入已公开的年度报告")
    BULK_CHECKED = "annual.check.bulk", _("批量检查年度报告")
