"""Template context shared by every page: the site's name and the navigation registered by the apps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    from gongkai.dashboard.registry import nav_items_for

    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "nav_items": nav_items_for(request),
    }
