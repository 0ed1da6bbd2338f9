"""A folder of collected reports: every version kept with its URL, fetch time and hash.

Layout: `blobs/<sha256>` holds each body once; `pages.json` maps every URL fetched to its validators
(ETag, Last-Modified) and the hash of its last body, so the next run asks conditionally and reads an
unchanged page from here; `versions.json` lists, per agency URL and year, the report's versions.
A version is added only when the report's hash differs from the last one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class Version:
    start_url: str  # the agency's URL as listed
    year: int
    url: str  # where the report was found
    fetched_at: str  # ISO 8601, UTC
    sha256: str
    kind: str  # html, pdf, docx, ...


@dataclass(frozen=True)
class CachedPage:
    url: str
    sha256: str
    etag: str | None
    last_modified: str | None
    final_url: str
    charset: str | None = None


class Store(Protocol):
    """Where a collector keeps pages and report versions: this folder store, or the web app's database."""

    def page(self, url: str) -> CachedPage | None: ...
    def body(self, digest: str) -> bytes: ...
    def keep_page(self, url: str, body: bytes, *, etag: str | None, last_modified: str | None,
                  final_url: str, charset: str | None) -> CachedPage: ...  # fmt: skip
    def versions(self, start_url: str | None = None, year: int | None = None) -> list[Version]: ...
    def add_version(self, version: Version, body: bytes) -> bool: ...


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FolderStore:
    """Collected pages and report versions in a folder (created if missing)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        (self.root / "blobs").mkdir(parents=True, exist_ok=True)
        self._pages: dict[str, dict[str, Any]] = self._load("pages.json", {})
        self._versions: list[dict[str, Any]] = self._load("versions.json", [])

    def _load(self, name: str, empty: Any) -> Any:
        path = self.root / name
        return json.loads(path.read_text("utf-8")) if path.exists() else empty

    def _save(self, name: str, data: Any) -> None:
        fd, temp = tempfile.mkstemp(dir=self.root, prefix=f".{name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
        os.replace(temp, self.root / name)

    def blob_path(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def body(self, digest: str) -> bytes:
        return self.blob_path(digest).read_bytes()

    def page(self, url: str) -> CachedPage | None:
        entry = self._pages.get(url)
        if entry is None or not self.blob_path(entry["sha256"]).exists():
            return None
        return CachedPage(**entry)

    def keep_page(self, url: str, body: bytes, *, etag: str | None, last_modified: str | None,
                  final_url: str, charset: str | None) -> CachedPage:  # fmt: skip
        digest = sha256(body)
        path = self.blob_path(digest)
        if not path.exists():
            path.write_bytes(body)
        page = CachedPage(url, digest, etag, last_modified, final_url, charset)
        self._pages[url] = asdict(page)
        self._save("pages.json", self._pages)
        return page

    def versions(self, start_url: str | None = None, year: int | None = None) -> list[Version]:
        return [
            Version(**v)
            for v in self._versions
            if (start_url is None or v["start_url"] == start_url) and (year is None or v["year"] == year)
        ]

    def add_version(self, version: Version, body: bytes) -> bool:
        """Keep `version` unless it is the last one's body again; whether it was new (the body is in blobs/)."""
        previous = self.versions(version.start_url, version.year)
        if previous and previous[-1].sha256 == version.sha256:
            return False
        self._versions.append(asdict(version))
        self._save("versions.json", self._versions)
        return True
