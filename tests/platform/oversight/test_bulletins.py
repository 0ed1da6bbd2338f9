"""通报 (条例 第四十七条): drafted from the year's records, saved as DOCX in the official layout of the reply
letters, published on the portal only once no 【请…】 prompt is left; only the issuing office drafts it."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.complaints import services as complaints
from gongkai.orgs.models import Organisation
from gongkai.oversight import bulletins
from tests.platform.complaints.test_complaints import DATA

pytestmark = pytest.mark.django_db


def _data(body: str) -> dict[str, object]:
    return {"year": 2026, "kind": "criticism", "title": "关于2026年度政府信息公开工作情况的通报",
            "number": "某政办〔2026〕12号", "addressees": "各乡镇人民政府、县直各部门", "body": body,
            "signed_on": date(2026, 12, 5)}


def test_the_draft_states_the_year_from_the_records(dazhai, users) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    complaint = complaints.submit_online(dazhai, DATA)
    complaints.reply(complaint, actor=users("county_handler"), finding="upheld", text="属实。", correction=True)
    body = bulletins.draft_body(county, 2025, date(2026, 12, 5))
    assert "逾期未公开或逾期公开的有8个机关" in body and "大寨乡" in body
    assert "经调查成立（含部分成立）的投诉举报：大寨乡1件。" in bulletins.draft_body(county, 2026, date(2026, 12, 5))


def test_the_docx_is_in_official_layout_and_publication_needs_no_prompts(dazhai, users) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    with pytest.raises(PermissionDenied):
        bulletins.save_bulletin(county, actor=users("dazhai_head"), data=_data("x"))
    bulletin = bulletins.save_bulletin(county, actor=users("county_head"),
                                       data=_data("一、年度报告公开情况。\n四、有关要求。【请填写】"))
    document = docx.Document(io.BytesIO(bulletins.bulletin_docx(bulletin)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "某县人民政府\n关于2026年度政府信息公开工作情况的通报" and "某政办〔2026〕12号" in texts
    assert "各乡镇人民政府、县直各部门：" in texts and texts[-1] == "2026年12月5日"
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.5)  # A4, GB/T 9704-2012
    with pytest.raises(ValidationError):
        bulletins.publish(bulletin, actor=users("county_head"))
    assert Client().get(reverse("oversight:public_bulletin", args=[bulletin.pk])).status_code == 404
    bulletin = bulletins.save_bulletin(county, actor=users("county_head"), bulletin=bulletin,
                                       data=_data("一、年度报告公开情况。\n四、有关要求。请于30日内整改。"))
    bulletins.publish(bulletin, actor=users("county_head"))
    page = Client().get(reverse("oversight:public_bulletins")).content.decode()
    assert "关于2026年度政府信息公开工作情况的通报" in page
    assert Client().get(reverse("oversight:public_bulletin_docx", args=[bulletin.pk])).status_code == 200
    with pytest.raises(ValidationError):
        bulletins.save_bulletin(county, actor=users("county_head"), bulletin=bulletin, data=_data("改"))


def test_the_office_drafts_saves_and_downloads_from_its_pages(dazhai, client_for) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    client = client_for("county_head")
    form = client.get(reverse("oversight:bulletin_new", args=[county.pk]) + "?year=2025").content.decode()
    assert "逾期未公开或逾期公开的有8个机关" in form
    bad = client.post(reverse("oversight:bulletin_new", args=[county.pk]) + "?year=2025", {"kind": ""})
    assert "请选择通报类别。" in bad.content.decode() and "请填写正文。" in bad.content.decode()
    saved = client.post(reverse("oversight:bulletin_new", args=[county.pk]) + "?year=2025", {
        "kind": "general", "title": "关于2025年度政府信息公开工作情况的通报", "addressees": "各下级机关",
        "body": "一、情况。", "signed_on": "2026-12-05"})
    assert saved.status_code == 302
    docx_response = client.get(saved["Location"] + "docx/")
    assert docx_response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for("dazhai_head").get(saved["Location"]).status_code == 404
    assert client_for("dazhai_head").get(reverse("oversight:bulletin_new", args=[county.pk])).status_code == 404
