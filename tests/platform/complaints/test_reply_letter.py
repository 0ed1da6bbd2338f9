"""The supervising office replies to the complainant with a letter (条例 第五十一条): a 投诉举报处理答复书 in the
official-document layout of the request letters (GB/T 9704-2012), opened here with python-docx; the
complainant downloads it by tracking code, the office from its page, the agency only once the office has
shared who complained."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.complaints import letters, services
from tests.platform.complaints.test_complaints import DATA

pytestmark = pytest.mark.django_db


def _replied(dazhai, users):  # type: ignore[no-untyped-def]
    complaint = services.submit_online(dazhai, DATA)
    services.ask_agency(complaint, actor=users("county_handler"), question="请说明逾期原因。")
    services.explain(complaint, actor=users("dazhai_handler"), explanation="经办人休假，已于12月4日答复。")
    return services.reply(complaint, actor=users("county_handler"), finding="upheld", correction=True,
                          text="大寨乡未在20个工作日内答复您的申请，投诉属实。")


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def test_the_letter_states_the_complaint_the_agency_s_explanation_and_the_conclusion(dazhai, users) -> None:
    complaint = _replied(dazhai, users)
    texts = _paragraphs(letters.reply_docx(complaint))
    assert texts[0] == "某县人民政府\n投诉举报处理答复书"
    office = complaint.office
    assert f"{office.short_name or office.name}投诉答复〔2026〕{complaint.pk}号" in texts
    assert "张三：" in texts  # 主送: the complainant
    body = "".join(texts)
    assert ("2026年12月5日，本机关收到您对大寨乡政府信息公开工作的投诉举报"
            "（逾期答复，所涉申请编号大寨乡〔2026〕12号") in body
    assert f"查询码{complaint.tracking_code}" in body and "第五十一条" in body
    assert "本机关于2026年12月5日要求大寨乡说明有关情况，大寨乡于2026年12月5日作出了说明。" in body
    assert "经调查，大寨乡未在20个工作日内答复您的申请，投诉属实。" in body
    assert "处理结论：您的投诉举报成立。本机关已责令大寨乡改正（条例第四十七条）" in body
    assert texts[-2:] == ["某县人民政府", "2026年12月5日"]


def test_no_letter_before_the_reply(dazhai) -> None:
    complaint = services.submit_online(dazhai, DATA)
    with pytest.raises(ValidationError):
        letters.reply_letter(complaint)
    url = reverse("complaints:tracked_letter", args=[complaint.tracking_code])
    assert Client().get(url).status_code == 404


def test_the_complainant_the_office_and_a_sharing_agency_download_it(dazhai, users, client_for) -> None:
    complaint = _replied(dazhai, users)
    tracked = Client().get(reverse("complaints:tracked", args=[complaint.tracking_code])).content.decode()
    public_url = reverse("complaints:tracked_letter", args=[complaint.tracking_code])
    assert public_url in tracked
    download = Client().get(public_url)
    assert download.status_code == 200 and download["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "张三：" in _paragraphs(download.content)
    staff_url = reverse("complaints:letter", args=[complaint.pk])
    assert client_for("county_handler").get(staff_url).status_code == 200
    assert client_for("dazhai_handler").get(staff_url).status_code == 404  # addressed to someone it may not know
    assert client_for("shiqiao_handler").get(staff_url).status_code == 404
    services.share_identity(complaint, actor=users("county_handler"))
    assert client_for("dazhai_handler").get(staff_url).status_code == 200
