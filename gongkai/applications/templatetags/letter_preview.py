"""`{% reply_preview draft %}`: the reply letter of a draft under review, laid out as the applicant's DOCX."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from gongkai.applications import letters

register = template.Library()


@register.inclusion_tag("applications/letter_preview.html")
def reply_preview(draft: Any) -> dict[str, Any]:
    """The letter as it would be issued if signed off today (its date and remedies depend on the day)."""
    letter = letters.reply_preview(draft, timezone.localdate())
    salutation, *body = letter.paragraphs
    return {"letter": letter, "salutation": salutation, "body": [p.split("\n") for p in body],
            "signed": letters.chinese_date(letter.signed)}
