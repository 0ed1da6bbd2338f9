"""The REST API's shared plumbing: one router every app registers into, and its discovery.

A later app adds `gongkai/<app>/api.py` containing, at import time::

    from gongkai.web.api import router
    router.register("requests", RequestViewSet, basename="request")

Its viewsets scope their querysets with `gongkai.orgs.permissions` exactly as the pages do.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.include_format_suffixes = False

_discovered = False


def discover_api_modules() -> DefaultRouter:
    """Import the `api` module of every gongkai app once, so their routes are on the router."""
    global _discovered
    if not _discovered:
        for config in apps.get_app_configs():
            if config.name in settings.GONGKAI_APPS and module_has_submodule(config.module, "api"):
                import_module(f"{config.name}.api")
        _discovered = True
    return router
