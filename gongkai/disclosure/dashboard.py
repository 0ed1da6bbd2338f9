"""Dashboard panels: requests for the same information to consider for proactive publication (条例 第四十四条)
and withheld information whose periodic review is due (条例 第十八条)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel


def _proposals(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.disclosure import conversions

    rows = conversions.proposals(ctx.org)
    return {"rows": rows[:5], "more": max(len(rows) - 5, 0), "org": ctx.org} if rows else None


def _reviews_due(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.disclosure import withheld

    rows = list(withheld.due(ctx.org)[:10])
    return {"rows": rows, "org": ctx.org} if rows else None


def register_panels() -> None:
    register_panel(Panel(key="disclosure.proposals", title=_("建议转为主动公开的信息"),
                         template="disclosure/panels/proposals.html", get_context=_proposals,
                         section=Section.TODO, order=30))
    register_panel(Panel(key="disclosure.reviews_due", title=_("到期评估审查的不予公开信息"),
                         template="disclosure/panels/reviews_due.html", get_context=_reviews_due,
                         section=Section.TODO, order=31))
    register_nav(NavItem(key="disclosure", label=_("转主动与不予公开"), url_name="disclosure:home", order=25))
