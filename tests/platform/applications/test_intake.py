"""Intake (条例 第二十七条至第三十一条): every channel, the receipt date, numbers, tracking codes, uploads."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications import clock, services
from gongkai.applications.constants import AttachmentKind, LetterKind, RequestEvent
from gongkai.applications.models import Request
from gongkai.audit.models import AuditEntry
from gongkai.law.requests import ReceiptChannel, receipt_date
from tests.platform.applications.conftest import PERSON

pytestmark = pytest.mark.django_db


def test_online_application_needs_no_account_and_gets_a_number_and_tracking_code(dazhai, known_calendar) -> None:
    req = services.submit_online(dazhai, PERSON)
    assert req.applicant_user is None
    assert req.number == f"大寨乡依申请〔{req.year}〕1号"
    assert len(req.tracking_code) == 12 and req.tracking_code.isalnum()
    assert req.received is None  # 条例 第三十一条第（三）项: not received until both sides confirm
    assert clock.deadlines_for(req) is None
    assert AuditEntry.objects.filter(event=RequestEvent.CREATED, object_id=str(req.pk)).exists()


def test_confirming_an_online_application_makes_that_day_the_receipt_date(dazhai, users, known_calendar) -> None:
    req = services.submit_online(dazhai, PERSON)
    services.confirm_receipt(req, actor=users("dazhai_handler"))
    assert req.received == req.confirmed == receipt_date(ReceiptChannel.ONLINE, confirmed=req.confirmed)
    receipt = req.attachments.get(letter_kind=LetterKind.RECEIPT)  # 申请接收回执
    assert receipt.name.endswith("申请接收回执.docx")


@pytest.mark.parametrize(
    ("channel", "field"),
    [("in_person", "handed_in"), ("post", "signed_for"), ("ordinary_mail", "confirmed"), ("fax", "confirmed"),
     ("email", "arrived")],
)
def test_receipt_date_by_channel(dazhai, users, channel, field) -> None:  # 条例 第三十一条
    day = date(2024, 3, 5)
    req = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel=channel, **{field: day})
    assert req.received == receipt_date(ReceiptChannel(channel), **{field: day}) == day


def test_a_letter_without_its_signing_date_is_refused_on_that_field(dazhai, users) -> None:  # 第三十一条第（二）项
    with pytest.raises(ValidationError) as caught:
        services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="post", handed_in=date(2024, 3, 5))
    assert "签收" in caught.value.message_dict["signed_for"][0]
    assert not Request.objects.exists()


def test_bad_input_is_refused_field_by_field_in_chinese_and_nothing_is_stored(dazhai) -> None:
    bad = {**PERSON, "id_number": "110101199001011230", "phone": "12", "description": "要", "delivery_way": "post",
           "postcode": "12ab"}
    with pytest.raises(ValidationError) as caught:
        services.submit_online(dazhai, bad)
    errors = caught.value.message_dict
    assert set(errors) == {"id_number", "phone", "description", "address", "postcode"}
    assert "校验码" in errors["id_number"][0]
    assert not Request.objects.exists()


def test_an_organisation_applies_with_its_credit_code_and_a_contact_person(dazhai) -> None:
    org = {**PERSON, "applicant_type": "commercial", "applicant_name": "某公司", "id_type": "credit_code",
           "id_number": dazhai.credit_code}
    with pytest.raises(ValidationError) as caught:
        services.submit_online(dazhai, org)
    assert set(caught.value.message_dict) == {"contact_person"}
    assert services.submit_online(dazhai, {**org, "contact_person": "王经理"}).applicant_type == "commercial"


def test_numbers_run_per_agency_and_year(dazhai, users, county) -> None:
    shiqiao = county.org("石桥镇")
    a = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="in_person",
                          handed_in=date(2024, 5, 6))
    b = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="in_person",
                          handed_in=date(2024, 5, 7))
    c = services.register(shiqiao, PERSON, actor=users("shiqiao_handler"), channel="in_person",
                          handed_in=date(2024, 5, 7))
    d = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="in_person",
                          handed_in=date(2025, 1, 6))
    assert [(r.year, r.serial) for r in (a, b, c, d)] == [(2024, 1), (2024, 2), (2024, 1), (2025, 1)]


def test_staff_register_only_for_their_own_agency(county, users) -> None:
    with pytest.raises(Exception) as caught:  # 404: 石桥镇 is invisible to 大寨乡's handler
        services.register(county.org("石桥镇"), PERSON, actor=users("dazhai_handler"), channel="in_person",
                          handed_in=date(2024, 5, 6))
    assert caught.type.__name__ == "Http404"
    with pytest.raises(PermissionDenied):  # the supervisor reads but changes nothing
        services.register(county.org("大寨乡"), PERSON, actor=users("county_supervisor"), channel="in_person",
                          handed_in=date(2024, 5, 6))


def test_scans_are_attached_and_uploads_are_limited(dazhai, users, settings) -> None:
    settings.GONGKAI_MAX_UPLOAD_MB = 1
    scan = services.Upload("申请表.pdf", b"%PDF-1.4 scan")
    req = services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="in_person",
                            handed_in=date(2024, 5, 6), uploads=[scan])
    assert req.attachments.get(kind=AttachmentKind.SCAN).file.read() == b"%PDF-1.4 scan"
    with pytest.raises(ValidationError, match="超过1MB"):
        big = services.Upload("big.pdf", b"x" * (1024 * 1024 + 1))
        services.add_attachment(req, big, actor=users("dazhai_handler"))
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        services.add_attachment(req, services.Upload("run.exe", b"MZ"), actor=users("dazhai_handler"))
    assert req.attachments.filter(kind=AttachmentKind.SCAN).count() == 1


def test_future_receipt_dates_are_refused(dazhai, users) -> None:
    with pytest.raises(ValidationError) as caught:
        services.register(dazhai, PERSON, actor=users("dazhai_handler"), channel="in_person",
                          handed_in=date(2999, 1, 1))
    assert "不能晚于今天" in caught.value.message_dict["handed_in"][0]


def test_an_application_sent_after_midnight_in_beijing_is_dated_that_day(dazhai, users, known_calendar) -> None:
    """At 01:30 in Beijing it is still the day before in UTC: the letters and the 条例 第三十一条 receipt date
    follow the agency's day (TIME_ZONE Asia/Shanghai), and confirming on that day is not 'before submission'."""
    from zoneinfo import ZoneInfo

    import time_machine

    from gongkai.applications import letters

    beijing = ZoneInfo("Asia/Shanghai")
    with time_machine.travel(datetime(2026, 12, 6, 1, 30, tzinfo=beijing), tick=False):
        req = services.submit_online(dazhai, PERSON)
        services.confirm_receipt(req, actor=users("dazhai_handler"))
    assert req.confirmed == date(2026, 12, 6)
    assert letters._common(req, req.confirmed)["submitted"] == "2026年12月6日"
