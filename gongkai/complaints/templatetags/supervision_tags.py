"""`{% supervision_panel org year %}`: on the supervisors' view, each agency's 投诉举报 (received, upheld),
open 整改通知 and 社会评议 of the year."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("complaints/supervision_panel.html", takes_context=True)
def supervision_panel(context: dict[str, Any], org: Any, year: int) -> dict[str, Any]:
    from gongkai.complaints import ratings, services
    from gongkai.orgs import permissions
    from gongkai.orgs.models import Organisation

    user = context["request"].user
    ids = permissions.subordinate_ids([org.pk]) & permissions.visible_org_ids(user)
    orgs = list(Organisation.objects.filter(pk__in=ids))
    complaints = services.counts_for_orgs(ids, year)
    rated = ratings.results_for_orgs(ids, year)
    notices = _open_notices(ids)
    rows = [(o, complaints[o.pk], rated[o.pk], notices.get(o.pk, 0)) for o in orgs]
    return {"org": org, "year": year, "rows": rows}


def _open_notices(ids: Any) -> dict[int, int]:
    from django.db.models import Count

    from gongkai.oversight.constants import NoticeStatus
    from gongkai.oversight.models import Notice

    rows = (Notice.objects.filter(org_id__in=ids).exclude(status=NoticeStatus.CLOSED).values("org_id")
            .annotate(n=Count("pk")))
    return {row["org_id"]: row["n"] for row in rows}
