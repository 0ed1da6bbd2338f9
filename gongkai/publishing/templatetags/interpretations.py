"""`{% interpretation_pair item as pair %}`: an item's 政策解读 and the document an interpretation explains,
for the catalogue page, the staff page and the register (`{% interpretations_of_document doc as items %}`)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.publishing.constants import ItemState
from gongkai.publishing.models import Item

register = template.Library()


@register.simple_tag
def interpretation_pair(item: Item, public: bool = True) -> dict[str, Any]:
    """{"document": the item it interprets or None, "interpretations": its interpretations}; only published
    ones when `public`."""
    interpretations = item.interpretations.all()
    document = item.interprets if item.interprets_id else None
    if public:
        interpretations = interpretations.filter(state=ItemState.PUBLISHED)
        if document is not None and document.state != ItemState.PUBLISHED:
            document = None
    return {"document": document, "interpretations": list(interpretations.only("pk", "title", "state"))}


@register.simple_tag
def interpretations_of_document(doc: Any) -> list[Item]:
    """The interpretations of the items publishing a registered normative document."""
    return list(Item.objects.filter(interprets__normative_document=doc).only("pk", "title", "state"))
