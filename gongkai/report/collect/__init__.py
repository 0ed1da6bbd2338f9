"""Collecting annual reports from the agencies' own websites (`gongkai report collect`).

`fetch` is the polite HTTP client, `discover` finds the year's report among a page's links,
`store` keeps every version with its URL, fetch time and hash, `run` ties them together.
The names below are imported when first used, so `gongkai report check` (whose parser loads
`collect.cli`) does not load the HTTP client and the HTML parser it never needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.report.collect.fetch import Fetcher, FetchError
    from gongkai.report.collect.run import Collected, Collector
    from gongkai.report.collect.store import FolderStore, Version

_HOMES = {
    "Fetcher": "fetch",
    "FetchError": "fetch",
    "Collected": "run",
    "Collector": "run",
    "FolderStore": "store",
    "Version": "store",
}
__all__ = ["Collected", "Collector", "FetchError", "Fetcher", "FolderStore", "Version"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"gongkai.report.collect.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
