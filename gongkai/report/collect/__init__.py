"""Collecting annual reports from the agencies' own websites (`gongkai report collect`).

`fetch` is the polite HTTP client, `discover` finds the year's report among a page's links,
`store` keeps every version with its URL, fetch time and hash, `run` ties them together.
"""

from gongkai.report.collect.fetch import Fetcher, FetchError
from gongkai.report.collect.run import Collected, Collector
from gongkai.report.collect.store import FolderStore, Version

__all__ = ["Collected", "Collector", "FetchError", "Fetcher", "FolderStore", "Version"]
