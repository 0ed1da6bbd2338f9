"""`gongkai mail send`: compose what the audit trail still owes and send the outbox now (the worker does the
same in the background)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    mail = subparsers.add_parser("mail", help="notification mails", description="通知邮件。")
    commands = mail.add_subparsers(dest="mail_command", required=True)
    send = commands.add_parser("send", help="send the pending mails now", description="立即发送待发送的通知邮件。")
    send.add_argument("--all", action="store_true", help="also the mails waiting for a later retry or marked failed")
    send.set_defaults(handler=_send)


def _send(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.utils import timezone

    from gongkai.notifications.compose import compose_pending
    from gongkai.notifications.constants import MailState
    from gongkai.notifications.delivery import deliver_pending
    from gongkai.notifications.models import Mail

    queued = compose_pending()
    if args.all:
        Mail.objects.exclude(state=MailState.SENT).update(state=MailState.PENDING, next_attempt_at=timezone.now())
    sent, failed = deliver_pending()
    waiting = Mail.objects.exclude(state=MailState.SENT).count()
    print(f"新生成 {queued} 封，发送成功 {sent} 封，失败 {failed} 封，仍待发送 {waiting} 封。")
    return 1 if failed else 0
