"""The requests app's dashboard panel (what is due soon and late, per handler) and menu entry."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import Request
from gongkai.applications.overview import attention_items
from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel
from gongkai.orgs.constants import Role


def _attention(ctx: PanelContext) -> dict[str, Any]:
    items = attention_items(Request.objects.filter(org=ctx.org))
    per_handler = Counter(str(i.request.handler or _("未分办")) for i in items)
    late = Counter(str(i.request.handler or _("未分办")) for i in items if i.late)
    return {
        "org": ctx.org, "items": items,
        "per_handler": [(name, count, late[name]) for name, count in sorted(per_handler.items())],
        "open_count": Request.objects.filter(org=ctx.org).open().count(),
    }


def _provisional_year(ctx: PanelContext) -> dict[str, Any] | None:
    """From 1 November, while next year's holiday notice is not known: one plain sentence."""
    from gongkai.applications.clock import today
    from gongkai.applications.holidays import can_enter, provisional_year_ahead

    year = provisional_year_ahead(today())
    if year is None:
        return None
    return {"year": year, "can_enter": can_enter(ctx.user)}


def _returned_drafts(ctx: PanelContext) -> dict[str, Any] | None:
    """Reply drafts this person wrote that a reviewer sent back (退回修改), while not rewritten."""
    from gongkai.applications.constants import DraftStatus
    from gongkai.applications.models import ReplyDraft

    drafts = [d for d in ReplyDraft.objects.filter(request__org=ctx.org, author=ctx.user, status=DraftStatus.RETURNED)
              .select_related("request", "reviewer").order_by("-reviewed_at")
              if d.request.drafts.order_by("-version").first() == d]
    return {"drafts": drafts} if drafts and not ctx.read_only else None


def register_panels() -> None:
    register_panel(
        Panel(key="applications.provisional_year", title=_("节假日安排"),
              template="applications/panels/provisional_year.html", get_context=_provisional_year,
              section=Section.TODO, order=5, roles=frozenset({Role.ADMIN, Role.HANDLER, Role.OFFICE_HEAD}))
    )
    register_panel(
        Panel(key="applications.attention", title=_("依申请公开：即将到期与逾期"),
              template="applications/panels/attention.html", get_context=_attention, section=Section.TODO, order=20)
    )
    register_panel(
        Panel(key="applications.returned_drafts", title=_("退回修改的答复草稿"),
              template="applications/panels/returned_drafts.html", get_context=_returned_drafts,
              section=Section.TODO, order=15)
    )
    register_nav(NavItem(key="applications", label=_("依申请公开"), url_name="applications:list", order=20))
    register_nav(NavItem(key="applications.holidays", label=_("节假日安排"), url_name="applications:holidays",
                         order=90, visible=_can_enter))


def _can_enter(user: Any) -> bool:
    from gongkai.applications.holidays import can_enter

    return can_enter(user)
