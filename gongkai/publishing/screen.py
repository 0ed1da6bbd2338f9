"""Screening of items with the engine of `gongkai.screening`, fed by the administrators' dictionaries.

The screener for an organisation is the built-in packs plus the active platform-wide dictionaries plus
that organisation's own; it is compiled once per version of the dictionary table and reused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

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

__all__ = ["dictionary_of", "dictionary_version", "is_blocking", "screen_item", "screener_for"]

TEXT_FIELDS = ("title", "summary", "body")
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
