"""Template context shared by every page: the site's name and the navigation registered by the apps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import resolve
from django.utils import translation

from gongkai.web import languages


def site(request: HttpRequest) -> dict[str, Any]:
    from gongkai.dashboard.registry import nav_items_for

    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "nav_items": [_in_its_language(item) for item in nav_items_for(request)],
    }


def _in_its_language(item: dict[str, Any]) -> dict[str, Any]:
    """A menu entry leading to a Chinese-only page is labelled in Chinese (`lang="zh-hans"`) when the page
    around it is in another language: the label says what the reader will find."""
    current = translation.get_language()
    if current == settings.LANGUAGE_CODE or not languages.is_chinese_only(resolve(item["url"])):
        return item
    with translation.override(settings.LANGUAGE_CODE):
        return {**item, "label": str(item["label"]), "lang": settings.LANGUAGE_CODE}
