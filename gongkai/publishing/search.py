"""Full-text Chinese search over the public catalogue, the same on SQLite and PostgreSQL.

Chinese has no spaces between words, so word tokenisers find nothing; and a trigram index (SQLite FTS5
trigram, PostgreSQL pg_trgm) cannot look up the two-character words most queries are (救助, 低保, 宅基地
is three). The index is therefore a table of the distinct character bigrams of each published item: a query
of n bigrams picks, by one indexed GROUP BY, the items holding all of them; a substring test on that
small candidate set then removes false positives (bigrams present but not adjacent). One-character terms
fall back to the substring test alone. benchmarks/publishing_search.py measures it beside LIKE.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from gongkai.publishing.models import Item, SearchGram

__all__ = ["bigrams", "document_of", "index_item", "normalise", "search", "terms_of", "unindex_item"]

_RUN = re.compile(r"\w+")
MAX_TERMS = 8


def normalise(text: str) -> str:
    """Full-width letters and digits to half-width, lower case: what is indexed and what is looked up."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> set[str]:
    """The distinct pairs of adjacent word characters (CJK, letters, digits) of `text`."""
    found: set[str] = set()
    for run in _RUN.findall(normalise(text)):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def document_of(item: Item) -> str:
    return "\n".join((item.title, item.summary, item.document_number, item.body, item.index_number or ""))


def index_item(item: Item) -> None:
    """(Re)build the item's rows of the index; call when it is published or corrected."""
    SearchGram.objects.filter(item=item).delete()
    SearchGram.objects.bulk_create([SearchGram(item=item, gram=gram) for gram in sorted(bigrams(document_of(item)))],
                                   batch_size=2000)


def unindex_item(item: Item) -> None:
    """Take a withdrawn item out of the index."""
    SearchGram.objects.filter(item=item).delete()


def terms_of(query: str) -> list[str]:
    """The query's terms (split on spaces), normalised, at most MAX_TERMS."""
    return [t for t in (normalise(part) for part in query.split()) if t][:MAX_TERMS]


def search(query: str, items: QuerySet[Item] | None = None) -> QuerySet[Item]:
    """Items of `items` (default: the public catalogue) containing every term of `query`, title hits first.

    Pass an already-restricted queryset (e.g. one agency's published items); the public side must never
    pass anything broader than `Item.objects.public()`.
    """
    items = Item.objects.public() if items is None else items
    terms = terms_of(query)
    if not terms:
        return items.none()
    grams = set().union(*(bigrams(term) for term in terms))
    if grams:
        holding_all = (
            SearchGram.objects.filter(gram__in=grams).values("item_id").annotate(n=Count("gram")).filter(n=len(grams))
        )
        items = items.filter(pk__in=holding_all.values("item_id"))
    for term in terms:
        items = items.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
            | Q(document_number__icontains=term) | Q(index_number__icontains=term)
        )
    in_title = Q()
    for term in terms:
        in_title |= Q(title__icontains=term)
    return items.annotate(
        title_hit=Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("title_hit", "-published_at", "-pk")
