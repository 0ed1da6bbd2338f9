"""Facts first (issue 11): at 2026-12-05, with chinesecalendar knowing years only to 2026 and no 2027 notice
entered, every act is recorded with its letter; dates reaching 2027 are 暂定, never an error or a dash.
Statuses compare dates, so a request overdue since 2026-11-27 is still overdue on 2027-01-04."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from docx import Document

from gongkai.applications import clock, services
from gongkai.applications.models import HolidayDay, HolidayYear, Request
from gongkai.applications.reminders import reminders
from gongkai.audit.models import AuditEntry
from gongkai.calendar import Certainty, default_schedule
from gongkai.law.deadlines import DeadlineStatus

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date) -> Any:
    """The platform's clock stopped at 10:00 Beijing time on `day`."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def dec5() -> Iterator[None]:
    assert not default_schedule().knows_year(2027)  # the situation of the issue: chinesecalendar 1.11.0
    with at(date(2026, 12, 5)):
        yield


def letter_text(req: Request, kind: str) -> str:
    with req.attachments.filter(letter_kind=kind).latest("pk").file.open("rb") as handle:
        return "\n".join(p.text for p in Document(handle).paragraphs)


def audited(req: Request, event: str) -> bool:
    return AuditEntry.objects.filter(object_id=str(req.pk), event=event).exists()


def test_the_receipt_reads_provisional(dec5: None, register: Callable[..., Request]) -> None:
    """条例 第三十三条: 20 working days from 2026-12-04 (Friday) end on 2027-01-04, 元旦 being statutory."""
    req = register(date(2026, 12, 4))
    text = letter_text(req, "receipt")
    assert "自收到申请之日起20个工作日内（暂定2027年1月4日）作出答复" in text
    assert "—" not in text.split("联系电话")[0] and "录入" not in text
    dated = clock.dated_for(req)
    assert dated.reply_due.certainty is Certainty.PROVISIONAL and dated.reply_due.safe is not None
    assert dated.reply_due.safe <= dated.reply_due.value  # 不晚于


def test_a_receipt_within_2026_is_exact(dec5: None, register: Callable[..., Request]) -> None:
    req = register(date(2026, 12, 1))
    assert "自收到申请之日起20个工作日内（2026年12月29日前）作出答复" in letter_text(req, "receipt")
    assert clock.dated_for(req).reply_due.certainty is Certainty.EXACT


def test_third_party_consultation_is_recorded(dec5: None, register: Callable[..., Request], users) -> None:
    """第三十二条: the consultation and its letter are stored; the reply due date moves into 2027 (暂定)."""
    req = register(date(2026, 12, 4))
    services.consult(req, actor=users("dazhai_handler"), kind="third_party", party="某公司", matter="合同价款",
                     sent=date(2026, 12, 5))
    assert req.consultations.count() == 1 and audited(req, "applications.request.consultation_sent")
    assert "2026年12月25日前" in letter_text(req, "consultation")  # 15 working days, all in 2026: exact
    assert clock.dated_for(req).reply_due.provisional


def test_fee_notice_is_recorded_with_a_provisional_payment_date(dec5: None, register, users) -> None:
    """国办函〔2020〕109号: 20 working days to pay, from 2026-12-05 to 2027-01-04 (暂定)."""
    req = register(date(2026, 12, 4))
    services.issue_fee_notice(req, actor=users("dazhai_handler"), method="per_page", pages=200,
                              sent=date(2026, 12, 5))
    assert audited(req, "applications.request.fee_notified")
    assert "请于2027年1月4日（暂定）前" in letter_text(req, "fee")
    assert clock.dated_for(req).payment_due.provisional


def test_extension_of_a_request_due_2026_12_29_is_recorded(dec5: None, register, users) -> None:
    """第三十三条第二款: extended by 20 working days from 2026-12-29 to 2027-01-27 (暂定)."""
    req = register(date(2026, 12, 1))
    services.extend(req, actor=users("dazhai_head"), days=20, reason="需要调取档案", on=date(2026, 12, 5))
    req.refresh_from_db()
    assert req.extension == 20 and audited(req, "applications.request.extended")
    text = letter_text(req, "extension")
    assert "不能在2026年12月29日前作出答复" in text and "将于2027年1月27日（暂定）前作出答复" in text


def test_correction_notice_with_a_20_day_period_is_recorded(dec5: None, register, users) -> None:
    """第三十条: the 补正告知书 is stored; the applicant's period uses the provisional date."""
    req = register(date(2026, 12, 4))
    services.request_correction(req, actor=users("dazhai_handler"), items="请写明文件名称", period=20,
                                on=date(2026, 12, 5))
    req.refresh_from_db()
    assert req.correction_requested == date(2026, 12, 5) and audited(req, "applications.request.correction_requested")
    assert "请于2027年1月4日（暂定）前" in letter_text(req, "correction")


