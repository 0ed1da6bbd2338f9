"""Worked deadline examples: each expected date counted by hand from the holiday notice of its year.

Notices: 2024 国办发明电〔2023〕7号; 2025 国办发明电〔2024〕12号; 2026 国务院办公厅关于2026年部分节假日安排的
通知 (2025-11-04). In the hand counts "(n)" is the n-th counted working day; the receipt day is never
counted (民法典 第二百零一条).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gongkai.calendar import Certainty, UnknownHolidayYearError
from gongkai.law.deadlines import (
    Consultation,
    ConsultationKind,
    DeadlineStatus,
    ExtensionTooLongError,
    FeeNotice,
    InconsistentEventsError,
    RequestEvents,
    add_months,
    compute_deadlines,
    dated_deadlines,
    period_end,
    publication_due,
    publication_due_dated,
    request_status,
)
from gongkai.law.requests import (
    ADMINISTRATIVE_REVIEW,
    DIRECT_LITIGATION,
    LITIGATION_AFTER_REVIEW,
    Period,
    RequestSettings,
)

# ---------------------------------------------------------------------------------------------
# The reply period: 20 working days from receipt (条例 第三十三条第二款)

REPLY_EXAMPLES = [
    pytest.param(
        date(2024, 1, 26), date(2024, 2, 28),
        # 国办发明电〔2023〕7号: 春节 2/10–2/17; 2/4 (Sun), 2/18 (Sun) 上班.
        # 1/29–2/2 (1–5), 2/4 (6), 2/5–2/9 (7–11), 2/18 (12), 2/19–2/23 (13–17), 2/26–2/28 (18–20)
        id="spring_festival_2024",
    ),
    pytest.param(
        date(2024, 9, 23), date(2024, 10, 24),
        # 国办发明电〔2023〕7号: 国庆 10/1–10/7; 9/29 (Sun), 10/12 (Sat) 上班.
        # 9/24–9/27 (1–4), 9/29 (5), 9/30 (6), 10/8–10/11 (7–10), 10/12 (11), 10/14–10/18 (12–16),
        # 10/21–10/24 (17–20)
        id="national_day_2024",
    ),
    pytest.param(
        date(2025, 1, 22), date(2025, 2, 25),
        # 国办发明电〔2024〕12号: 春节 1/28–2/4; 1/26 (Sun), 2/8 (Sat) 上班.
        # 1/23 1/24 (1–2), 1/26 (3), 1/27 (4), 2/5–2/7 (5–7), 2/8 (8), 2/10–2/14 (9–13),
        # 2/17–2/21 (14–18), 2/24 2/25 (19–20)
        id="spring_festival_2025",
    ),
    pytest.param(
        date(2025, 9, 26), date(2025, 10, 30),
        # 国办发明电〔2024〕12号: 国庆节、中秋节 10/1–10/8; 9/28 (Sun), 10/11 (Sat) 上班.
        # 9/28 (1), 9/29 9/30 (2–3), 10/9 10/10 (4–5), 10/11 (6), 10/13–10/17 (7–11), 10/20–10/24 (12–16),
        # 10/27–10/30 (17–20)
        id="national_day_2025",
    ),
    pytest.param(
        date(2026, 2, 9), date(2026, 3, 13),
        # 2026 notice: 春节 2/15–2/23; 2/14 (Sat), 2/28 (Sat) 上班.
        # 2/10–2/13 (1–4), 2/14 (5), 2/24–2/27 (6–9), 2/28 (10), 3/2–3/6 (11–15), 3/9–3/13 (16–20)
        id="spring_festival_2026",
    ),
    pytest.param(
        date(2025, 12, 24), date(2026, 1, 22),
        # Across two notices. 2026 notice: 元旦 1/1–1/3; 1/4 (Sun) 上班.
        # 12/25 12/26 (1–2), 12/29–12/31 (3–5), 1/4 (6), 1/5–1/9 (7–11), 1/12–1/16 (12–16), 1/19–1/22 (17–20)
        id="new_year_2026",
    ),
    pytest.param(
        date(2026, 4, 29), date(2026, 5, 29),
        # 2026 notice: 劳动节 5/1–5/5; 5/9 (Sat) 上班.
        # 4/30 (1), 5/6–5/8 (2–4), 5/9 (5), 5/11–5/15 (6–10), 5/18–5/22 (11–15), 5/25–5/29 (16–20)
        id="labour_day_2026_tiaoxiu_saturday",
    ),
]


@pytest.mark.parametrize(("received", "due"), REPLY_EXAMPLES)
def test_reply_due_is_20_working_days_after_receipt(received: date, due: date) -> None:  # 条例 第三十三条第二款
    deadlines = compute_deadlines(RequestEvents(received=received))
    assert deadlines.reply_due == due
    assert deadlines.reply_due_unextended == due
    assert deadlines.paused_working_days == 0


def test_reply_due_skips_spring_festival_2024() -> None:  # 条例 第三十三条第二款; 国办发明电〔2023〕7号
    assert compute_deadlines(RequestEvents(received=date(2024, 1, 26))).reply_due == date(2024, 2, 28)


def test_reply_due_in_an_unknown_year_raises_the_clear_error() -> None:
    # 12/11 (1) … 12/31 (15); the 16th–20th working days would be in 2027, whose notice is not entered.
    with pytest.raises(UnknownHolidayYearError, match="2027年的法定节假日安排尚未录入"):
        compute_deadlines(RequestEvents(received=date(2026, 12, 10)))


# ---------------------------------------------------------------------------------------------
# Correction (补正, 条例 第三十条): notice within 7 working days, then the clock restarts

CORRECTED = RequestEvents(
    received=date(2025, 3, 7),  # Friday
    correction_requested=date(2025, 3, 13),
    correction_delivered=date(2025, 3, 14),
    correction_period=15,
    correction_received=date(2025, 3, 26),
)


def test_correction_notice_is_due_7_working_days_after_receipt() -> None:  # 条例 第三十条
    # 3/10–3/14 (1–5), 3/17 3/18 (6–7)
    assert compute_deadlines(CORRECTED).correction_notice_due == date(2025, 3, 18)
    # 国办发明电〔2023〕7号: 1/29–2/2 (1–5), 2/4 Sun 上班 (6), 2/5 (7)
    assert compute_deadlines(RequestEvents(received=date(2024, 1, 26))).correction_notice_due == date(2024, 2, 5)


def test_reply_clock_restarts_from_the_corrected_application() -> None:  # 条例 第三十条
    # 国办发明电〔2024〕12号: 清明 4/4–4/6. From 3/26: 3/27 3/28 (1–2), 3/31–4/3 (3–6), 4/7–4/11 (7–11),
    # 4/14–4/18 (12–16), 4/21–4/24 (17–20).
    deadlines = compute_deadlines(CORRECTED)
    assert deadlines.clock_start == date(2025, 3, 26)
    assert deadlines.reply_due == date(2025, 4, 24)


def test_applicant_correction_due_counts_from_delivery_of_the_notice() -> None:  # 条例 第三十条
    # 15 working days after 3/14: 3/17–3/21 (1–5), 3/24–3/28 (6–10), 3/31–4/3 (11–14), 清明 4/4–4/6, 4/7 (15)
    assert compute_deadlines(CORRECTED).correction_due == date(2025, 4, 7)


def test_awaiting_correction_has_no_reply_due_and_becomes_overdue_after_the_period() -> None:
    waiting = replace(CORRECTED, correction_received=None)
    assert compute_deadlines(waiting).reply_due is None
    assert request_status(waiting, date(2025, 3, 20)).status is DeadlineStatus.AWAITING_CORRECTION
    overdue = request_status(waiting, date(2025, 4, 8))
    assert overdue.status is DeadlineStatus.CORRECTION_OVERDUE  # → table 三 other.no_correction
    assert overdue.due == date(2025, 4, 7)


def test_a_late_correction_notice_is_flagged() -> None:  # 条例 第三十条: 7个工作日内
    late = replace(CORRECTED, correction_requested=date(2025, 3, 19), correction_delivered=None)
    assert any("晚于收到申请后7个工作日" in w for w in compute_deadlines(late).warnings)
    assert compute_deadlines(CORRECTED).warnings == ()


# ---------------------------------------------------------------------------------------------
# Extension (条例 第三十三条第二款: at most 20 working days, approved by the office head)


def test_extension_adds_working_days_after_the_unextended_due_date() -> None:
    # Base due 2024-02-28; then 2/29 (1), 3/1 (2), 3/4–3/8 (3–7), 3/11–3/15 (8–12), 3/18–3/22 (13–17),
    # 3/25–3/27 (18–20)
    events = RequestEvents(received=date(2024, 1, 26), extension=20, extension_approved=date(2024, 2, 26))
    deadlines = compute_deadlines(events)
    assert deadlines.reply_due_unextended == date(2024, 2, 28)
    assert deadlines.reply_due == date(2024, 3, 27)
    assert deadlines.warnings == ()


def test_extension_over_20_working_days_is_refused() -> None:  # 条例 第三十三条第二款
    with pytest.raises(ExtensionTooLongError, match="最长不得超过20个工作日"):
        compute_deadlines(RequestEvents(received=date(2024, 1, 26), extension=21))


def test_extension_approved_after_the_period_ran_out_is_flagged() -> None:
    events = RequestEvents(received=date(2024, 1, 26), extension=10, extension_approved=date(2024, 2, 29))
    assert any("晚于原答复期限届满日" in w for w in compute_deadlines(events).warnings)


def test_a_later_date_set_under_article_35_replaces_the_due_date() -> None:  # 条例 第三十五条
    events = RequestEvents(received=date(2024, 1, 26), deferred_to=date(2024, 4, 30))
    assert compute_deadlines(events).reply_due == date(2024, 4, 30)


# ---------------------------------------------------------------------------------------------
# Pauses: consultation (条例 第三十二条、第三十三条第三款) and fee notice (国办函〔2020〕109号)

THIRD_PARTY = RequestEvents(
    received=date(2025, 4, 14),  # Monday
    consultations=(
        Consultation(
            ConsultationKind.THIRD_PARTY,
            sent=date(2025, 4, 16),
            delivered=date(2025, 4, 17),
            answered=date(2025, 4, 29),
        ),
    ),
)


def test_third_party_consultation_is_not_counted() -> None:  # 条例 第三十三条第三款
    # Paused (4/16, 4/29]: 4/17 4/18, 4/21–4/25, 4/27 (Sun 上班), 4/28 4/29 = 10 working days.
    # Counted: 4/15 4/16 (1–2), 4/30 (3), 劳动节 5/1–5/5, 5/6–5/9 (4–7), 5/12–5/16 (8–12), 5/19–5/23 (13–17),
    # 5/26–5/28 (18–20). Same as the unpaused due 5/14 plus 10 working days.
    deadlines = compute_deadlines(THIRD_PARTY)
    assert deadlines.paused_working_days == 10
    assert deadlines.reply_due == date(2025, 5, 28)


def test_third_party_opinion_is_due_15_working_days_after_delivery() -> None:  # 条例 第三十二条
    # 4/18 (1), 4/21–4/25 (2–6), 4/27 Sun 上班 (7), 4/28–4/30 (8–10), 5/6–5/9 (11–14), 5/12 (15)
    assert compute_deadlines(THIRD_PARTY).opinion_dues == (date(2025, 5, 12),)


def test_a_silent_third_party_pauses_the_clock_until_its_period_ends() -> None:  # 条例 第三十二条
    silent = replace(THIRD_PARTY, consultations=(replace(THIRD_PARTY.consultations[0], answered=None),))
    # Paused (4/16, 5/12]: 16 working days. Counted: 4/15 4/16 (1–2), 5/13–5/16 (3–6), 5/19–5/23 (7–11),
    # 5/26–5/30 (12–16), 端午 5/31–6/2, 6/3–6/6 (17–20).
    deadlines = compute_deadlines(silent)
    assert deadlines.paused_working_days == 16
    assert deadlines.reply_due == date(2025, 6, 6)
    assert request_status(silent, date(2025, 5, 5)).status is DeadlineStatus.PAUSED
    after = request_status(silent, date(2025, 5, 13))
    assert after.status is DeadlineStatus.IN_TIME
    assert after.working_days_left == 17  # 5/14–5/16, 5/19–5/23, 5/26–5/30, 6/3–6/6


def test_an_open_consultation_without_cap_leaves_the_due_date_open() -> None:
    silent = replace(THIRD_PARTY, consultations=(replace(THIRD_PARTY.consultations[0], answered=None),))
    settings = RequestSettings(consultation_pause_ends_at_opinion_due=False)
    assert compute_deadlines(silent, settings=settings).reply_due is None
    assert request_status(silent, date(2025, 6, 20), settings=settings).status is DeadlineStatus.PAUSED


def test_overlapping_consultations_skip_each_day_once() -> None:
    other_agency = Consultation(ConsultationKind.OTHER_AGENCY, sent=date(2025, 4, 16), answered=date(2025, 4, 25))
    both = replace(THIRD_PARTY, consultations=(*THIRD_PARTY.consultations, other_agency))
    assert compute_deadlines(both).reply_due == date(2025, 5, 28)
    assert compute_deadlines(both).opinion_dues == (date(2025, 5, 12), None)  # no period for other agencies


FEE = RequestEvents(
    received=date(2024, 9, 2),  # Monday
    fee_notice=FeeNotice(sent=date(2024, 9, 4), delivered=date(2024, 9, 6), paid=date(2024, 9, 20)),
)


def test_fee_period_pauses_the_reply_clock() -> None:  # 国办函〔2020〕109号 (setting, on by default)
    # 国办发明电〔2023〕7号: 中秋 9/15–9/17, 9/14 (Sat) 上班; 国庆 10/1–10/7, 9/29 (Sun), 10/12 (Sat) 上班.
    # Paused (9/4, 9/20]: 9/5 9/6, 9/9–9/13, 9/14, 9/18–9/20 = 11. Counted: 9/3 9/4 (1–2), 9/23–9/27 (3–7),
    # 9/29 (8), 9/30 (9), 10/8–10/11 (10–13), 10/12 (14), 10/14–10/18 (15–19), 10/21 (20).
    deadlines = compute_deadlines(FEE)
    assert deadlines.paused_working_days == 11
    assert deadlines.reply_due == date(2024, 10, 21)


def test_without_the_fee_pause_the_clock_runs_on() -> None:
    # 9/3–9/6 (1–4), 9/9–9/13 (5–9), 9/14 (10), 9/18–9/20 (11–13), 9/23–9/27 (14–18), 9/29 (19), 9/30 (20)
    settings = RequestSettings(fee_period_pauses_reply=False)
    assert compute_deadlines(FEE, settings=settings).reply_due == date(2024, 9, 30)


def test_payment_is_due_20_working_days_after_the_notice_is_received() -> None:  # 国办函〔2020〕109号
    # From 9/6: 9/9–9/13 (1–5), 9/14 (6), 9/18–9/20 (7–9), 9/23–9/27 (10–14), 9/29 (15), 9/30 (16),
    # 10/8–10/11 (17–20)
    assert compute_deadlines(FEE).payment_due == date(2024, 10, 11)


def test_unpaid_fee_waits_then_is_overdue() -> None:
    unpaid = replace(FEE, fee_notice=FeeNotice(sent=date(2024, 9, 4), delivered=date(2024, 9, 6)))
    assert request_status(unpaid, date(2024, 9, 25)).status is DeadlineStatus.AWAITING_PAYMENT
    assert request_status(unpaid, date(2024, 10, 14)).status is DeadlineStatus.PAYMENT_OVERDUE  # other.no_payment


# ---------------------------------------------------------------------------------------------
# Status on a given day


@pytest.mark.parametrize(
    ("today", "status", "left"),
    [
        (date(2024, 2, 20), DeadlineStatus.IN_TIME, 6),  # 2/21–2/23, 2/26–2/28
        (date(2024, 2, 21), DeadlineStatus.DUE_SOON, 5),
        (date(2024, 2, 28), DeadlineStatus.DUE_SOON, 0),  # the last day
        (date(2024, 2, 29), DeadlineStatus.OVERDUE, -1),
    ],
)
def test_status_by_working_days_left(today: date, status: DeadlineStatus, left: int) -> None:
    result = request_status(RequestEvents(received=date(2024, 1, 26)), today)
    assert (result.status, result.working_days_left, result.due) == (status, left, date(2024, 2, 28))


def test_a_reply_on_the_last_day_is_in_time_and_the_day_after_is_late() -> None:  # 条例 第三十三条
    on_time = RequestEvents(received=date(2024, 1, 26), replied=date(2024, 2, 28))
    late = replace(on_time, replied=date(2024, 2, 29))
    assert request_status(on_time, date(2024, 3, 15)).status is DeadlineStatus.ANSWERED
    assert request_status(late, date(2024, 3, 15)).status is DeadlineStatus.ANSWERED_LATE


def test_events_out_of_order_are_refused() -> None:
    with pytest.raises(InconsistentEventsError):
        compute_deadlines(RequestEvents(received=date(2024, 3, 1), replied=date(2024, 2, 1)))
    with pytest.raises(InconsistentEventsError):
        compute_deadlines(RequestEvents(received=date(2024, 3, 1), correction_received=date(2024, 3, 5)))


# ---------------------------------------------------------------------------------------------
# Other periods


def test_proactive_publication_is_due_20_working_days_after_formation() -> None:  # 条例 第二十六条
    # 2026 notice: 9/20 (Sun) 上班, 中秋 9/25–9/27, 国庆 10/1–10/7, 10/10 (Sat) 上班. From Fri 9/18:
    # 9/20 (1), 9/21–9/24 (2–5), 9/28–9/30 (6–8), 10/8 10/9 (9–10), 10/10 (11), 10/12–10/16 (12–16),
    # 10/19–10/22 (17–20)
    assert publication_due(date(2026, 9, 18)) == date(2026, 10, 22)


@pytest.mark.parametrize(
    ("period", "known", "last"),
    [
        # 60 days: 8/5 + 60 = 10/4, inside 国庆节、中秋节 10/1–10/8 (国办发明电〔2024〕12号) → 10/9
        pytest.param(ADMINISTRATIVE_REVIEW, date(2025, 8, 5), date(2025, 10, 9), id="review_rolls_past_national_day"),
        pytest.param(ADMINISTRATIVE_REVIEW, date(2025, 9, 1), date(2025, 10, 31), id="review_60_days"),
        # 6 months: 8/31 → 2/28 (no 2/31, 民法典 第二百零二条), a Saturday made a working day: no roll
        pytest.param(DIRECT_LITIGATION, date(2025, 8, 31), date(2026, 2, 28), id="litigation_month_end"),
        # 6 months: 8/19 → 2/19, inside 春节 2/15–2/23 (2026 notice) → 2/24
        pytest.param(DIRECT_LITIGATION, date(2025, 8, 19), date(2026, 2, 24), id="litigation_rolls_past_spring"),
        # 15 days: 9/22 + 15 = 10/7, inside 国庆 10/1–10/7 (2026 notice) → 10/8
        pytest.param(LITIGATION_AFTER_REVIEW, date(2026, 9, 22), date(2026, 10, 8), id="after_review"),
    ],
)
def test_calendar_periods_roll_to_the_next_working_day(period: Period, known: date, last: date) -> None:
    # 行政复议法 第二十条、第八十八条; 行政诉讼法 第四十五条、第四十六条、第一百零一条; 民事诉讼法 第八十五条
    assert period_end(period, known) == last


def test_add_months_takes_the_month_end_when_the_day_is_missing() -> None:  # 民法典 第二百零二条
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2025, 7, 15), 6) == date(2026, 1, 15)


# --------------------------------------------------------------------------------------------- provisional years


def test_dated_deadlines_are_provisional_in_an_unannounced_year() -> None:
    """Issue 11: 2027 is not in chinesecalendar 1.11.0; its dates are 暂定, with a 不晚于 bound for the agency."""
    dated = dated_deadlines(RequestEvents(received=date(2026, 12, 10)))
    assert dated.reply_due.value == date(2027, 1, 8) and dated.reply_due.certainty is Certainty.PROVISIONAL
    assert dated.reply_due.safe is None or dated.reply_due.safe < dated.reply_due.value
    assert dated.correction_notice_due.certainty is Certainty.EXACT  # 7 working days: 2026-12-21
    assert dated.provisional


def test_a_deferred_date_is_exact_even_in_an_unannounced_year() -> None:  # 条例 第三十五条: a date, not a count
    dated = dated_deadlines(RequestEvents(received=date(2026, 12, 10), deferred_to=date(2027, 3, 1)))
    assert (dated.reply_due.value, dated.reply_due.certainty) == (date(2027, 3, 1), Certainty.EXACT)


def test_status_never_fails_and_overdue_stays_overdue_after_new_year() -> None:
    status = request_status(RequestEvents(received=date(2026, 10, 30)), date(2027, 1, 4))
    assert (status.status, status.due, status.overdue_working_days) == (DeadlineStatus.OVERDUE, date(2026, 11, 27), 25)
    assert status.left_provisional and status.due_dated.certainty is Certainty.EXACT


def test_the_publication_limit_is_provisional_not_missing() -> None:  # 条例 第二十六条
    due = publication_due_dated(date(2026, 12, 10))
    assert (due.value, due.certainty) == (date(2027, 1, 8), Certainty.PROVISIONAL)
    assert publication_due_dated(date(2026, 9, 18)).certainty is Certainty.EXACT
