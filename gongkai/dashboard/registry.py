"""What later apps plug into the staff pages: dashboard panels and navigation items.

A later app, in its AppConfig.ready()::

    from gongkai.dashboard.registry import NavItem, Panel, Section, register_nav, register_panel

    register_panel(Panel(
        key="applications.due_soon",
        title=_("即将到期的申请"),
        template="applications/panels/due_soon.html",
        get_context=lambda ctx: {"items": due_soon(ctx.org)},   # None hides the panel
        section=Section.TODO,
        roles=frozenset({Role.HANDLER, Role.OFFICE_HEAD}),
    ))
    register_nav(NavItem(key="applications", label=_("依申请公开"), url_name="applications:list", order=20))

A panel's get_context reads through the app's own services, and only for `ctx.org`, which the viewer
is already allowed to see; `ctx.read_only` is True when a supervisor looks at a subordinate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from gongkai.orgs.permissions import is_staff_member


class Section(StrEnum):
    TODO = "todo"  # 待办事项: things waiting for this person
    MAIN = "main"  # the agency's records
    SIDE = "side"  # facts about the agency


class Audience(StrEnum):
    STAFF = "staff"  # shown on an organisation's dashboard
    APPLICANT = "applicant"  # shown on a member of the public's own page


@dataclass(frozen=True)
class PanelContext:
    request: HttpRequest
    user: Any
    org: Any  # the Organisation shown; None on an applicant's page
    roles: frozenset[str]  # the viewer's own roles in `org` (empty for a supervisor looking down)
    read_only: bool


@dataclass(frozen=True)
class Panel:
    key: str
    title: str | Promise
    template: str
    get_context: Callable[[PanelContext], dict[str, Any] | None]
    section: Section = Section.MAIN
    order: int = 100
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone who may view the org
    audience: Audience = Audience.STAFF


@dataclass(frozen=True)
class RenderedPanel:
    panel: Panel
    context: dict[str, Any]


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    order: int = 100
    visible: Callable[[Any], bool] = is_staff_member


_panels: dict[str, Panel] = {}
_nav: dict[str, NavItem] = {}


def register_panel(panel: Panel) -> Panel:
    """Add (or replace, by key) a dashboard panel."""
    _panels[panel.key] = panel
    return panel


def register_nav(item: NavItem) -> NavItem:
    """Add (or replace, by key) an entry of the top menu."""
    _nav[item.key] = item
    return item


def panels_for(ctx: PanelContext, audience: Audience = Audience.STAFF) -> dict[Section, list[RenderedPanel]]:
    """The panels this viewer gets, by section, in order; a panel whose context is None is left out."""
    by_section: dict[Section, list[RenderedPanel]] = {section: [] for section in Section}
    is_superuser = bool(getattr(ctx.user, "is_superuser", False))
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if panel.audience != audience:
            continue
        if panel.roles and not (is_superuser or panel.roles & ctx.roles):
            continue
        context = panel.get_context(ctx)
        if context is not None:
            by_section[panel.section].append(RenderedPanel(panel, context))
    return by_section


def nav_items_for(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for item in sorted(_nav.values(), key=lambda i: (i.order, i.key)):
        if item.visible(user):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return items
