"""Limits on reading untrusted files, in one place: every reader checks the file against these first.

A published report is small (a few hundred table cells), but a hostile file can declare a sheet of
17 billion cells, merge them all into one range, span an HTML cell over half a million positions or
decompress two megabytes into gigabytes. What a file *declares* or its zip headers *claim* is never
trusted: sizes are counted by what is actually read, and a file over a limit is refused with a
finding that names the limit (`LimitExceeded`), before anything grows.

The defaults suit reports and request registers; a deployment overrides any of them with the
environment variable `GONGKAI_READ_LIMITS` (JSON, e.g. `{"zip_total_bytes": 1073741824}`) or the
Django setting of that name (a dict of the field names below), and tests with `override()`. This core
imports no Django: the setting is read only when Django is already loaded and configured.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["LimitExceeded", "Limits", "ZipReader", "count_tags", "current", "override"]

MiB = 1024 * 1024


def _limit(default: int, label: str, unit: str = "") -> int:
    return field(default=default, metadata={"label": label, "unit": unit})


@dataclass(frozen=True)
class Limits:
    file_bytes: int = _limit(50 * MiB, "单个文件的大小", "bytes")
    zip_members: int = _limit(10_000, "压缩包（含DOCX、XLSX）中的文件个数")
    zip_member_bytes: int = _limit(50 * MiB, "压缩包中单个文件解压后的大小", "bytes")
    zip_total_bytes: int = _limit(256 * MiB, "压缩包解压后的总大小", "bytes")
    xml_part_bytes: int = _limit(20 * MiB, "DOCX、XLSX中单个XML部件解压后的大小", "bytes")
    markup_tags: int = _limit(500_000, "网页或Word文档中的标签数")
    sheet_cells: int = _limit(1_000_000, "工作表的行数乘列数")
    merged_cells: int = _limit(100_000, "工作表合并单元格覆盖的单元格总数")
    table_cells: int = _limit(200_000, "表格展开合并单元格后的单元格数")
    text_chars: int = _limit(5_000_000, "从文件中取得的报告文字的字数")
    tool_seconds: int = _limit(60, "外部工具读取一个文件的时间", "seconds")

    def label(self, name: str) -> str:
        return str(next(f for f in dataclasses.fields(self) if f.name == name).metadata["label"])


class LimitExceeded(Exception):
    """A file over a reading limit; `message` (Chinese) names the limit, its value and what was found."""

    def __init__(self, name: str, found: int | None = None) -> None:
        self.name = name
        self.found = found
        limits = current()
        value = getattr(limits, name)
        unit = next(f.metadata["unit"] for f in dataclasses.fields(limits) if f.name == name)
        shown = f"达到{_amount(found, unit)}，" if found is not None else ""
        self.message = (
            f"文件超出读取上限，未读取：{limits.label(name)}{shown}超过上限{_amount(value, unit)}"
            f'（设置项 GONGKAI_READ_LIMITS["{name}"]）'
        )
        super().__init__(self.message)


def _amount(value: int | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "bytes":
        return f"{value / MiB:,.1f} MB" if value >= MiB else f"{value:,} 字节"
    if unit == "seconds":
        return f"{value} 秒"
    return f"{value:,}"


_override: Limits | None = None


def current() -> Limits:
    """The limits in force: `override()`, else the defaults changed by the environment and the Django setting.

    The environment variable `GONGKAI_READ_LIMITS` (a JSON object) applies everywhere, the command line
    included; the Django setting of the same name, when Django is configured, goes over it.
    """
    if _override is not None:
        return _override
    changes: dict[str, int] = {}
    variable = os.environ.get("GONGKAI_READ_LIMITS", "").strip()
    if variable:
        try:
            changes.update(json.loads(variable))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"GONGKAI_READ_LIMITS is not a JSON object of limits: {exc}") from None
    conf = sys.modules.get("django.conf")
    if conf is not None and conf.settings.configured:
        changes.update(getattr(conf.settings, "GONGKAI_READ_LIMITS", None) or {})
    return dataclasses.replace(Limits(), **changes) if changes else Limits()


@contextlib.contextmanager
def override(**changes: int) -> Iterator[Limits]:
    """Other limits for the duration (tests; a command line option)."""
    global _override
    before = _override
    _override = dataclasses.replace(current(), **changes)
    try:
        yield _override
    finally:
        _override = before


def count_tags(*markup: bytes | str) -> None:
    """Refuse markup with more tags than `markup_tags`: each becomes a tree node of a few hundred bytes."""
    tags = sum(text.count(b"<" if isinstance(text, bytes) else "<") for text in markup)
    if tags > current().markup_tags:
        raise LimitExceeded("markup_tags", tags)


_CHUNK = 1024 * 1024
# what zipfile and zlib raise for a damaged archive or member, besides BadZipFile
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    OverflowError,
)
_DTD = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


class ZipReader:
    """A zip read within the limits: entries counted, and every member's bytes counted as they decompress.

    The sizes in a zip's headers are not believed; `read` stops at the first byte past a limit.
    Raises `LimitExceeded`, or `zipfile.BadZipFile` for a zip that cannot be opened.
    """

    def __init__(self, data: bytes) -> None:
        self.limits = current()
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except _DAMAGED as exc:
            raise zipfile.BadZipFile(str(exc)) from None
        if len(self.archive.infolist()) > self.limits.zip_members:
            raise LimitExceeded("zip_members", len(self.archive.infolist()))
        self.total = 0

    def read(self, info: zipfile.ZipInfo, *, limit: str = "zip_member_bytes") -> bytes:
        """One member's bytes; past the member limit (`limit`) or the zip's total, `LimitExceeded`."""
        most = getattr(self.limits, limit)
        if self.total > self.limits.zip_total_bytes:  # spent on earlier members: nothing more is read
            raise LimitExceeded("zip_total_bytes", self.total)
        parts: list[bytes] = []
        size = 0
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    self.total += len(chunk)
                    if size > most:
                        raise LimitExceeded(limit, size)
                    if self.total > self.limits.zip_total_bytes:
                        raise LimitExceeded("zip_total_bytes", self.total)
                    parts.append(chunk)
        except _DAMAGED as exc:  # a damaged member, an unknown compression method, an encrypted member
            raise zipfile.BadZipFile(f"{info.filename}: {exc}") from None
        return b"".join(parts)

    def check_office(self) -> dict[str, bytes]:
        """Every member of a DOCX/XLSX read once within the limits (XML parts within `xml_part_bytes`).

        An XML part with a document type declaration is refused: Office files have none, and its
        entities are the way to expand a small part into a huge one.
        """
        parts: dict[str, bytes] = {}
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
            data = self.read(info, limit="xml_part_bytes" if is_xml else "zip_member_bytes")
            if is_xml and any(mark in data for mark in _DTD):
                raise zipfile.BadZipFile(f"{info.filename}: XML部件含有文档类型声明（DTD），Office文件不应有")
            parts[info.filename] = data
        return parts