def test_closing_for_a_provisional_lapse_needs_the_office_head(register, users) -> None:
    """条例 第三十条 逾期不补正: while the period's end is 暂定, only the office head may confirm it lapsed."""
    with at(date(2026, 12, 5)):
        req = register(date(2026, 12, 4))
        services.request_correction(req, actor=users("dazhai_handler"), items="请写明文件名称", period=20,
                                    on=date(2026, 12, 5))
    with at(date(2027, 1, 5)):
        with pytest.raises(PermissionDenied, match="负责人确认"):
            services.close(req, actor=users("dazhai_handler"), outcome_key="no_correction")
        services.close(req, actor=users("dazhai_head"), outcome_key="no_correction")
    closed = AuditEntry.objects.filter(object_id=str(req.pk), event="applications.request.closed").get()
    assert "暂定" in closed.message and "确认" in closed.message


@pytest.fixture
def overdue_since_nov_27(register: Callable[..., Request]) -> Request:
    """Received 2026-10-30: the 20th working day after it is 2026-11-27."""
    with at(date(2026, 12, 5)):
        req = register(date(2026, 10, 30))
        req.handler = req.org.person_in_charge or req.registered_by
        req.save()
    assert clock.dated_for(req).reply_due.value == date(2026, 11, 27)
    return req


def test_overdue_in_2026_stays_overdue_on_2027_01_04(overdue_since_nov_27: Request, client_for, users) -> None:
    req = overdue_since_nov_27
    with at(date(2027, 1, 4)):
        status = clock.status_for(req)
        assert status.status is DeadlineStatus.OVERDUE and status.due == date(2026, 11, 27)
        assert status.overdue_working_days == 25 and status.left_provisional  # 11/30–12/31: 24; 1/4 暂定
        page = client_for("dazhai_handler").get(reverse("applications:detail", args=[req.pk])).content.decode()
        assert "已逾期" in page and "剩余-" not in page and "已逾期25个工作日（暂定）" in page
        api = client_for("dazhai_handler").get(f"/api/requests/{req.pk}/").json()["deadlines"]
        assert (api["status_label"], api["reply_due"], api["certainty"]["reply_due"]) == (
            "已逾期", "2026-11-27", "exact")
        assert api["working_days_left_provisional"] is True
        dashboard = client_for("dazhai_handler").get(f"/dashboard/{req.org_id}/").content.decode()
        assert req.number in dashboard and "已逾期" in dashboard
        messages, nobody = reminders(org_ids=[req.org_id])
        lines = [f"{i.request.number} {i.status.status.label}" for m in messages for i in m.items] + nobody
        assert any(req.number in line and "已逾期" in line for line in lines)


def test_entering_the_2027_notice_removes_the_mark(dec5: None, register: Callable[..., Request]) -> None:
    """Dates are derived, not stored: the notice entered, every date is recomputed and exact."""
    req = register(date(2026, 12, 4))
    assert clock.dated_for(req).provisional
    HolidayDay.objects.create(day=date(2027, 1, 1), kind="off", notice="国办发明电〔2026〕N号", note="元旦")
    HolidayYear.objects.create(year=2027, notice="国办发明电〔2026〕N号")
    dated = clock.dated_for(req)
    assert not dated.provisional and dated.reply_due.certainty is Certainty.EXACT


def test_every_act_on_2027_01_04_is_recorded_with_provisional_dates(register, users) -> None:
    """The same acts after New Year, the 2027 notice still not entered: stored, letters 暂定, no dash."""
    handler, head = users("dazhai_handler"), users("dazhai_head")
    with at(date(2026, 12, 5)):
        earlier = register(date(2026, 12, 4))  # due 2027-01-04 (暂定)
    with at(date(2027, 1, 4)):
        req = register(date(2027, 1, 4))
        assert "自收到申请之日起20个工作日内（暂定2027年2月1日）" in letter_text(req, "receipt")
        services.consult(req, actor=handler, kind="third_party", party="某公司", matter="合同价款")
        assert "2027年1月25日（暂定）" in letter_text(req, "consultation")
        services.issue_fee_notice(req, actor=handler, method="per_page", pages=200)
        assert "2027年2月1日（暂定）" in letter_text(req, "fee")
        other = register(date(2027, 1, 4))
        services.request_correction(other, actor=handler, items="请写明文件名称", period=20)
        assert "请于2027年2月1日（暂定）前" in letter_text(other, "correction")
        services.extend(earlier, actor=head, days=10, reason="需要调取档案")
        assert "将于2027年1月18日（暂定）前作出答复" in letter_text(earlier, "extension")
        for r in (req, other, earlier):
            assert all("—" not in letter_text(r, kind).split("联系电话")[0]
                       for kind in r.attachments.values_list("letter_kind", flat=True))
