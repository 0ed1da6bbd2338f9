"""Dashboard: the agency's open rectification notices (整改通知)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel


def _open(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.oversight.constants import NoticeStatus
    from gongkai.oversight.models import Notice

    rows = list(Notice.objects.filter(org=ctx.org, status=NoticeStatus.SENT).select_related("office")
                .order_by("due_on", "pk"))
    return {"rows": rows} if rows else None


def register_panels() -> None:
    register_panel(Panel(key="oversight.open", title=_("上级机关的整改通知"), template="oversight/panel.html",
                         get_context=_open, section=Section.TODO, order=29))
    register_nav(NavItem(key="oversight", label=_("督促整改"), url_name="oversight:list", order=46))
