"""投诉举报 (条例 第五十一条): a complaint about an agency reaches its supervising office, which asks the
agency, decides and replies; the agency sees only complaints about itself, and not who complained unless
the office shares it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.complaints import services
from gongkai.complaints.constants import ComplaintEvent, Finding, Status
from gongkai.complaints.models import Complaint
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db

DATA = {"name": "张三", "phone": "13800000000", "email": "", "address": "", "kind": "late",
        "request_reference": "大寨乡〔2026〕12号", "description": "申请已过20个工作日仍未答复。"}


def _complaint(dazhai: Organisation) -> Complaint:
    return services.submit_online(dazhai, DATA)


def test_a_complaint_goes_to_the_supervising_office_not_the_agency(dazhai) -> None:
    complaint = _complaint(dazhai)
    assert complaint.office.name == "某县人民政府" and complaint.org == dazhai
    # 20 working days from 2026-12-05 (a Saturday) on the 放假办法's rule for 2027 (元旦 1月1日)
    assert complaint.reply_due == date(2027, 1, 4)
    assert AuditEntry.objects.filter(event=ComplaintEvent.SUBMITTED, object_id=str(complaint.pk)).exists()


def test_the_reply_period_is_a_setting(dazhai, settings) -> None:
    settings.GONGKAI_COMPLAINT_PERIODS = {"reply": 10, "explain": 5}
    assert _complaint(dazhai).reply_due == date(2026, 12, 18)


def test_an_agency_without_a_supervising_office_cannot_be_complained_about_online(county) -> None:
    top = Organisation.objects.get(name="某县人民政府")
    with pytest.raises(ValidationError) as caught:
        services.submit_online(top, DATA)
    assert "监督机关" in caught.value.message_dict["org"][0]


def test_ask_explain_decide_reply_each_in_the_audit_trail(dazhai, users) -> None:
    complaint = _complaint(dazhai)
    with pytest.raises(PermissionDenied):  # the agency cannot act for the office
        services.ask_agency(complaint, actor=users("dazhai_head"), question="请说明")
    complaint = services.ask_agency(complaint, actor=users("county_handler"), question="请说明逾期原因。")
    assert complaint.status == Status.ASKED and complaint.explanation_due == date(2026, 12, 11)
    with pytest.raises(PermissionDenied):  # another agency cannot answer
        services.explain(complaint, actor=users("shiqiao_handler"), explanation="无")
    complaint = services.explain(complaint, actor=users("dazhai_handler"), explanation="经办人休假，已于12月4日答复。")
    with pytest.raises(ValidationError) as caught:
        services.reply(complaint, actor=users("county_handler"), finding=Finding.NOT_UPHELD, text="不成立。",
                       correction=True)
    assert "不能责令改正" in caught.value.message_dict["correction_ordered"][0]
    complaint = services.reply(complaint, actor=users("county_handler"), finding=Finding.UPHELD,
                               text="逾期答复属实，已责令改正。", correction=True)
    assert complaint.status == Status.REPLIED and complaint.replied_on == date(2026, 12, 5)
    events = list(AuditEntry.objects.filter(object_id=str(complaint.pk), object_type="complaints.complaint")
                  .order_by("seq").values_list("event", flat=True))
    assert events == [ComplaintEvent.SUBMITTED, ComplaintEvent.ASKED, ComplaintEvent.EXPLAINED,
                      ComplaintEvent.REPLIED]


def test_an_agency_never_sees_complaints_about_another_agency(dazhai, users, client_for) -> None:
    complaint = _complaint(dazhai)
    assert complaint not in services.visible_complaints(users("shiqiao_handler"))
    assert client_for("shiqiao_handler").get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    assert "大寨乡" not in client_for("shiqiao_handler").get(reverse("complaints:list")).content.decode()


def test_the_agency_sees_the_complainant_only_once_the_office_shares_it(dazhai, users, client_for) -> None:
    complaint = _complaint(dazhai)
    url = reverse("complaints:detail", args=[complaint.pk])
    agency_page = client_for("dazhai_handler").get(url).content.decode()
    assert "张三" not in agency_page and "13800000000" not in agency_page and "未提供投诉人信息" in agency_page
    assert "张三" in client_for("county_handler").get(url).content.decode()
    with pytest.raises(PermissionDenied):
        services.share_identity(complaint, actor=users("dazhai_head"))
    client_for("county_handler").post(reverse("complaints:share", args=[complaint.pk]))
    assert "张三" in client_for("dazhai_handler").get(url).content.decode()
    assert AuditEntry.objects.filter(event=ComplaintEvent.IDENTITY_SHARED, object_id=str(complaint.pk)).exists()


def test_the_public_form_names_each_bad_field_and_bounds_uploads(county, settings) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    page = Client().post(reverse("complaints:complain"), {"org": dazhai.pk, "kind": "", "name": "", "phone": "1",
                                                          "description": ""})
    text = page.content.decode()
    assert page.status_code == 200 and "请选择投诉事项" in text and "投诉人姓名或名称" in text
    fake = SimpleUploadedFile("证据.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    page = Client().post(reverse("complaints:complain"), {**DATA, "org": dazhai.pk, "files": [fake]})
    assert page.status_code == 200 and not Complaint.objects.exists()
    good = SimpleUploadedFile("证据.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")
    client = Client()
    done = client.post(reverse("complaints:complain"), {**DATA, "org": dazhai.pk, "files": [good]}, follow=True)
    complaint = Complaint.objects.get()
    assert complaint.tracking_code in done.content.decode() and complaint.attachments.count() == 1


def test_the_public_sees_the_reply_by_tracking_code_and_nothing_else(dazhai, users) -> None:
    complaint = _complaint(dazhai)
    services.reply(complaint, actor=users("county_head"), finding=Finding.PARTLY, text="部分属实。")
    page = Client().get(reverse("complaints:tracked", args=[complaint.tracking_code.lower()])).content.decode()
    assert "部分成立" in page and "部分属实。" in page and "某县人民政府" in page
    assert Client().get(reverse("complaints:tracked", args=["TNOTACODE123"])).status_code == 404


def test_counts_per_agency_and_year(dazhai, users) -> None:
    upheld = _complaint(dazhai)
    services.reply(upheld, actor=users("county_head"), finding=Finding.UPHELD, text="属实。")
    _complaint(dazhai)
    counts = services.counts_for_orgs([dazhai.pk], 2026)
    assert counts[dazhai.pk] == {"total": 2, "upheld": 1}
    assert services.counts_for_orgs([dazhai.pk], 2025)[dazhai.pk] == {"total": 0, "upheld": 0}


def test_the_annual_report_draft_counts_the_complaints_of_its_year(dazhai) -> None:
    from gongkai.annual.drafting import draft

    assert "未发生涉及政府信息公开的行政复议、行政诉讼、投诉举报案件。" in draft(dazhai, 2026).sections["overall"]
    _complaint(dazhai)
    assert "涉及政府信息公开的行政复议0件、行政诉讼0件、投诉举报1件。" in draft(dazhai, 2026).sections["overall"]


def test_the_demo_county_carries_a_replied_and_a_waiting_complaint(demo) -> None:
    shiqiao, hekou = (Complaint.objects.get(org__name=name) for name in ("石桥镇", "河口镇"))
    assert shiqiao.finding == Finding.UPHELD and shiqiao.correction_ordered and shiqiao.channel == "letter"
    assert hekou.status == Status.ASKED and hekou.office.name == "某县人民政府"


def test_the_office_registers_a_letter_and_assigns_it(dazhai, users, client_for) -> None:
    client = client_for("county_handler")
    bad = client.post(reverse("complaints:register"), {"org": dazhai.pk, "kind": "late", "channel": "letter",
                                                       "received_on": "2026-12-06", "name": "张三",
                                                       "phone": "1", "description": "逾期。"})
    assert "收到日期不能晚于今天" in bad.content.decode()
    done = client.post(reverse("complaints:register"), {"org": dazhai.pk, "kind": "late", "channel": "letter",
                                                        "received_on": "2026-12-01", "name": "张三",
                                                        "phone": "1", "description": "逾期。"})
    complaint = Complaint.objects.get()
    assert done.status_code == 302 and complaint.channel == "letter" and complaint.reply_due == date(2026, 12, 29)
    assert client_for("dazhai_handler").get(reverse("complaints:register")).status_code == 200  # its station only
    with pytest.raises(ValidationError):  # an assignee outside the office
        services.assign(complaint, actor=users("county_handler"), assignee=users("dazhai_handler"))
    client.post(reverse("complaints:assign", args=[complaint.pk]), {"assignee": users("county_head").pk})
    complaint.refresh_from_db()
    assert complaint.assignee == users("county_head")
    assert list(AuditEntry.objects.filter(object_id=str(complaint.pk), object_type="complaints.complaint")
                .order_by("seq").values_list("event", flat=True)) == [ComplaintEvent.REGISTERED,
                                                                       ComplaintEvent.ASSIGNED]
