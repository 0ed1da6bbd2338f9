"""Search-result snippets: the passage of an item's text around the first matched term, with every
matched term marked (<mark>), HTML-escaped everywhere else."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.publishing.search import normalise

__all__ = ["highlight", "snippet"]

WIDTH = 80  # characters of context in a snippet


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of the terms in `text`, compared as the index compares (NFKC, lower case)."""
    folded = normalise(text)
    if len(folded) != len(text):  # a character expanded under NFKC: positions would shift, compare case-blind
        folded = text.lower()
    found: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        for match in re.finditer(re.escape(term), folded):
            span = match.span()
            if all(span[1] <= a or span[0] >= b for a, b in found):
                found.append(span)
    return sorted(found)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text`, escaped, with each occurrence of a term wrapped in <mark>."""
    out, at = [], 0
    for start, end in _spans(text, terms):
        out += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: list[str], width: int = WIDTH) -> SafeString:
    """About `width` characters of `text` around its first matched term (the start when none matches),
    with "…" where the text was cut, and the terms highlighted."""
    flat = " ".join(text.split())
    spans = _spans(flat, terms)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(flat) - width))
    end = min(len(flat), start + width)
    body = highlight(flat[start:end], terms)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(flat) else ""))
