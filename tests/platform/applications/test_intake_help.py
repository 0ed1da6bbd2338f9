"""Arrival and confirmation (条例 第三十一条), help for applicants (第二十九条第一款、第四十三条), and the staff page's
new acts (第三十二条 决定公开, 第三十五条 说明理由, 109号 第四条 一事一申请), each in the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.constants import LetterKind, RequestEvent
from gongkai.applications.models import Request
from gongkai.audit.models import AuditEntry

from .conftest import PERSON

pytestmark = pytest.mark.django_db


def _events(req: Request) -> list[str]:
    return list(AuditEntry.objects.filter(object_id=str(req.pk)).values_list("event", flat=True))


def test_an_ordinary_letter_confirmed_days_after_it_arrived_is_noticed(dazhai, users, client_for) -> None:
    # 条例 第三十一条第（二）项: 平常信函 … 应当于收到申请的当日与申请人确认，确认之日为收到申请之日
    req = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="ordinary_mail",
                            arrived=date(2025, 3, 3), confirmed=date(2025, 3, 6))
    assert (req.arrived, req.received) == (date(2025, 3, 3), date(2025, 3, 6))  # the clock per 第三十一条
    assert req.late_confirmation.startswith("申请于2025-03-03到达，2025-03-06才确认，晚了3日")
    assert "应当于收到申请的当日与申请人确认" in req.late_confirmation
    entry = AuditEntry.objects.get(object_id=str(req.pk), event=RequestEvent.CREATED)
    assert "晚了3日" in entry.message and entry.after["arrived"] == "2025-03-03"
    page = client_for("dazhai_handler").get(reverse("applications:detail", args=[req.pk])).content.decode()
    assert 'data-testid="late-confirmation"' in page
    same_day = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="fax",
                                 arrived=date(2025, 3, 3), confirmed=date(2025, 3, 3))
    assert same_day.late_confirmation is None


def test_an_online_application_records_its_arrival_and_a_later_confirmation(dazhai, users, known_calendar) -> None:
    with time_machine.travel("2026-11-02 10:00 +0800", tick=False):  # 第三十一条第（三）项
        req = services.submit_online(dazhai, PERSON, assistance_needed=True)
    assert req.arrived == date(2026, 11, 2) and req.received is None and req.assistance_needed
    services.confirm_receipt(req, actor=users("dazhai_handler"), on=date(2026, 11, 4))
    assert req.received == date(2026, 11, 4)
    confirmed = AuditEntry.objects.get(object_id=str(req.pk), event=RequestEvent.CONFIRMED)
    assert "晚了2日" in confirmed.message and "以双方确认之日为收到申请之日" in confirmed.message


def test_the_public_form_offers_help_and_staff_record_it(client, dazhai, users, client_for, known_calendar) -> None:
    page = client.get(reverse("applications:apply")).content.decode()
    assert "条例 第四十三条" in page and "可以口头提出" in page
    client.post(reverse("applications:apply"), {**PERSON, "org": dazhai.pk, "assistance_needed": "on"})
    req = Request.objects.get()
    assert req.assistance_needed
    staff = client_for("dazhai_handler")
    assert "申请人表示需要帮助" in staff.get(reverse("applications:detail", args=[req.pk])).content.decode()
    staff.post(reverse("applications:action", args=[req.pk, "assistance"]),
               {"assistance": "电话联系申请人，读给申请人听并代为核对申请内容", "oral": ""})
    req.refresh_from_db()
    assert req.assistance == "电话联系申请人，读给申请人听并代为核对申请内容"
    assert RequestEvent.ASSISTANCE_RECORDED in _events(req)
    oral = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="in_person",
                             handed_in=date(2025, 3, 3), oral=True,
                             assistance="申请人视力障碍，工作人员代为填写并读给其确认")
    assert oral.oral and oral.assistance.startswith("申请人视力障碍")


def test_the_new_acts_from_the_staff_page(register, dazhai, users, client_for) -> None:
    req = register(date(2025, 3, 3))
    handler, head = client_for("dazhai_handler"), client_for("dazhai_head")
    act = lambda client, name, data: client.post(reverse("applications:action", args=[req.pk, name]), data)  # noqa: E731
    assert act(handler, "split", {"units": "3", "reason": ""}).status_code == 400  # a split needs its reason
    act(handler, "split", {"units": "3", "reason": "三个村的名册，相互独立"})
    act(handler, "reasons", {"items": "一个月内申请52件的用途", "due": "2025-03-20", "on": "2025-03-05"})
    consultation = services.consult(req, actor=users("dazhai_handler"), kind="third_party", party="某某养殖场",
                                    matter="环评文件", sent=date(2025, 3, 5))
    services.record_opinion(consultation, actor=users("dazhai_handler"), answered=date(2025, 3, 10), opinion="不同意")
    page = head.get(reverse("applications:detail", args=[req.pk])).content.decode()
    assert f"action-disclose-{consultation.pk}" in page
    act(head, f"disclose-{consultation.pk}", {"reason": "涉及饮水安全", "on": "2025-03-11"})
    req.refresh_from_db()
    assert (req.units, req.reasons_requested) == (3, date(2025, 3, 5))
    assert set(req.attachments.values_list("letter_kind", flat=True)) >= {LetterKind.REASONS,
                                                                          LetterKind.DISCLOSURE_NOTICE}
    assert {RequestEvent.SPLIT, RequestEvent.REASONS_REQUESTED, RequestEvent.DISCLOSURE_DECIDED} <= set(_events(req))
