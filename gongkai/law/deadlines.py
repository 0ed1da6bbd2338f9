"""The deadline engine: every date of a statutory period is computed here.

Pure functions on a small record of what happened to a request (`RequestEvents`); the web app maps its
records to it and stores nothing it can recompute. Periods come from `gongkai.law.requests`, working
days from `gongkai.calendar` (any date in a year whose holiday schedule is unknown raises
`UnknownHolidayYearError`).

Counting. "Within N working days of X" ends at the end of the N-th working day after X; X is not
counted (民法典 第二百零一条). Periods in calendar days or months end on the N-th day / the same day N
months later (or the month's last day, 民法典 第二百零二条) and roll to the next working day when that
day is a holiday (民事诉讼法 第八十五条, applied by 行政复议法 第八十八条 and 行政诉讼法 第一百零一条).

The reply clock (条例 第三十条、第三十三条).
- It starts after the receipt date, or, when a correction (补正) was asked for within the 7 working
  days of 第三十条, after the day the corrected application was received: the clock restarts and the
  earlier days are not counted. A 补正 notice sent later does not restart it: 第三十条 gives the
  restart only to the notice made in time, so the reply stays due from the receipt date (the
  applicant's correction period still runs, and the late notice is a warning).
- Paused time is not counted. A pause is an interval (start, end]: the working days after `start` up
  to and including `end` do not count; the day a pause starts still counts (the agency worked that day,
  and the pause begins the next day, as any period does), and counting resumes the working day after
  `end`. Pauses are
  - consultation of a third party (第三十二条), a co-maker (第三十四条) or another agency (第三十三条第三款):
    from sending the request for opinion to receiving the opinion. A third party or co-maker that
    stays silent has 15 working days from receiving the request (the sending day when delivery is not
    recorded); with `consultation_pause_ends_at_opinion_due` (default) the pause ends then at the
    latest. Another agency has no statutory period: its pause stays open until it answers.
  - a fee notice (国办函〔2020〕109号), from sending the notice to payment, when
    `fee_period_pauses_reply` (default on; UNCONFIRMED in the national text). Unpaid, it lasts until
    the payment due date, after which the request ends (table 三 other.no_payment).
  Overlapping pauses skip each day once. A pause still open leaves the reply due date unknown (None).
- The due date is the (20 + extension)-th counted working day: the extension (≤ 20 working days,
  approved by the head of the disclosure office) runs on from the unextended due date and also skips
  paused days. A later reply date set under 第三十五条 replaces the computed one.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.calendar import (
    Certainty,
    DerivedDate,
    HolidaySchedule,
    ProvisionalSchedule,
    SafeSchedule,
    add_working_days,
    default_schedule,
    is_working_day,
    roll_forward,
    working_days_between,
)
from gongkai.errors import GongkaiError
from gongkai.law.choices import LabelledChoice
from gongkai.law.requests import (
    CO_MAKER_OPINION,
    CORRECTION_NOTICE,
    DEFAULT_SETTINGS,
    EXTENSION_MAX,
    FEE_PAYMENT,
    PROACTIVE_PUBLICATION,
    REPLY,
    THIRD_PARTY_OPINION,
    DayUnit,
    Period,
    RequestSettings,
)

__all__ = [
    "Consultation",
    "ConsultationKind",
    "DatedDeadlines",
    "DeadlineStatus",
    "ExtensionTooLongError",
    "FeeNotice",
    "InconsistentEventsError",
    "RequestDeadlines",
    "RequestEvents",
    "RequestStatus",
    "add_months",
    "compute_deadlines",
    "dated_deadlines",
    "period_end",
    "publication_due",
    "publication_due_dated",
    "request_status",
]

_ONE_DAY = timedelta(days=1)


class InconsistentEventsError(GongkaiError):
    """The events of a request contradict each other (a date before the event it follows)."""


class ExtensionTooLongError(GongkaiError):
    """An extension longer than the law allows (条例 第三十三条第二款: at most 20 working days)."""

    def __init__(self, days: int) -> None:
        self.days = days
        super().__init__(
            f"延长答复期限最长不得超过{EXTENSION_MAX.length}个工作日（{EXTENSION_MAX.citation}），"
            f"不能延长{days}个工作日。"
        )


# ---------------------------------------------------------------------------------------------
# Generic periods


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or that month's last day if it has no such day (民法典 第二百零二条)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _stdlib_calendar.monthrange(year, month)[1]))


def period_end(period: Period, start: date, *, schedule: HolidaySchedule | None = None) -> date:
    """The last day of `period` running from `start` (the day of the event, itself not counted)."""
    if period.unit is DayUnit.WORKING_DAYS:
        return add_working_days(start, period.length, schedule=schedule)
    if period.unit is DayUnit.DAYS:
        return roll_forward(start + timedelta(days=period.length), schedule=schedule)
    return roll_forward(add_months(start, period.length), schedule=schedule)


def publication_due(formed_or_changed: date, *, schedule: HolidaySchedule | None = None) -> date:
    """The last day to publish proactively disclosed information (条例 第二十六条: 20 working days)."""
    return period_end(PROACTIVE_PUBLICATION, formed_or_changed, schedule=schedule)


def publication_due_dated(formed_or_changed: date, *, schedule: HolidaySchedule | None = None) -> DerivedDate:
    """`publication_due` for any year 2004–2100: 暂定 (with its 不晚于 bound) where the notice is not known."""
    base = schedule or default_schedule()
    provisional = ProvisionalSchedule(base)
    due = publication_due(formed_or_changed, schedule=provisional)
    safe = None
    if provisional.is_provisional(due.year):
        safe = publication_due(formed_or_changed, schedule=SafeSchedule(base))
    return DerivedDate.of(due, provisional, safe)


# ---------------------------------------------------------------------------------------------
# Events


class ConsultationKind(LabelledChoice):
    THIRD_PARTY = "third_party", "征求第三方意见"  # 条例 第三十二条
    CO_MAKER = "co_maker", "征求共同制作机关意见"  # 条例 第三十四条
    OTHER_AGENCY = "other_agency", "征求其他机关意见"  # 条例 第三十三条第三款

    @property
    def opinion_period(self) -> Period | None:
        """The period the consulted party has to answer, if the law sets one."""
        return {
            ConsultationKind.THIRD_PARTY: THIRD_PARTY_OPINION,
            ConsultationKind.CO_MAKER: CO_MAKER_OPINION,
        }.get(self)


@dataclass(frozen=True)
class Consultation:
    """A request for opinion: sent, received by the consulted party, answered."""

    kind: ConsultationKind
    sent: date  # 发出征求意见书之日
    delivered: date | None = None  # 对方收到征求意见书之日 (unknown: the sending day is used)
    answered: date | None = None  # 收到意见之日


@dataclass(frozen=True)
class FeeNotice:
    """A 收费通知: sent, received by the applicant, paid."""

    sent: date  # 发出收费通知之日
    delivered: date | None = None  # 申请人收到收费通知之日 (unknown: the sending day is used)
    paid: date | None = None  # 缴费之日


@dataclass(frozen=True)
class RequestEvents:
    """What happened to one request, as dates; everything else is computed."""

    received: date  # 收到申请之日 (条例 第三十一条; see `gongkai.law.requests.receipt_date`)
    correction_requested: date | None = None  # 补正告知书发出之日
    correction_delivered: date | None = None  # 申请人收到补正告知之日 (unknown: the sending day)
    correction_period: int | None = None  # 告知书给出的补正期限, in working days
    correction_received: date | None = None  # 收到补正后申请之日: the reply clock restarts
    consultations: tuple[Consultation, ...] = ()
    fee_notice: FeeNotice | None = None
    extension: int = 0  # working days, approved by the head of the disclosure office
    extension_approved: date | None = None
    deferred_to: date | None = None  # 条例 第三十五条: a later reply date set and told to the applicant
    replied: date | None = None  # 答复之日


def _check(events: RequestEvents) -> None:
    def after(later: date | None, earlier: date | None, what: str) -> None:
        if later is not None and earlier is not None and later < earlier:
            raise InconsistentEventsError(f"{what}（{later.isoformat()}）早于{earlier.isoformat()}")

    if events.extension < 0:
        raise InconsistentEventsError(f"延长的工作日数不能为负数：{events.extension}")
    if events.extension > EXTENSION_MAX.length:
        raise ExtensionTooLongError(events.extension)
    if events.correction_received is not None and events.correction_requested is None:
        raise InconsistentEventsError("记录了收到补正申请的日期，却没有补正告知的日期")
    if events.correction_period is not None and events.correction_period < 1:
        raise InconsistentEventsError(f"补正期限应为正数个工作日：{events.correction_period}")
    after(events.correction_requested, events.received, "补正告知日期")
    after(events.correction_delivered, events.correction_requested, "申请人收到补正告知的日期")
    after(events.correction_received, events.correction_requested, "收到补正申请的日期")
    after(events.replied, events.received, "答复日期")
    for c in events.consultations:
        after(c.sent, events.received, f"{c.kind.label}的发出日期")
        after(c.delivered, c.sent, f"{c.kind.label}的送达日期")
        after(c.answered, c.sent, f"{c.kind.label}的收到意见日期")
    if events.fee_notice is not None:
        fee = events.fee_notice
        after(fee.sent, events.received, "收费通知的发出日期")
        after(fee.delivered, fee.sent, "收费通知的送达日期")
        after(fee.paid, fee.sent, "缴费日期")


# ---------------------------------------------------------------------------------------------
# Deadlines


@dataclass(frozen=True)
class RequestDeadlines:
    """The dates the law sets for one request, as of its recorded events. None: not (yet) determined."""

    correction_notice_due: date  # the agency's last day to ask for a correction (第三十条)
    correction_due: date | None  # the applicant's last day to correct (the period the notice gave)
    clock_start: date | None  # the reply period runs from the day after this
    reply_due_unextended: date | None  # 20 working days + paused working days
    reply_due: date | None  # with the extension, or the 第三十五条 date
    paused_working_days: int  # working days not counted before `reply_due`
    opinion_dues: tuple[date | None, ...]  # per consultation, in order: the party's last day to answer
    payment_due: date | None  # the applicant's last day to pay the fee
    warnings: tuple[str, ...] = ()  # irregularities found in the events, in Chinese
    correction_restarts_clock: bool = True  # False for a 补正 notice later than 7 working days (第三十条)


@dataclass(frozen=True)
class _Pause:
    start: date  # the last counted day; the pause covers the days after it
    end: date | None  # the last paused day; None: still open

    def covers(self, day: date) -> bool:
        return self.start < day and (self.end is None or day <= self.end)


def _opinion_due(c: Consultation, schedule: HolidaySchedule | None) -> date | None:
    period = c.kind.opinion_period
    return None if period is None else period_end(period, c.delivered or c.sent, schedule=schedule)


def _payment_due(fee: FeeNotice, schedule: HolidaySchedule | None) -> date:
    return period_end(FEE_PAYMENT, fee.delivered or fee.sent, schedule=schedule)


def _pauses(events: RequestEvents, settings: RequestSettings, schedule: HolidaySchedule | None) -> list[_Pause]:
    pauses: list[_Pause] = []
    for c in events.consultations:
        due = _opinion_due(c, schedule)
        end = c.answered
        if due is not None and settings.consultation_pause_ends_at_opinion_due:
            end = due if end is None else min(end, due)
        pauses.append(_Pause(c.sent, end))
    fee = events.fee_notice
    if fee is not None and settings.fee_period_pauses_reply:
        pauses.append(_Pause(fee.sent, fee.paid or _payment_due(fee, schedule)))
    return pauses


def _count(
    start: date, n: int, pauses: list[_Pause], schedule: HolidaySchedule | None
) -> tuple[date | None, int]:
    """The n-th working day after `start` not covered by a pause, and the paused working days skipped.

    (None, skipped) when the count runs into a pause that is still open.
    """
    day, counted, skipped = start, 0, 0
    if n == 0:
        return start, 0
    while counted < n:
        day += _ONE_DAY
        if not is_working_day(day, schedule=schedule):
            continue
        covering = [p for p in pauses if p.covers(day)]
        if any(p.end is None for p in covering):
            return None, skipped
        if covering:
            skipped += 1
        else:
            counted += 1
    return day, skipped


def compute_deadlines(
    events: RequestEvents,
    *,
    settings: RequestSettings = DEFAULT_SETTINGS,
    schedule: HolidaySchedule | None = None,
) -> RequestDeadlines:
    """Every deadline of a request from its events (see the module docstring for the arithmetic)."""
    _check(events)
    warnings: list[str] = []
    correction_notice_due = period_end(CORRECTION_NOTICE, events.received, schedule=schedule)
    late_correction = (
        events.correction_requested is not None and events.correction_requested > correction_notice_due
    )
    if late_correction:
        warnings.append(
            f"补正告知（{events.correction_requested.isoformat()}）晚于收到申请后"  # type: ignore[union-attr]
            f"{CORRECTION_NOTICE}（{correction_notice_due.isoformat()}，{CORRECTION_NOTICE.citation}），"
            "答复期限不因补正重新计算，仍自收到申请之日起计算"
        )
    correction_due = None
    if events.correction_requested is not None and events.correction_period is not None:
        notified = events.correction_delivered or events.correction_requested
        correction_due = add_working_days(notified, events.correction_period, schedule=schedule)

    if events.correction_requested is None or late_correction:
        clock_start: date | None = events.received
    else:
        clock_start = events.correction_received

    pauses = _pauses(events, settings, schedule)
    unextended = reply_due = None
    paused = 0
    if clock_start is not None:
        unextended, _ = _count(clock_start, REPLY.length, pauses, schedule)
        reply_due, paused = _count(clock_start, REPLY.length + events.extension, pauses, schedule)
    if events.deferred_to is not None:
        reply_due = events.deferred_to
    if (
        events.extension
        and events.extension_approved is not None
        and unextended is not None
        and events.extension_approved > unextended
    ):
        warnings.append(
            f"延长答复期限的批准（{events.extension_approved.isoformat()}）晚于原答复期限届满日"
            f"（{unextended.isoformat()}）"
        )

    fee = events.fee_notice
    return RequestDeadlines(
        correction_notice_due=correction_notice_due,
        correction_due=correction_due,
        clock_start=clock_start,
        reply_due_unextended=unextended,
        reply_due=reply_due,
        paused_working_days=paused,
        opinion_dues=tuple(_opinion_due(c, schedule) for c in events.consultations),
        payment_due=None if fee is None else _payment_due(fee, schedule),
        warnings=tuple(warnings),
        correction_restarts_clock=not late_correction,
    )


# ---------------------------------------------------------------------------------------------
# Dates with their certainty


@dataclass(frozen=True)
class DatedDeadlines:
    """The deadlines as `DerivedDate`s: exact, provisional (暂定: counted on the 放假办法's rule for a year
    whose notice is not entered) or unknown. The agency's own deadlines (补正告知, reply) carry a safe
    "不晚于" bound; the applicant's and the consulted party's periods use the provisional date."""

    plain: RequestDeadlines  # the same dates, provisional ones included, as plain dates
    correction_notice_due: DerivedDate
    correction_due: DerivedDate
    reply_due_unextended: DerivedDate
    reply_due: DerivedDate
    opinion_dues: tuple[DerivedDate, ...]
    payment_due: DerivedDate

    @property
    def all(self) -> tuple[DerivedDate, ...]:
        return (self.correction_notice_due, self.correction_due, self.reply_due_unextended, self.reply_due,
                *self.opinion_dues, self.payment_due)

    @property
    def provisional(self) -> bool:
        """Whether any date is 暂定 (recomputed, and exact, once the year's notice is entered)."""
        return any(d.provisional for d in self.all)

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.plain.warnings


def dated_deadlines(
    events: RequestEvents,
    *,
    settings: RequestSettings = DEFAULT_SETTINGS,
    schedule: HolidaySchedule | None = None,
) -> DatedDeadlines:
    """`compute_deadlines` on `schedule`, with the 放假办法's rule for the years it does not know (2004–2100).

    Raises `UnknownHolidayYearError` only for a date beyond 2100.
    """
    base = schedule or default_schedule()
    provisional = ProvisionalSchedule(base)
    plain = compute_deadlines(events, settings=settings, schedule=provisional)
    own = (plain.correction_notice_due, plain.reply_due_unextended, plain.reply_due)
    safe = None
    if any(d is not None and provisional.is_provisional(d.year) for d in own):
        safe = compute_deadlines(events, settings=settings, schedule=SafeSchedule(base))

    def of(value: date | None, bound: date | None = None) -> DerivedDate:
        return DerivedDate.of(value, provisional, bound)

    reply_due = of(plain.reply_due, safe.reply_due if safe else None)
    if events.deferred_to is not None:  # a date the office set (第三十五条), not a count
        reply_due = DerivedDate(events.deferred_to, Certainty.EXACT)
    return DatedDeadlines(
        plain=plain,
        correction_notice_due=of(plain.correction_notice_due, safe.correction_notice_due if safe else None),
        correction_due=of(plain.correction_due),
        reply_due_unextended=of(plain.reply_due_unextended, safe.reply_due_unextended if safe else None),
        reply_due=reply_due,
        opinion_dues=tuple(of(d) for d in plain.opinion_dues),
        payment_due=of(plain.payment_due),
    )


# ---------------------------------------------------------------------------------------------
# Status on a given day


class DeadlineStatus(LabelledChoice):
    ANSWERED = "answered", "已按期答复"
    ANSWERED_LATE = "answered_late", "逾期答复"
    AWAITING_CORRECTION = "awaiting_correction", "等待申请人补正"
    CORRECTION_OVERDUE = "correction_overdue", "申请人逾期未补正"
    AWAITING_PAYMENT = "awaiting_payment", "等待申请人缴费"
    PAYMENT_OVERDUE = "payment_overdue", "申请人逾期未缴费"
    PAUSED = "paused", "征求意见中，暂停计算"
    IN_TIME = "in_time", "办理中"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"


@dataclass(frozen=True)
class RequestStatus:
    status: DeadlineStatus
    due: date | None  # the date the status is about (reply, correction or payment due)
    working_days_left: int | None  # working days in (today, due]; negative once overdue
    deadlines: RequestDeadlines
    dated: DatedDeadlines
    due_dated: DerivedDate  # `due` with its certainty
    left_provisional: bool  # `working_days_left` counts days of a year whose notice is not entered

    @property
    def overdue_working_days(self) -> int | None:
        """How many working days late (for 已逾期N个工作日), never a negative "left"."""
        left = self.working_days_left
        return None if left is None or left >= 0 else -left


def request_status(
    events: RequestEvents,
    today: date,
    *,
    due_soon_working_days: int = 5,
    settings: RequestSettings = DEFAULT_SETTINGS,
    schedule: HolidaySchedule | None = None,
) -> RequestStatus:
    """Where a request stands on `today`: answered (in time or late), waiting for the applicant,
    paused, in time, due within `due_soon_working_days` working days, or overdue.

    Statuses compare dates; working days are counted with the 放假办法's rule for a year whose notice is
    not entered (marked provisional), so a status never fails for want of a calendar (2004–2100).
    """
    dated = dated_deadlines(events, settings=settings, schedule=schedule)
    d = dated.plain
    calendar = ProvisionalSchedule(schedule or default_schedule())

    def status(kind: DeadlineStatus, due_dated: DerivedDate) -> RequestStatus:
        due = due_dated.value
        left = None if due is None else working_days_between(today, due, schedule=calendar)
        years = range(min(today, due).year, max(today, due).year + 1) if due is not None else range(0)
        left_provisional = any(calendar.is_provisional(y) for y in years)
        return RequestStatus(kind, due, left, d, dated, due_dated, left_provisional)

    if events.replied is not None:
        late = d.reply_due is not None and events.replied > d.reply_due
        return status(DeadlineStatus.ANSWERED_LATE if late else DeadlineStatus.ANSWERED, dated.reply_due)
    waiting_correction = events.correction_requested is not None and events.correction_received is None
    if waiting_correction and d.correction_restarts_clock:
        overdue = d.correction_due is not None and today > d.correction_due
        kind = DeadlineStatus.CORRECTION_OVERDUE if overdue else DeadlineStatus.AWAITING_CORRECTION
        return status(kind, dated.correction_due)
    fee = events.fee_notice
    if fee is not None and fee.paid is None and d.payment_due is not None and today >= fee.sent:
        if today > d.payment_due:
            return status(DeadlineStatus.PAYMENT_OVERDUE, dated.payment_due)
        if settings.fee_period_pauses_reply:
            return status(DeadlineStatus.AWAITING_PAYMENT, dated.payment_due)
    for c, opinion_due in zip(events.consultations, d.opinion_dues, strict=True):
        if c.answered is None and today >= c.sent:
            capped = opinion_due is not None and settings.consultation_pause_ends_at_opinion_due
            if not capped or opinion_due is None or today <= opinion_due:
                return status(DeadlineStatus.PAUSED, dated.reply_due)
    if d.reply_due is None:
        return status(DeadlineStatus.PAUSED, dated.reply_due)
    if today > d.reply_due:
        return status(DeadlineStatus.OVERDUE, dated.reply_due)
    if working_days_between(today, d.reply_due, schedule=calendar) <= due_soon_working_days:
        return status(DeadlineStatus.DUE_SOON, dated.reply_due)
    return status(DeadlineStatus.IN_TIME, dated.reply_due)
