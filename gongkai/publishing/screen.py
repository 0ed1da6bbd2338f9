"""Screening of items with the engine of `gongkai.screening`, fed by the administrators' dictionaries.

The screener for an organisation is the built-in packs plus the active platform-wide dictionaries plus
that organisation's own; it is compiled once per version of the dictionary table and reused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.publishing.models import Attachment, Finding, Item, ScreeningDictionary
from gongkai.screening import (
    Category,
    Dictionary,
    ExtractionError,
    Screener,
    ScreeningContext,
    Severity,
    builtin_dictionaries,
    extract_text,
    parse_dictionary,
)
from gongkai.screening import Finding as EngineFinding

__all__ = [
    "FindingInContext",
    "dictionary_of",
    "dictionary_version",
    "in_context",
    "is_blocking",
    "is_mask",
    "place_of",
    "screen_item",
    "screener_for",
]

TEXT_FIELDS = ("title", "summary", "body")
FIELD_NAMES = {"title": gettext_lazy("标题"), "summary": gettext_lazy("摘要"), "body": gettext_lazy("正文")}
CONTEXT_CHARS = 20  # characters shown on each side of a finding
_cache: dict[tuple[str, int | None], Screener] = {}
_lock = threading.Lock()


def is_blocking(finding: EngineFinding) -> bool:
    """Blocks publication until a reviewer resolves it: a secrecy or not-for-publication marking, or
    personal data the engine is sure of (an identity number with a valid check digit, a named bank card).
    “上网信息不泄密，涉密信息不上网”."""
    return finding.category is Category.SECRECY or (
        finding.category is Category.PERSONAL and finding.severity is Severity.ERROR
    )


def dictionary_of(row: ScreeningDictionary) -> Dictionary:
    """The engine's dictionary for an administrator's row (its text is validated when saved)."""
    header = f"# name: {row.name}\n# source: {row.source}\n"
    return parse_dictionary(header + row.content, id=row.slug, path=f"词典“{row.name}”")


def dictionary_version() -> str:
    """Changes whenever a dictionary is added, edited, switched on or off, or deleted."""
    stats = ScreeningDictionary.objects.aggregate(n=Count("pk"), last=Max("updated_at"),
                                                  active=Count("pk", filter=Q(is_active=True)))
    last = stats["last"].isoformat() if stats["last"] else "-"
    return f"{stats['n']}/{stats['active']}/{last}"


def screener_for(org_id: int | None, version: str | None = None) -> Screener:
    version = version or dictionary_version()
    key = (version, org_id)
    with _lock:
        if key not in _cache:
            rows = ScreeningDictionary.objects.filter(is_active=True).filter(Q(org__isnull=True) | Q(org_id=org_id))
            own = [dictionary_of(row) for row in rows.order_by("org_id", "slug")]
            for stale in [k for k in _cache if k[0] != version]:
                del _cache[stale]
            _cache[key] = Screener([*builtin_dictionaries(), *own])
        return _cache[key]


def _texts(item: Item) -> Iterable[tuple[str, str]]:
    for name in TEXT_FIELDS:
        yield name, getattr(item, name) or ""
    for attachment in item.attachments.all():
        yield f"attachment:{attachment.pk}", _attachment_text(attachment)


def _attachment_text(attachment: Attachment) -> str:
    try:
        return extract_text(Path(attachment.file.path)).text
    except (ExtractionError, OSError, ValueError):
        return ""


def screen_item(item: Item, *, version: str | None = None) -> list[Finding]:
    """Screen the item's title, summary, body and attachments and replace its findings with the new ones.

    A finding a reviewer already resolved (same place, rule and text) keeps its resolution.
    """
    version = version or dictionary_version()
    screener = screener_for(item.org_id, version)
    context = ScreeningContext(item_date=item.made_on)
    resolved: dict[tuple[str, str, str], Finding] = {
        (f.field, f.rule, f.text): f for f in item.findings.filter(resolved_at__isnull=False)
    }
    new: list[Finding] = []
    for field, text in _texts(item):
        for found in screener.screen(text, context=context):
            row = Finding(
                item=item, field=field, rule=found.rule, category=found.category.value,
                severity=found.severity.value, start=found.start, end=found.end, text=found.text[:200],
                message=found.message[:500], suggestion=found.suggestion[:200], source=found.source[:300],
                blocking=is_blocking(found),
            )
            if (earlier := resolved.get((field, found.rule, row.text))) is not None:
                row.resolved_by_id, row.resolved_at, row.resolution = (
                    earlier.resolved_by_id, earlier.resolved_at, earlier.resolution)
            new.append(row)
    item.findings.all().delete()
    Finding.objects.bulk_create(new)
    item.screened_at, item.screening_version = timezone.now(), version[:80]
    item.save(update_fields=["screened_at", "screening_version", "updated_at"])
    return new


def summary(findings: Iterable[Finding]) -> dict[str, Any]:
    """Counts for the audit trail: all findings, those blocking publication, those still open."""
    rows = list(findings)
    return {
        "findings": len(rows),
        "blocking": sum(1 for f in rows if f.blocking),
        "open": sum(1 for f in rows if not f.resolved_at),
        "rules": sorted({f.rule for f in rows}),
    }


def is_mask(finding: Finding) -> bool:
    """The suggestion is a mask of personal data (11*************02X, 138****5678) that can replace the
    found text as it stands, one character for one."""
    return (finding.category == Category.PERSONAL.value and "*" in finding.suggestion
            and len(finding.suggestion) == len(finding.text) and not finding.field.startswith("attachment:"))


def place_of(finding: Finding, attachment_names: dict[int, str] | None = None) -> str:
    """Where a finding is, as a reader counts: “正文第43字”, “标题第5字”, “附件“名单.xlsx””."""
    if finding.field.startswith("attachment:"):
        key = finding.field.partition(":")[2]
        name = (attachment_names or {}).get(int(key)) if key.isdigit() else None
        return _("附件“%(name)s”") % {"name": name} if name else _("附件")
    return _("%(field)s第%(n)s字") % {"field": FIELD_NAMES.get(finding.field, finding.field), "n": finding.start + 1}


@dataclass(frozen=True)
class FindingInContext:
    """A finding with the text around it, as a reviewer reads it."""

    finding: Finding
    place: str
    before: str
    after: str
    can_mask: bool


def in_context(item: Item, findings: Iterable[Finding], width: int = CONTEXT_CHARS) -> list[FindingInContext]:
    """Each finding with up to `width` characters of the item's text on each side (none for attachments,
    whose text is not kept)."""
    names = {a.pk: a.name for a in item.attachments.all()}
    rows = []
    for finding in findings:
        text = getattr(item, finding.field, "") if finding.field in TEXT_FIELDS else ""
        here = text[finding.start : finding.end] == finding.text
        before = " ".join(text[max(0, finding.start - width) : finding.start].split()) if here else ""
        after = " ".join(text[finding.end : finding.end + width].split()) if here else ""
        rows.append(FindingInContext(
            finding=finding, place=place_of(finding, names),
            before=("…" if here and finding.start > width else "") + before,
            after=after + ("…" if here and finding.end + width < len(text) else ""),
            can_mask=here and is_mask(finding),
        ))
    return rows
