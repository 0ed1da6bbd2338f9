"""The audit app's dashboard panel (recent entries of the organisation) and menu entry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel

RECENT = 10


def _recent(ctx: PanelContext) -> dict[str, Any]:
    from gongkai.audit.models import AuditEntry

    entries = AuditEntry.objects.visible_to(ctx.user).filter(org=ctx.org)[:RECENT]
    return {"org": ctx.org, "entries": entries}


def register_panels() -> None:
    register_panel(
        Panel(key="audit.recent", title=_("最近操作记录"), template="audit/panels/recent.html",
              get_context=_recent, section=Section.MAIN, order=90)
    )
    register_nav(NavItem(key="audit", label=_("操作日志"), url_name="audit:list", order=90))
