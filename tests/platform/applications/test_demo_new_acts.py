"""The demo county carries an example of each act added to requests for issue 16, so a newcomer sees them:
复议前置 in a 无法提供 reply (行政复议法 第二十三条), a late 补正 (条例 第三十条), an extension (第三十三条),
说明理由 and a deferral (第三十五条), disclosure despite an objection (第三十二条), 一事一申请 (国办函〔2020〕
109号 第四条), a 平常信函's arrival day (第三十一条), help for applicants (第四十三条) and record corrections
(第四十一条); the staff list links to the record corrections."""

from __future__ import annotations

import pytest
from django.urls import reverse
from docx import Document

from gongkai.applications.constants import LetterKind
from gongkai.applications.demo import NEW_ACTS_MARK
from gongkai.applications.models import Attachment, RecordCorrection, Request

pytestmark = pytest.mark.django_db


def _letter_text(request: Request, kind: str) -> str:
    attachment = Attachment.objects.get(request=request, letter_kind=kind)
    with attachment.file.open("rb") as handle:
        return "\n".join(p.text for p in Document(handle).paragraphs)


def test_the_demo_shows_every_new_act_of_a_request(demo, org, client_for) -> None:
    dazhai = org("大寨乡")
    shown = Request.objects.filter(org=dazhai, description__endswith=NEW_ACTS_MARK)
    not_held = shown.get(outcome="not_exist")
    text = _letter_text(not_held, LetterKind.REPLY)
    assert "应当自收到本答复之日起60日内向某县人民政府申请行政复议" in text and "6个月" not in text
    late = shown.get(correction_requested__isnull=False)
    assert "答复期限不因补正重新计算" in _letter_text(late, LetterKind.CORRECTION)
    assert shown.filter(extension=10, extension_approved__isnull=False).exists()
    deferred = shown.get(deferred_to__isnull=False)
    assert deferred.reasons_requested is not None
    assert {LetterKind.REASONS, LetterKind.DEFERRAL} <= set(deferred.attachments.values_list("letter_kind", flat=True))
    assert shown.get(consultations__disclosure_decided__isnull=False).attachments.filter(
        letter_kind=LetterKind.DISCLOSURE_NOTICE).exists()
    assert shown.get(units=3).split_reason
    assert shown.get(channel="ordinary_mail").late_confirmation
    assert shown.filter(oral=True).exclude(assistance="").exists() and shown.filter(assistance_needed=True).exists()
    assert set(RecordCorrection.objects.filter(org=dazhai).values_list("decision", flat=True)) == {"corrected", ""}
    page = client_for("dazhai_handler").get(reverse("applications:list")).content.decode()
    assert reverse("applications:corrections") in page
    # loading again adds nothing
    from gongkai.web import demo as demo_module

    before = (Request.objects.count(), RecordCorrection.objects.count())
    demo_module.load_all()
    assert (Request.objects.count(), RecordCorrection.objects.count()) == before
