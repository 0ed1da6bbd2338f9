"""Applicants are told of every step by e-mail (issue 15, item 2): the receipt with the tracking code and the
reply date (条例 第三十一条, 第三十三条), the 补正 notice (第三十条), the 征求意见 delay and the extension
(第三十三条), the fee notice (第四十二条) and the reply (第三十六条), each with the letter the office issued."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail as django_mail
from docx import Document

from gongkai.applications import services
from gongkai.notifications.compose import compose_pending
from gongkai.notifications.delivery import deliver_pending
from gongkai.notifications.models import Mail
from tests.platform.notifications.conftest import COMPANY

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def only_new_mail(before: set[int]) -> Mail:
    """Exactly one mail was queued since `before`; that mail."""
    new = list(Mail.objects.exclude(pk__in=before))
    assert len(new) == 1, [m.subject for m in new]
    return new[0]


def seen() -> set[int]:
    return set(Mail.objects.values_list("pk", flat=True))


def test_receipt_correction_extension_fee_and_reply_each_reach_the_applicant_once_with_their_letter(
        register, users, committed) -> None:
    handler, head = users("dazhai_handler"), users("dazhai_head")
    req = committed(register, date(2026, 11, 2))
    receipt = only_new_mail(set())
    assert receipt.to == "zhang@example.com" and req.tracking_code in receipt.body
    assert "将在2026年11月30日前作出答复" in receipt.body and "收到您提交" in receipt.body
    [letter] = receipt.attachments.all()
    assert letter.name.endswith(".docx") and "政府信息公开申请接收回执" in docx_text(bytes(letter.data))

    before = seen()
    committed(services.consult, req, actor=handler, kind="third_party", party="某公司", matter="合同价款",
              sent=date(2026, 11, 4))
    consultation = only_new_mail(before)
    assert "征求意见所需时间不计算在答复期限内" in consultation.body
    assert not consultation.attachments.exists()  # the 征求意见书 goes to the third party, not the applicant

    before = seen()
    committed(services.extend, req, actor=head, days=15, reason="需要调取档案", on=date(2026, 11, 20))
    extension = only_new_mail(before)
    [letter] = extension.attachments.all()
    text = docx_text(bytes(letter.data))
    assert "延期答复告知书" in text and "15个工作日" in text and "需要调取档案" in text

    before = seen()
    committed(services.issue_fee_notice, req, actor=handler, method="per_page", pages=150, sent=date(2026, 11, 23))
    fee = only_new_mail(before)
    [letter] = fee.attachments.all()
    assert "收费通知书" in docx_text(bytes(letter.data))

    before = seen()
    services.record_payment(req, actor=handler, on=date(2026, 11, 24))
    draft = services.save_draft(req, actor=handler, outcome_key="granted", facts="经检索，现提供该文件。")
    services.submit_draft(draft, actor=handler)
    committed(services.approve_draft, draft, actor=users("dazhai_reviewer3"), on=date(2026, 12, 1))
    compose_pending()
    reply = only_new_mail(before | set(Mail.objects.exclude(to="zhang@example.com").values_list("pk", flat=True)))
    assert "作出答复" in reply.subject + reply.body
    [letter] = reply.attachments.all()
    text = docx_text(bytes(letter.data))
    assert "政府信息公开申请答复书" in text and "经检索，现提供该文件。" in text

    assert deliver_pending() == (Mail.objects.count(), 0)
    to_applicant = [m for m in django_mail.outbox if m.to == ["zhang@example.com"]]
    assert len(to_applicant) == 5
    assert to_applicant[-1].attachments[0][0] == letter.name


def test_the_correction_notice_carries_the_correction_letter(register, users, committed) -> None:
    req = register(date(2026, 11, 2))
    compose_pending()  # the receipt
    before = seen()
    committed(services.request_correction, req, actor=users("dazhai_handler"), items="请写明所需信息的年份",
              period=10, on=date(2026, 11, 3))
    notice = only_new_mail(before)
    [letter] = notice.attachments.all()
    text = docx_text(bytes(letter.data))
    assert "补正告知书" in text and "请写明所需信息的年份" in text
    assert "需要补正" in notice.body


def test_an_organisation_is_addressed_as_gui_danwei_and_punctuation_is_never_doubled(register, committed) -> None:
    committed(register, date(2026, 11, 2), **COMPANY)
    receipt = Mail.objects.get(to="office@example.com")
    assert "收到贵单位提交" in receipt.body and "贵单位可以凭查询码" in receipt.body
    assert "您" not in receipt.body.split("（本邮件")[0]
    for doubled in ("。。", "；。", "，。"):
        assert doubled not in receipt.body


def test_no_address_no_mail_and_an_online_application_gets_its_receipt_on_confirmation(county, users,
                                                                                       committed) -> None:
    from gongkai.orgs.models import Organisation
    from tests.platform.notifications.conftest import PERSON

    dazhai = Organisation.objects.get(name="大寨乡")
    committed(services.register, dazhai, {**PERSON, "email": ""}, actor=users("dazhai_handler"),
              channel="in_person", handed_in=date(2026, 11, 2))
    assert not Mail.objects.exists()
    online = committed(services.submit_online, dazhai, PERSON)
    assert not Mail.objects.exists()  # not received until the office confirms it (第三十一条第（三）项)
    committed(services.confirm_receipt, online, actor=users("dazhai_handler"))
    assert Mail.objects.get().subject.startswith("【大寨乡】已收到政府信息公开申请")
