"""The outbox: a failing mail server loses nothing and the retry delivers; the same event never mails twice;
staff hear of what waits for them (答复签发, 三审) and of what comes back (退回修改) unless they turned mails off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.audit.models import AuditEntry
from gongkai.notifications import compose
from gongkai.notifications.constants import MAX_ATTEMPTS, MailEvent, MailState
from gongkai.notifications.delivery import deliver_pending
from gongkai.notifications.models import Mail, MailPreference
from gongkai.publishing import services as publishing
from tests.platform.publishing.helpers import draft as item_draft

pytestmark = pytest.mark.django_db
REFUSING = "tests.platform.notifications.failing_backend.RefusingBackend"


def test_a_failing_mail_server_loses_nothing_and_the_retry_delivers(register, users, committed, settings,
                                                                    client) -> None:
    committed(register, date(2026, 11, 2))
    receipt = Mail.objects.get()
    settings.EMAIL_BACKEND = REFUSING
    later = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert deliver_pending(now=later) == (0, 1)
        receipt.refresh_from_db()
        assert receipt.attempts == attempt and "SMTP server unreachable" in receipt.last_error
        assert deliver_pending(now=later) == (0, 0)  # not again before its backoff has passed
        later = receipt.next_attempt_at + timedelta(seconds=1)
    assert receipt.state == MailState.FAILED and receipt.attachments.count() == 1  # kept, with its letter
    assert deliver_pending(now=later + timedelta(days=1)) == (0, 0)  # failed mails wait for a person

    client.force_login(users("dazhai_admin"))
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert receipt.subject in page and "发送失败" in page and "SMTP server unreachable" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.MonkeyPatch.context() as patch:  # the page enqueues the task; here it is run directly
        patch.setattr("gongkai.tasks.api.enqueue", lambda *a, **k: None)
        client.post(reverse("notifications:retry", args=[receipt.pk]))
    entry = AuditEntry.objects.filter(event=MailEvent.RETRIED).get()
    assert entry.actor_username == "dazhai_admin" and entry.before["state"] == MailState.FAILED
    assert deliver_pending() == (1, 0)
    receipt.refresh_from_db()
    assert receipt.state == MailState.SENT and len(django_mail.outbox) == 1
    assert django_mail.outbox[0].attachments[0][0].endswith(".docx")


def test_another_agencys_outbox_is_not_shown_nor_retried(register, users, committed, client) -> None:
    committed(register, date(2026, 11, 2))
    receipt = Mail.objects.get()
    client.force_login(users("shiqiao_admin"))
    assert receipt.subject not in client.get(reverse("notifications:outbox")).content.decode()
    assert client.post(reverse("notifications:retry", args=[receipt.pk])).status_code == 404


def test_the_same_event_twice_is_one_mail_and_a_sent_mail_is_not_sent_again(register, committed) -> None:
    committed(register, date(2026, 11, 2))
    entry = AuditEntry.objects.get(event="applications.request.created")
    [outgoing] = compose.COMPOSERS[entry.event](entry)
    assert compose.queue(entry, outgoing) is None  # already queued by the commit
    compose.ComposeCursor.objects.update(seq=0)  # as after a crash before the cursor moved
    assert compose.compose_pending() == 0
    assert deliver_pending() == (1, 0) and deliver_pending() == (0, 0)
    assert Mail.objects.count() == 1 and len(django_mail.outbox) == 1


def test_reply_sign_off_and_return_reach_the_right_staff_unless_they_turned_mails_off(register, users,
                                                                                      committed, client) -> None:
    handler = users("dazhai_handler")
    client.force_login(users("dazhai_head"))  # the office head turns mails off on the settings page
    client.post(reverse("notifications:preference"), {})
    assert MailPreference.objects.get(user__username="dazhai_head").enabled is False
    assert AuditEntry.objects.filter(event=MailEvent.PREFERENCE_CHANGED, actor_username="dazhai_head").exists()

    req = register(date(2026, 11, 2))
    services.assign(req, handler, actor=users("dazhai_admin"))
    draft = services.save_draft(req, actor=handler, outcome_key="granted", facts="现提供该文件。")
    compose.compose_pending()
    before = set(Mail.objects.values_list("pk", flat=True))
    committed(services.submit_draft, draft, actor=handler)
    waiting = Mail.objects.exclude(pk__in=before)
    # 签发 is for the 终审人 and the office head (who turned mails off): one mail
    assert [m.user.username for m in waiting] == ["dazhai_reviewer3"]
    assert "等待您审核签发" in waiting[0].body and f"/requests/{req.pk}/" in waiting[0].body

    before |= set(waiting.values_list("pk", flat=True))
    committed(services.return_draft, draft, actor=users("dazhai_reviewer1"), comment="请写明获取方式")
    [back] = Mail.objects.exclude(pk__in=before)
    assert back.user == handler and "被退回修改" in back.body and "请写明获取方式" in back.body


def test_three_stage_review_tells_each_stage_and_the_writer_of_a_return(county, users, committed) -> None:
    item = item_draft()
    committed(publishing.submit, item, actor=users("dazhai_handler"))
    assert {m.user.username for m in Mail.objects.all()} == {"dazhai_reviewer1"}
    assert Mail.objects.get().subject.startswith("初审：") and "等待您初审" in Mail.objects.get().body
    item.refresh_from_db()
    committed(publishing.approve, item, actor=users("dazhai_reviewer1"), comment="同意", seen=set())
    assert Mail.objects.filter(user__username="dazhai_reviewer2").count() == 1
    item.refresh_from_db()
    committed(publishing.send_back, item, actor=users("dazhai_reviewer2"), comment="请核对补贴金额")
    back = Mail.objects.get(user__username="dazhai_handler")
    assert "退回修改" in back.subject and "请核对补贴金额" in back.body
