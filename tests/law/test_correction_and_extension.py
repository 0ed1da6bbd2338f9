"""A 补正 notice restarts the reply clock only when it is made within 7 working days of receipt
(条例 第三十条); a later one leaves the reply due from the receipt date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gongkai.law.deadlines import DeadlineStatus, RequestEvents, compute_deadlines, request_status

IN_TIME = RequestEvents(
    received=date(2025, 3, 7),  # Friday; the 7th working day after it is 2025-03-18
    correction_requested=date(2025, 3, 18),
    correction_period=10,
    correction_received=date(2025, 3, 26),
)
LATE = replace(IN_TIME, correction_requested=date(2025, 3, 19))


def test_a_correction_notice_in_time_restarts_the_clock() -> None:  # 条例 第三十条
    d = compute_deadlines(IN_TIME)
    assert d.correction_restarts_clock and d.clock_start == date(2025, 3, 26)
    assert d.reply_due == date(2025, 4, 24)  # 20 working days after 3-26 (清明 4-4 off)


def test_a_late_correction_notice_does_not_restart_the_clock() -> None:  # 条例 第三十条: 7个工作日内
    d = compute_deadlines(LATE)
    assert not d.correction_restarts_clock
    assert d.clock_start == date(2025, 3, 7)
    assert d.reply_due == compute_deadlines(RequestEvents(received=date(2025, 3, 7))).reply_due == date(2025, 4, 7)
    assert any("答复期限不因补正重新计算" in w for w in d.warnings)


def test_waiting_on_a_late_correction_the_reply_clock_keeps_running() -> None:
    waiting = replace(LATE, correction_received=None)
    assert compute_deadlines(waiting).reply_due == date(2025, 4, 7)
    status = request_status(waiting, date(2025, 4, 8))
    assert status.status is DeadlineStatus.OVERDUE and status.due == date(2025, 4, 7)
    in_time_waiting = replace(IN_TIME, correction_received=None)
    assert request_status(in_time_waiting, date(2025, 3, 20)).status is DeadlineStatus.AWAITING_CORRECTION
