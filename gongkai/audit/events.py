"""The registry of audit events: each app registers its TextChoices of dotted event names and labels.

    class OrgEvent(models.TextChoices):
        ORG_UPDATED = "orgs.org.updated", _("修改机关信息")

    # in AppConfig.ready():
    events.register(OrgEvent)

`record()` refuses an event nobody registered, so a typo cannot write an entry no one can read.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.functional import Promise

EVENT_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

_labels: dict[str, str | Promise] = {}


class UnknownAuditEvent(ValueError):
    """An event name no app registered."""


def register(choices: type[models.TextChoices]) -> None:
    for value, label in choices.choices:
        if not EVENT_NAME.match(value):
            raise ValueError(f"audit event {value!r}: use dotted lower-case names, e.g. 'orgs.org.updated'")
        _labels[value] = label


def is_registered(event: str) -> bool:
    return event in _labels


def label(event: str) -> str:
    """The event's human label in the active language (the raw name if unknown)."""
    return str(_labels.get(event, event))


def all_events() -> list[tuple[str, str]]:
    return sorted((name, str(text)) for name, text in _labels.items())
