"""Dashboard panel: consultations with comments to answer or a 采纳情况 to publish."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.dashboard.registry import NavItem, Panel, PanelContext, Section, register_nav, register_panel


def _waiting(ctx: PanelContext) -> dict[str, Any] | None:
    from gongkai.consultations.models import Consultation

    rows = list(Consultation.objects.filter(org=ctx.org, published_at__isnull=False, result_published_at__isnull=True)
                .annotate(unanswered=Count("comments", filter=Q(comments__adoption="")))
                .filter(Q(unanswered__gt=0) | Q(closes_on__lt=timezone.localdate())))
    return {"rows": rows, "today": timezone.localdate()} if rows and not ctx.read_only else None


def register_panels() -> None:
    register_panel(Panel(key="consultations.waiting", title=_("待答复的公众意见和待公布的采纳情况"),
                         template="consultations/panel.html", get_context=_waiting, section=Section.TODO,
                         order=35))
    register_nav(NavItem(key="consultations", label=_("意见征集"), url_name="consultations:home", order=26))
