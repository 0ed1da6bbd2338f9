"""Sending the outbox through Django's mail framework (SMTP from the settings; files in the demo).

A send that fails keeps its mail pending with the error and a later `next_attempt_at` (1, 2, 4, 8, 16 minutes);
after MAX_ATTEMPTS it is marked failed and waits on the staff outbox page for someone to send it again.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from gongkai.notifications.constants import BACKOFF_BASE_SECONDS, MAX_ATTEMPTS, MailState
from gongkai.notifications.models import Mail

BATCH = 200


def backoff(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt."""
    return timedelta(seconds=BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def message_of(mail: Mail) -> EmailMessage:
    message = EmailMessage(subject=mail.subject, body=mail.body, from_email=settings.DEFAULT_FROM_EMAIL,
                           to=[mail.to], headers={"X-Gongkai-Mail": str(mail.pk)})
    for attachment in mail.attachments.all():
        message.attach(attachment.name, bytes(attachment.data), attachment.content_type)
    return message


def send_one(mail: Mail, connection: object = None) -> bool:
    """Try to send one mail now; its row records the outcome. True when it went out."""
    try:
        message = message_of(mail)
        message.connection = connection or get_connection()  # type: ignore[assignment]
        message.send(fail_silently=False)
    except Exception as exc:  # the mail server's refusal or absence: kept, retried later
        mail.attempts += 1
        mail.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        mail.state = MailState.FAILED if mail.attempts >= MAX_ATTEMPTS else MailState.PENDING
        mail.next_attempt_at = timezone.now() + backoff(mail.attempts)
        mail.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
        return False
    mail.attempts += 1
    mail.state, mail.sent_at, mail.last_error = MailState.SENT, timezone.now(), ""
    mail.save(update_fields=["attempts", "state", "sent_at", "last_error"])
    return True


def deliver_pending(now: object = None) -> tuple[int, int]:
    """Send every pending mail whose time has come; (sent, failed) counts of this run."""
    now = now or timezone.now()
    sent = failed = 0
    while True:
        with transaction.atomic():
            due = list(Mail.objects.select_for_update(skip_locked=True)
                       .filter(state=MailState.PENDING, next_attempt_at__lte=now)
                       .order_by("next_attempt_at", "pk")[:BATCH])
            if not due:
                return sent, failed
            connection = get_connection()
            for mail in due:
                if send_one(mail, connection):
                    sent += 1
                else:
                    failed += 1
        if len(due) < BATCH or failed:
            return sent, failed


def retry(mail: Mail) -> None:
    """Put a mail back in the queue to go out at once (the staff page's 重新发送)."""
    mail.state, mail.next_attempt_at = MailState.PENDING, timezone.now()
    mail.save(update_fields=["state", "next_attempt_at"])
