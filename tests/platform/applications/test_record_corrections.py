"""条例 第四十一条: a request to correct a record about the applicant is registered, decided and answered in
a letter (read in Word), each act audited; it is not a 政府信息公开申请 and never counts in table 三."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from gongkai.applications import record_corrections, stats
from gongkai.applications.constants import RequestEvent
from gongkai.applications.models import RecordCorrection
from gongkai.audit.models import AuditEntry
from gongkai.law.report_format import CellRef

pytestmark = pytest.mark.django_db

FORM = {
    "applicant_type": "natural_person", "applicant_name": "王五", "id_number": "110101199001011237",
    "phone": "13800000001", "record": "2024年度耕地地力保护补贴发放名册",
    "inaccuracy": "名册中本人承包面积记为1.2亩，应为2.1亩",
    "evidence": "土地承包经营权证（编号某农承〔2016〕0123号）复印件", "channel": "in_person", "received": "2025-03-03",
    "assistance": "",
}


def test_registered_on_the_page_decided_and_answered_in_a_letter(dazhai, client_for) -> None:
    handler = client_for("dazhai_handler")
    no_evidence = {**FORM, "org": dazhai.pk, "evidence": ""}
    assert handler.post(reverse("applications:corrections"), no_evidence).status_code == 400
    response = handler.post(reverse("applications:corrections"), {**FORM, "org": dazhai.pk})
    correction = RecordCorrection.objects.get()
    assert response.status_code == 302 and correction.received == date(2025, 3, 3)
    assert handler.post(reverse("applications:correction", args=[correction.pk]),
                        {"decision": "transferred", "on": "2025-03-10"}).status_code == 400  # names no agency
    handler.post(reverse("applications:correction", args=[correction.pk]),
                 {"decision": "corrected", "note": "已将承包面积更正为2.1亩", "on": "2025-03-10"})
    correction.refresh_from_db()
    assert correction.decision == "corrected" and correction.decided == date(2025, 3, 10)
    with correction.letter.open("rb") as handle:
        text = "\n".join(p.text for p in Document(handle).paragraphs)
    assert "王五：" in text and "更正政府信息记录的申请" in text
    assert "经审核，您反映的情况属实，本机关已对该政府信息记录予以更正。已将承包面积更正为2.1亩" in text
    assert "依据《中华人民共和国政府信息公开条例》第四十一条的规定作出本答复" in text
    events = set(AuditEntry.objects.filter(object_id=str(correction.pk)).values_list("event", flat=True))
    assert {RequestEvent.RECORD_CORRECTION_REGISTERED, RequestEvent.RECORD_CORRECTION_DECIDED} <= events
    assert handler.get(reverse("applications:correction_letter", args=[correction.pk])).status_code == 200
    assert stats.table3(dazhai, 2025)[CellRef("applications", "new", "total")] == 0  # not a 公开申请


def test_a_transfer_names_the_agency_and_is_decided_once(dazhai, users) -> None:
    correction = record_corrections.register(dazhai, {**FORM, "received": date(2025, 3, 3)},
                                             actor=users("dazhai_handler"))
    record_corrections.decide(correction, actor=users("dazhai_handler"), decision="transferred",
                              other_agency="某县农业农村局", on=date(2025, 3, 5))
    with correction.letter.open("rb") as handle:
        text = "\n".join(p.text for p in Document(handle).paragraphs)
    assert "本机关已将您的更正申请转送某县农业农村局处理" in text
    with pytest.raises(ValidationError, match="已于2025年3月5日答复"):
        record_corrections.decide(correction, actor=users("dazhai_handler"), decision="corrected")
