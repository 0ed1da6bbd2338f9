"""Dashboard panels: items sent back to me (退回修改), items awaiting my review, and items past the
20-working-day limit (条例 第二十六条)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel


def _awaiting(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.publishing import queries

    items = queries.awaiting_review_by(ctx.user, ctx.org)
    return {"items": items, "org": ctx.org} if items and not ctx.read_only else None


def _returned(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.publishing import queries

    rows = queries.returned_to(ctx.user, ctx.org)
    return {"rows": rows} if rows and not ctx.read_only else None


def _overdue(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.publishing import queries

    rows = queries.past_publication_limit(ctx.org)
    return {"rows": rows, "org": ctx.org} if rows else None


def register_panels() -> None:
    register_panel(Panel(key="publishing.returned", title=_("退回修改的信息"),
                         template="publishing/panels/returned.html", get_context=_returned, section=Section.TODO,
                         order=15))
    register_panel(Panel(key="publishing.awaiting", title=_("待我审核的信息"),
                         template="publishing/panels/awaiting.html", get_context=_awaiting, section=Section.TODO,
                         order=20))
    register_panel(Panel(key="publishing.overdue", title=_("超过20个工作日未公开的信息"),
                         template="publishing/panels/overdue.html", get_context=_overdue, section=Section.TODO,
                         order=25))
    register_nav(NavItem(key="publishing", label=_("主动公开"), url_name="publishing:items", order=10))
