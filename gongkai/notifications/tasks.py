"""The background task that sends the outbox (run by the worker beside `gongkai serve`, or `gongkai worker`)."""

from __future__ import annotations

from django.db.models import Min

from gongkai.tasks.api import task


@task()
def deliver_outbox() -> dict[str, int]:
    """Queue what the audit trail still owes, send every pending mail whose time has come, and come back when
    the next retry is due."""
    from gongkai.notifications.compose import compose_pending
    from gongkai.notifications.constants import MailState
    from gongkai.notifications.delivery import deliver_pending
    from gongkai.notifications.models import Mail

    queued = compose_pending()
    sent, failed = deliver_pending()
    next_try = Mail.objects.filter(state=MailState.PENDING).aggregate(at=Min("next_attempt_at"))["at"]
    if next_try is not None and deliver_outbox.get_backend().supports_defer:
        deliver_outbox.using(run_after=next_try).enqueue()
    return {"queued": queued, "sent": sent, "failed": failed}
