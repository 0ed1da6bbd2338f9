"""The annual report on the dashboard: the countdown to this agency's deadline, and the review waiting for you."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.annual import services
from gongkai.annual.constants import STAGE_ROLES
from gongkai.annual.models import Report
from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel
from gongkai.orgs import permissions


def _countdown(ctx: PanelContext) -> dict[str, Any] | None:
    today = timezone.localdate()
    year = today.year - 1
    org = ctx.org
    report = Report.objects.filter(org=org, year=year).first()
    deadline = org.report_deadline(year)
    progress = services.progress(report, deadline, today)
    stage = services.next_stage(report) if report is not None else None
    waiting = stage if stage is not None and STAGE_ROLES[stage] in ctx.roles else None
    supervises = bool(permissions.subordinate_ids([org.pk]) & permissions.visible_org_ids(ctx.user))
    return {
        "org": org, "year": year, "deadline": deadline, "days_left": (deadline - today).days, "progress": progress,
        "stage": waiting, "supervises": supervises,
    }


def register_panels() -> None:
    register_panel(Panel(key="annual.countdown", title=_("年度报告"), template="annual/panels/countdown.html",
                         get_context=_countdown, section=Section.TODO, order=30))
    register_nav(NavItem(key="annual", label=_("年度报告"), url_name="annual:home", order=50))
