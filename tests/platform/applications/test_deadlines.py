"""The app shows the deadline engine's dates (gongkai.law.deadlines), for the worked examples of the law
tests (tests/law/test_deadlines.py), reached through the workflow: 补正 (条例 第三十条), extension
(第三十三条第二款), third-party consultation (第三十二条), fee notice (国办函〔2020〕109号)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.applications import clock, services
from gongkai.applications.models import HolidayDay, HolidayYear
from gongkai.calendar import (
    DayKind,
    DayOverride,
    ScheduleOverrides,
    YearNotice,
    schedule_with_overrides,
)
from gongkai.law.deadlines import RequestEvents, compute_deadlines
from tests.law.test_deadlines import CORRECTED, FEE, REPLY_EXAMPLES, THIRD_PARTY
from tests.platform.applications.factories import make_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("received", "due"), REPLY_EXAMPLES)
def test_reply_due_shown_is_the_engines(received, due, dazhai, users, register, client_for) -> None:
    # an example still in the future is stored directly, as the record it will be
    req = register(received) if received <= date.today() else make_request(dazhai, received)
    assert clock.deadlines_for(req).reply_due == due == compute_deadlines(RequestEvents(received=received)).reply_due
    page = client_for("dazhai_handler").get(reverse("applications:detail", args=[req.pk]))
    assert f'data-testid="reply-due">{due.isoformat()}' in page.content.decode()


def test_correction_then_corrected_application(register, users) -> None:  # 条例 第三十条
    handler = users("dazhai_handler")
    req = register(CORRECTED.received)
    services.request_correction(req, actor=handler, items="请写明文件名称", period=CORRECTED.correction_period,
                                on=CORRECTED.correction_requested, delivered=CORRECTED.correction_delivered)
    letter = req.attachments.get(letter_kind="correction")
    assert letter.name.endswith("补正告知书.docx")
    with pytest.raises(ValidationError, match="只能告知一次"):
        services.request_correction(req, actor=handler, items="再补", period=5, on=CORRECTED.correction_requested)
    services.record_correction(req, actor=handler, on=CORRECTED.correction_received)
    assert clock.deadlines_for(req) == compute_deadlines(CORRECTED)
    assert clock.deadlines_for(req).reply_due == date(2025, 4, 24)


def test_extension_only_by_the_office_head_up_to_20_working_days(register, users) -> None:  # 第三十三条第二款
    req = register(date(2024, 1, 26))
    with pytest.raises(PermissionDenied, match="公开工作机构负责人"):
        services.extend(req, actor=users("dazhai_handler"), days=20, reason="需要调档", on=date(2024, 2, 26))
    with pytest.raises(ValidationError, match="最长不得超过20个工作日"):
        services.extend(req, actor=users("dazhai_head"), days=21, reason="需要调档", on=date(2024, 2, 26))
    with pytest.raises(ValidationError, match="已于2024年2月28日届满"):
        services.extend(req, actor=users("dazhai_head"), days=10, reason="需要调档", on=date(2024, 2, 29))
    services.extend(req, actor=users("dazhai_head"), days=20, reason="需要调档", on=date(2024, 2, 26))
    events = RequestEvents(received=date(2024, 1, 26), extension=20, extension_approved=date(2024, 2, 26))
    assert clock.deadlines_for(req) == compute_deadlines(events)
    assert clock.deadlines_for(req).reply_due == date(2024, 3, 27)
    assert req.attachments.filter(letter_kind="extension").count() == 1  # 延期答复告知书


def test_third_party_consultation_is_not_counted(register, users) -> None:  # 第三十二条、第三十三条第三款
    handler, sent = users("dazhai_handler"), THIRD_PARTY.consultations[0]
    req = register(THIRD_PARTY.received)
    consultation = services.consult(req, actor=handler, kind="third_party", party="某公司", matter="合同价款",
                                    sent=sent.sent, delivered=sent.delivered)
    services.record_opinion(consultation, actor=handler, answered=sent.answered, opinion="不同意公开")
    assert clock.deadlines_for(req) == compute_deadlines(THIRD_PARTY)
    assert clock.deadlines_for(req).reply_due == date(2025, 5, 28)
    assert clock.deadlines_for(req).opinion_dues == (date(2025, 5, 12),)


def test_fee_notice_pauses_the_clock_until_payment(register, users) -> None:  # 国办函〔2020〕109号
    handler, fee = users("dazhai_handler"), FEE.fee_notice
    req = register(FEE.received)
    notice = services.issue_fee_notice(req, actor=handler, method="per_page", pages=50, sent=fee.sent,
                                       delivered=fee.delivered)
    assert notice.amount == 200  # 第五条: pages 31–50 at 10 yuan
    services.record_payment(req, actor=handler, on=fee.paid)
    assert clock.deadlines_for(req) == compute_deadlines(FEE)
    assert (clock.deadlines_for(req).reply_due, clock.deadlines_for(req).payment_due) == (
        date(2024, 10, 21), date(2024, 10, 11))


def test_the_fee_pause_is_a_setting(register, users, settings) -> None:
    settings.GONGKAI_REQUEST_SETTINGS = {"fee_period_pauses_reply": False}
    req = register(FEE.received)
    services.issue_fee_notice(req, actor=users("dazhai_handler"), method="per_page", pages=50, sent=FEE.fee_notice.sent,
                              delivered=FEE.fee_notice.delivered)
    services.record_payment(req, actor=users("dazhai_handler"), on=FEE.fee_notice.paid)
    assert clock.deadlines_for(req).reply_due == date(2024, 9, 30)


def test_an_unknown_year_is_provisional_until_the_administrator_enters_it(dazhai, client_for) -> None:
    req = make_request(dazhai, date(2026, 12, 10))  # the 16th–20th working days fall in 2027
    assert clock.dated_for(req).reply_due.provisional  # 暂定 (issue 11), no longer an error
    page = client_for("dazhai_handler").get(reverse("applications:detail", args=[req.pk]))
    assert page.status_code == 200 and "暂定" in page.content.decode()
    HolidayYear.objects.create(year=2027, notice="国办发明电〔2026〕N号")
    HolidayDay.objects.create(day=date(2027, 1, 1), kind="off", notice="国办发明电〔2026〕N号", note="元旦")
    overrides = ScheduleOverrides.from_entries(
        [DayOverride(date(2027, 1, 1), DayKind.OFF)], [YearNotice(2027)]
    )
    schedule = schedule_with_overrides(overrides)
    expected = compute_deadlines(RequestEvents(received=date(2026, 12, 10)), schedule=schedule)
    assert clock.deadlines_for(req) == expected
    assert expected.reply_due == date(2027, 1, 8)  # 12/11 … 12/31 (1–15), 1/4–1/8 (16–20)
    assert not clock.dated_for(req).provisional


def test_late_correction_notice_is_warned_about(register, users) -> None:  # 条例 第三十条: 7个工作日内
    req = register(CORRECTED.received)
    services.request_correction(req, actor=users("dazhai_handler"), items="请写明文件名称", period=15,
                                on=date(2025, 3, 20))
    late = replace(CORRECTED, correction_requested=date(2025, 3, 20), correction_delivered=None,
                   correction_received=None)
    assert clock.deadlines_for(req).warnings == compute_deadlines(late).warnings != ()
