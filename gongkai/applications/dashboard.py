"""The requests app's dashboard panel (what is due soon and late, per handler) and menu entry."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import Request
from gongkai.applications.overview import attention_items
from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel


def _attention(ctx: PanelContext) -> dict[str, Any]:
    items = attention_items(Request.objects.filter(org=ctx.org))
    per_handler = Counter(str(i.request.handler or _("未分办")) for i in items)
    late = Counter(str(i.request.handler or _("未分办")) for i in items if i.late)
    return {
        "org": ctx.org, "items": items,
        "per_handler": [(name, count, late[name]) for name, count in sorted(per_handler.items())],
        "open_count": Request.objects.filter(org=ctx.org).open().count(),
    }


def register_panels() -> None:
    register_panel(
        Panel(key="applications.attention", title=_("依申请公开：即将到期与逾期"),
              template="applications/panels/attention.html", get_context=_attention, section=Section.TODO, order=20)
    )
    register_nav(NavItem(key="applications", label=_("依申请公开"), url_name="applications:list", order=20))
