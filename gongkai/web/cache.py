"""The version of the public pages: one value in the cache, replaced whenever something they show changes.

Every cached public page is stored under the version current when it was rendered; publishing,
correcting or withdrawing an item, or changing an agency, a category, the register or an annual
report replaces the version (post_save / post_delete signals), so the next request renders afresh.
The version is the time of the change in nanoseconds, which is also the pages' Last-Modified.

Where the version lives: in the shared cache when there is one (Redis: several machines); with a
cache local to each process (local memory, several `gongkai serve` workers on one machine) in a small
file in the data directory (public-version), which every process reads — one stat() a request — so a
change made in one worker reaches the pages the others keep.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

__all__ = ["VERSION_KEY", "bump", "current", "watch"]

VERSION_KEY = "gongkai:public:version"
# apps whose records the public pages show; in them, the models below are left out (never shown)
WATCHED_APPS = frozenset({"publishing", "orgs", "annual", "consultations", "disclosure", "oversight"})
IGNORED_MODELS = frozenset({
    "publishing.searchgram", "publishing.numbersequence", "publishing.review", "publishing.finding",
    "publishing.screeningdictionary", "orgs.user", "orgs.membership",
})
# an item in these states is on the public side (or has just left it): its changes show there
PUBLIC_ITEM_STATES = frozenset({"published", "withdrawn"})


def _version_file() -> Path | None:
    """The file holding the version when the cache is each process's own, else None."""
    if "locmem" not in settings.CACHES["default"]["BACKEND"]:
        return None
    return Path(settings.GONGKAI_DATA_DIR) / "public-version"


def current() -> int:
    """The version of the public pages (set to now if there is none yet, e.g. after a restart)."""
    path = _version_file()
    if path is not None:
        try:
            return os.stat(path).st_mtime_ns
        except FileNotFoundError:
            _set()
            return os.stat(path).st_mtime_ns
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY) or time.time_ns()
    return int(version)


def _set() -> None:
    now = time.time_ns()
    path = _version_file()
    if path is None:
        cache.set(VERSION_KEY, now, timeout=None)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    previous = os.stat(path).st_mtime_ns
    os.utime(path, ns=(now, max(now, previous + 1)))  # always a new value, even within the clock's tick


def bump() -> None:
    """A new version now, and again when the transaction commits (so no page rendered from the data before
    the commit is kept under the new version)."""
    _set()
    transaction.on_commit(_set)


def _shows(sender: Any, instance: Any) -> bool:
    meta = sender._meta
    if meta.app_label not in WATCHED_APPS or meta.label_lower in IGNORED_MODELS:
        return False
    if meta.label_lower == "publishing.item":
        return getattr(instance, "state", None) in PUBLIC_ITEM_STATES
    return True


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures and restores: the whole cache is cleared by the command instead
        return
    if _shows(sender, instance):
        bump()


def watch() -> None:
    """Connect the signals (the portal app's ready())."""
    post_save.connect(_changed, dispatch_uid="gongkai.public.version.save")
    post_delete.connect(_changed, dispatch_uid="gongkai.public.version.delete")
