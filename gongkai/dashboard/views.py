"""The staff dashboard: one organisation's page, made of the panels the apps registered."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.dashboard.registry import Audience, PanelContext, Section, panels_for
from gongkai.dashboard.services import default_org, member_orgs
from gongkai.orgs.constants import Role
from gongkai.orgs.permissions import (
    can_edit,
    get_visible_org_or_404,
    is_staff_member,
    roles_in,
)

SESSION_KEY = "dashboard_org"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        ctx = PanelContext(request, request.user, None, frozenset(), read_only=True)
        return render(request, "dashboard/personal.html", {"sections": panels_for(ctx, Audience.APPLICANT)})
    org = default_org(request.user, request.session.get(SESSION_KEY))
    if org is None:
        return render(request, "dashboard/personal.html", {"sections": {}})
    return redirect("dashboard:org", org_id=org.pk)


@login_required
def org_dashboard(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_visible_org_or_404(request.user, org_id)
    request.session[SESSION_KEY] = org.pk
    roles = roles_in(request.user, org)
    read_only = not can_edit(request.user, org)
    ctx = PanelContext(request, request.user, org, roles, read_only)
    sections = panels_for(ctx)
    return render(
        request,
        "dashboard/org.html",
        {
            "org": org,
            "my_roles": [role.label for role in Role if role in roles],
            "read_only": read_only,
            "member_orgs": member_orgs(request.user),
            "todo_panels": sections[Section.TODO],
            "main_panels": sections[Section.MAIN],
            "side_panels": sections[Section.SIDE],
        },
    )
