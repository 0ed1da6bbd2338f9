"""Dashboard: the agency's complaints waiting for its explanation; the office's complaints to handle."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel


def _to_explain(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.complaints.constants import Status
    from gongkai.complaints.models import Complaint

    if ctx.read_only:
        return None
    rows = list(Complaint.objects.filter(org=ctx.org, status=Status.ASKED).order_by("explanation_due", "pk"))
    return {"rows": rows, "mode": "explain"} if rows else None


def _to_handle(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.complaints.constants import Status
    from gongkai.complaints.models import Complaint

    if ctx.read_only:
        return None
    rows = list(Complaint.objects.filter(office=ctx.org).exclude(status=Status.REPLIED)
                .select_related("org").order_by("reply_due", "pk"))
    return {"rows": rows, "mode": "handle"} if rows else None


def register_panels() -> None:
    register_panel(Panel(key="complaints.to_explain", title=_("监督机关要求说明的投诉举报"),
                         template="complaints/panel.html", get_context=_to_explain, section=Section.TODO, order=30))
    register_panel(Panel(key="complaints.to_handle", title=_("待办理的投诉举报"),
                         template="complaints/panel.html", get_context=_to_handle, section=Section.TODO, order=31))
    register_nav(NavItem(key="complaints", label=_("投诉举报"), url_name="complaints:list", order=45))
