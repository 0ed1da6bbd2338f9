"""`{% region_panel org year %}`: on the supervisors' view, the agency's whole-area report against the sum of its
agencies' (when an administrator has set which agencies it covers)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("findings/region_panel.html", takes_context=True)
def region_panel(context: dict[str, Any], org: Any, year: int) -> dict[str, Any]:
    from gongkai.findings import services
    from gongkai.findings.models import Region

    region = Region.objects.filter(whole=org).select_related("whole").first()
    check = services.check_region(region, year) if region is not None else None
    if check is not None:
        check.may_decide = services.may_decide_region(context["request"].user, org)
    return {"check": check, "year": year, "request": context["request"], "csrf_token": context.get("csrf_token")}
