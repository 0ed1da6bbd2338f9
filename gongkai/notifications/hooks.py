"""The link to the audit trail: a recorded act that someone must hear of queues its mails when its transaction
commits, then the delivery task is started."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def entry_recorded(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """post_save of an audit entry (entries are only ever inserted, by `audit.services.record`)."""
    from gongkai.notifications.compose import COMPOSERS

    if created and instance.event in COMPOSERS:
        transaction.on_commit(after_commit)


def after_commit() -> None:
    """Compose at once (the outbox shows the mail right away); send in the background."""
    from gongkai.notifications import compose, tasks

    try:
        queued = compose.compose_pending()
    except Exception:  # the act itself is committed; the next delivery run composes what is missing
        logger.exception("composing notification mails failed; the next delivery run will retry")
        queued = 1
    if queued:
        try:
            tasks.deliver_outbox.enqueue()
        except Exception:  # no task backend reachable: `gongkai mail send` or the next enqueue delivers
            logger.exception("could not enqueue mail delivery")
