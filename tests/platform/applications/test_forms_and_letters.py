"""What applicants and reviewers read: the public form names every bad field in one round in plain Chinese
and keeps what was typed; letters address a person as “您” and an organisation as “贵单位” and never print
doubled punctuation; the reviewer reads the letter before signing it off (条例 第二十九条、第三十六条)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from gongkai.applications import letters, services
from gongkai.applications.constants import LetterKind
from gongkai.applications.models import Request
from gongkai.orgs.models import User

from .conftest import PERSON

COMPANY = {**PERSON, "applicant_type": "commercial", "applicant_name": "某某农业发展有限公司", "id_type": "credit_code",
           "id_number": "91350100M000100Y43", "contact_person": "李四"}


def test_the_form_reports_every_bad_field_at_once_and_keeps_what_was_typed(client, dazhai, known_calendar) -> None:
    """A bad e-mail used to hide the ID, phone and postcode errors until the next submit."""
    typed = {**PERSON, "org": dazhai.pk, "email": "zhang@", "id_number": "110101199001011230", "phone": "电话",
             "postcode": "1234"}
    page = client.post(reverse("applications:apply"), typed).content.decode()
    assert not Request.objects.exists()
    for message in ("请填写有效的电子邮箱地址。", "居民身份证号码应为18位，且校验码正确。",
                    "请填写有效的联系电话（7至20位数字）。", "邮政编码应为6位数字。"):
        assert message in page
    assert "有 4 处需要修改" in page
    assert 'value="110101199001011230"' in page and 'value="zhang@"' in page and PERSON["description"] in page


def test_no_stock_django_message_reaches_the_public(client, dazhai, known_calendar) -> None:
    page = client.post(reverse("applications:apply"), {**PERSON, "org": dazhai.pk, "applicant_name": "张" * 101,
                                                       "provision_form": "fax"}).content.decode()
    assert "最多填写100个字，现在是101个字" in page and "请从列表中选择一项。" in page
    for stock in ("确保该变量", "Ensure this value", "选择一个有效的选项", "Select a valid choice"):
        assert stock not in page


def _reply(req: Request, users: Callable[[str], User], facts: str, reasons: str = "") -> str:
    draft = services.save_draft(req, actor=users("dazhai_handler"), outcome_key="granted", facts=facts,
                                reasons=reasons)
    return letters.reply_preview(draft, date(2024, 5, 20)).text


@pytest.mark.parametrize(("applicant", "you", "not_you"), [(PERSON, "收到您提交", "贵单位"),
                                                           (COMPANY, "收到贵单位提交", "收到您")])
def test_letters_address_the_applicant_by_type(register, users, known_calendar, applicant: dict[str, Any],
                                               you: str, not_you: str) -> None:
    req = register(date(2024, 5, 6), **applicant)
    text = _reply(req, users, "现向申请人提供该文件。")
    assert you in text and not_you not in text and "您（单位）" not in text
    receipt = req.attachments.get(letter_kind=LetterKind.RECEIPT)
    assert receipt.name.endswith(".docx")


def test_letters_never_print_doubled_punctuation(register, users, known_calendar) -> None:
    req = register(date(2024, 5, 6), description="本乡2024年度惠民惠农财政补贴资金发放明细。")
    text = _reply(req, users, "经检索，现提供该文件。", reasons="部分内容涉及个人隐私。")
    assert "。。" not in text and "；。" not in text
    assert "所需信息：本乡2024年度惠民惠农财政补贴资金发放明细。现答复如下" in text


def test_an_old_template_with_you_or_unit_is_worded_by_type():
    assert letters.tidy("请您（单位）作出补正。。", "贵单位") == "请贵单位作出补正。"
    assert letters.address_of("natural_person") == "您" and letters.address_of("public_interest") == "贵单位"


def test_the_reviewer_reads_the_letter_before_signing_it_off(register, users, client_for, known_calendar) -> None:
    req = register(date(2024, 5, 6))
    draft = services.save_draft(req, actor=users("dazhai_handler"), outcome_key="granted",
                                facts="现向您提供《2024年度惠民惠农财政补贴资金发放明细》。")
    services.submit_draft(draft, actor=users("dazhai_handler"))
    page = client_for("dazhai_reviewer3").get(reverse("applications:detail", args=[req.pk])).content.decode()
    preview = page.split('class="letter-page"', 1)[1].split("</figure>", 1)[0]
    assert "政府信息公开申请答复书" in preview and req.number in preview
    assert "张三：" in preview and "现向您提供《2024年度惠民惠农财政补贴资金发放明细》。" in preview
    assert "行政复议" in preview  # the remedies the applicant will read (条例 第五十一条)
    assert page.index('class="letter-page"') < page.index('id="action-review"')



def test_a_returned_reply_draft_waits_on_its_writer_s_dashboard(register, users, client_for, known_calendar) -> None:
    req = register(date(2024, 5, 6))
    draft = services.save_draft(req, actor=users("dazhai_handler"), outcome_key="granted", facts="现提供该文件。")
    services.submit_draft(draft, actor=users("dazhai_handler"))
    services.return_draft(draft, actor=users("dazhai_reviewer3"), comment="请写明提供方式")
    page = client_for("dazhai_handler").get(reverse("dashboard:org", args=[req.org_id])).content.decode()
    todo = page.split('aria-labelledby="todo-title"', 1)[1].split("</section>", 1)[0]
    assert "退回修改的答复草稿" in todo and req.number in todo and "请写明提供方式" in todo
    services.save_draft(req, actor=users("dazhai_handler"), outcome_key="granted", facts="现以电子邮件提供该文件。")
    page = client_for("dazhai_handler").get(reverse("dashboard:org", args=[req.org_id])).content.decode()
    assert "退回修改的答复草稿" not in page  # rewritten: a new version, no longer waiting


def test_the_register_exports_to_excel_as_filtered_on_screen(register, users, client_for, known_calendar) -> None:
    import io

    from openpyxl import load_workbook

    kept = register(date(2024, 5, 6), applicant_name="王五")
    register(date(2024, 5, 7), applicant_name="赵六")
    client = client_for("dazhai_handler")
    page = client.get(reverse("applications:list"), {"q": "王五"}).content.decode()
    link = re.search(r'href="([^"]*register\.xlsx[^"]*)"', page).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header[:3] == ("编号", "申请人", "申请人类型")
    assert [(row[0], row[1], row[4].date()) for row in rows] == [(kept.number, "王五", date(2024, 5, 6))]
    assert client_for("shiqiao_handler").get(reverse("applications:register_xlsx")).status_code == 200
    other = load_workbook(io.BytesIO(client_for("shiqiao_handler").get(reverse("applications:register_xlsx"))
                                     .content)).active
    assert other.max_row == 1  # another township's handler exports nothing of 大寨乡
