"""The organisations app's dashboard panels and menu entry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel
from gongkai.orgs import permissions, services


def _info(ctx: PanelContext) -> dict[str, Any]:
    return {"org": ctx.org}


def _people(ctx: PanelContext) -> dict[str, Any]:
    return {"org": ctx.org, "people": services.people_of(ctx.org)}


def _subordinates(ctx: PanelContext) -> dict[str, Any] | None:
    visible = permissions.visible_org_ids(ctx.user)
    orgs = [org for org in ctx.org.supervised.select_related("person_in_charge") if org.pk in visible]
    return {"orgs": orgs} if orgs else None


def register_panels() -> None:
    register_panel(
        Panel(key="orgs.info", title=_("本机关信息"), template="orgs/panels/info.html",
              get_context=_info, section=Section.SIDE, order=10)
    )
    register_panel(
        Panel(key="orgs.people", title=_("人员与角色"), template="orgs/panels/people.html",
              get_context=_people, section=Section.MAIN, order=50)
    )
    register_panel(
        Panel(key="orgs.subordinates", title=_("监督的下级机关"), template="orgs/panels/subordinates.html",
              get_context=_subordinates, section=Section.MAIN, order=40)
    )
    register_nav(NavItem(key="orgs", label=_("机关与人员"), url_name="orgs:list", order=80))
