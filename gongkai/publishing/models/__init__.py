"""The publishing app's models, one module per family."""

from gongkai.publishing.models.items import (
    Attachment,
    Category,
    Correction,
    Finding,
    Item,
    Review,
    ScreeningDictionary,
    SearchGram,
)
from gongkai.publishing.models.numbering import NumberSequence
from gongkai.publishing.models.register import Amendment, NormativeDocument

__all__ = [
    "Amendment",
    "Attachment",
    "Category",
    "Correction",
    "Finding",
    "Item",
    "NormativeDocument",
    "NumberSequence",
    "Review",
    "ScreeningDictionary",
    "SearchGram",
]
