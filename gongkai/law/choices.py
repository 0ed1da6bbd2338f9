"""`LabelledChoice`: a str enum whose members carry the Chinese legal term, like Django's TextChoices.

    class ApplicantType(LabelledChoice):
        NATURAL_PERSON = "natural_person", "自然人"

The value is a stable English key (stored in databases and JSON), the label the term the law uses; the
web app turns one into model choices with `choices()`, without the pure core importing Django.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

__all__ = ["LabelledChoice"]


class LabelledChoice(StrEnum):
    """A str enum member with a `label`; declare members as `KEY = "value", "标签"`."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """`[(value, label), ...]` for a Django `choices=`."""
        return [(m.value, m.label) for m in cls]
