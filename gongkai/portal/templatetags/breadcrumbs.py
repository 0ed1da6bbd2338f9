"""`{% breadcrumbs label url … current %}`: the trail 首页 › … › current page, on every public page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("breadcrumbs.html")
def breadcrumbs(*trail: Any) -> dict[str, Any]:
    """Pairs of (label, url) after 首页, then the current page's label (not a link)."""
    *pairs, current = trail
    return {"links": list(zip(pairs[::2], pairs[1::2], strict=True)), "current": current}
