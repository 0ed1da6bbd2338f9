"""错敏词 dictionaries: data files an administrator can extend or replace.

A dictionary is a UTF-8 TSV file. Leading ``# key: value`` comment lines are its metadata (``name`` and
``source`` are expected, ``category`` sets the default for rows that leave it out); other ``#`` lines
are comments. Each row is ``term<TAB>replacement<TAB>category<TAB>note``; only the term is required,
and a first row whose first cell is ``term`` is a header. Categories are listed in ``EntryKind``
(English codes or their Chinese names). The built-in packs live in ``gongkai/screening/packs/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

from gongkai.screening.findings import Category, Severity

__all__ = [
    "Dictionary",
    "DictionaryError",
    "Entry",
    "EntryKind",
    "builtin_dictionaries",
    "load_dictionary",
    "parse_dictionary",
]


class DictionaryError(ValueError):
    """A dictionary file that cannot be used; the message names the file and line and what to fix."""


class EntryKind(StrEnum):
    SERIOUS = "serious"  # 严重表述错误: state and institution names, political formulations
    TYPO = "typo"  # 错别字
    SENSITIVE = "sensitive"  # 敏感词: an agency's own list of words to look at
    SECRECY = "secrecy"  # 涉密标识
    INTERNAL = "internal"  # 不宜公开标识: internal or not-for-publication markings

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def category(self) -> Category:
        return Category.SECRECY if self in (EntryKind.SECRECY, EntryKind.INTERNAL) else Category.WORDING

    @property
    def severity(self) -> Severity:
        serious = (EntryKind.SERIOUS, EntryKind.SECRECY)
        return Severity.ERROR if self in serious else Severity.WARNING


_KIND_LABELS = {
    EntryKind.SERIOUS: "严重表述错误",
    EntryKind.TYPO: "错别字",
    EntryKind.SENSITIVE: "敏感词",
    EntryKind.SECRECY: "涉密标识",
    EntryKind.INTERNAL: "不宜公开标识",
}
_KIND_NAMES = {kind.value: kind for kind in EntryKind} | {
    "严重表述错误": EntryKind.SERIOUS,
    "严重错误": EntryKind.SERIOUS,
    "错别字": EntryKind.TYPO,
    "敏感词": EntryKind.SENSITIVE,
    "涉密标识": EntryKind.SECRECY,
    "涉密": EntryKind.SECRECY,
    "不宜公开标识": EntryKind.INTERNAL,
    "不宜公开": EntryKind.INTERNAL,
}
_METADATA = re.compile(r"#\s*([A-Za-z][\w-]*)\s*:\s*(.*)")
_HEADER_CELLS = {"term", "词条"}


@dataclass(frozen=True, slots=True)
class Entry:
    term: str  # the wrong or sensitive form, matched exactly
    replacement: str  # the correct form; empty when there is nothing to substitute
    kind: EntryKind
    note: str = ""
    line: int = 0  # line in the dictionary file, for the administrator


@dataclass(frozen=True)
class Dictionary:
    """A named list of entries and where they come from."""

    id: str  # file stem, e.g. "typos"; findings carry the rule id "dict.<id>"
    name: str
    source: str
    entries: tuple[Entry, ...]
    path: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return f"dict.{self.id}"


def parse_dictionary(text: str, *, id: str, path: str = "") -> Dictionary:
    """Parse the TSV text of a dictionary; raise DictionaryError naming the line at fault."""
    where = path or id
    metadata: dict[str, str] = {}
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            found = _METADATA.fullmatch(line)
            if in_header and found:
                metadata[found.group(1).lower()] = found.group(2).strip()
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if in_header and cells[0].lower() in _HEADER_CELLS:
            in_header = False
            continue
        in_header = False
        entries.append(_entry(cells, number, metadata, where, seen))
    return Dictionary(
        id=id,
        name=metadata.get("name", id),
        source=metadata.get("source", path or id),
        entries=tuple(entries),
        path=path,
        metadata=metadata,
    )


def _entry(cells: list[str], number: int, metadata: Mapping[str, str], where: str, seen: dict[str, int]) -> Entry:
    term, replacement, kind_name, note = [*cells, "", "", ""][:4]
    if len(cells) > 4:
        raise DictionaryError(f"{where}:{number}: 多于4列；每行为“词条<TAB>正确写法<TAB>类别<TAB>说明”。")
    if not term:
        raise DictionaryError(f"{where}:{number}: 第一列（词条）为空。")
    kind_name = kind_name or metadata.get("category", "")
    if not kind_name:
        raise DictionaryError(f"{where}:{number}: 未写类别；在第三列或文件头“# category: …”中注明。")
    kind = _KIND_NAMES.get(kind_name.lower())
    if kind is None:
        allowed = "、".join(f"{k.value}（{k.label}）" for k in EntryKind)
        raise DictionaryError(f"{where}:{number}: 类别“{kind_name}”无效，可用：{allowed}。")
    if replacement and term in replacement:
        raise DictionaryError(f"{where}:{number}: 正确写法“{replacement}”包含词条“{term}”，改正后的文字仍会被查出。")
    if term in seen:
        raise DictionaryError(f"{where}:{number}: 词条“{term}”与第{seen[term]}行重复。")
    seen[term] = number
    return Entry(term=term, replacement=replacement, kind=kind, note=note, line=number)


def load_dictionary(path: str | Path) -> Dictionary:
    """Read a dictionary file (UTF-8, with or without BOM)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DictionaryError(f"{file}: 无法读取词典：{exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{file}: 词典须为 UTF-8 编码，请另存为 UTF-8 后再试。") from exc
    return parse_dictionary(text, id=file.stem, path=str(file))


@lru_cache(maxsize=1)
def builtin_dictionaries() -> tuple[Dictionary, ...]:
    """The packs shipped in ``gongkai/screening/packs/``, in file-name order."""
    packs = resources.files("gongkai.screening.packs")
    files = sorted((item for item in packs.iterdir() if item.name.endswith(".tsv")), key=lambda item: item.name)
    return tuple(
        parse_dictionary(item.read_text(encoding="utf-8"), id=item.name.removesuffix(".tsv"), path=f"packs/{item.name}")
        for item in files
    )


def merge_entries(dictionaries: Iterable[Dictionary]) -> dict[str, list[tuple[Dictionary, Entry]]]:
    """Entries by term, in dictionary order; a term may come from several dictionaries."""
    merged: dict[str, list[tuple[Dictionary, Entry]]] = {}
    for dictionary in dictionaries:
        for entry in dictionary.entries:
            merged.setdefault(entry.term, []).append((dictionary, entry))
    return merged
