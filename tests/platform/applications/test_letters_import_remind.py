"""Editable letter templates (validated), the register import (台账: every bad row, nothing half-imported),
and the reminder e-mails of `gongkai remind`."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import Workbook

from gongkai.applications import letters, services, stats
from gongkai.applications.importer import RegisterImportError, import_register
from gongkai.applications.models import LetterTemplate, Request
from gongkai.applications.reminders import send_reminders
from gongkai.cli import main
from gongkai.law.report_format import CellRef
from gongkai.orgs.models import User

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------- templates

def test_a_template_with_an_unknown_or_missing_placeholder_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        letters.validate_template("reply", "答复书", "{applicant}：{facts} {legal_basis} {secret}")
    messages = caught.value.message_dict["body"]
    assert any("{secret}" in m for m in messages) and any("{remedies}" in m for m in messages)
    with pytest.raises(ValidationError, match="花括号不成对"):
        letters.validate_template("reply", "答复书", "{applicant")
    with pytest.raises(ValidationError, match="格式说明"):
        letters.validate_template("reply", "答复书", "{applicant!r}{facts}{legal_basis}{remedies}")
    for kind, (title, body) in letters.DEFAULTS.items():
        letters.validate_template(kind, title, body)


def test_an_agency_administrator_edits_its_own_templates(register, users, client_for, dazhai) -> None:
    url = reverse("applications:template_edit", args=[dazhai.pk, "receipt"])
    assert client_for("dazhai_handler").get(url).status_code == 403  # 管理员 only
    assert client_for("shiqiao_admin").get(url).status_code == 404
    admin = client_for("dazhai_admin")
    bad = admin.post(url, {"title": "回执", "body": "{applicant}：收到了。"})
    assert bad.status_code == 200 and "必须包含" in bad.content.decode()
    body = "{applicant}：\n\n本乡于{received}收到您的申请，将于{reply_due}前答复。"
    assert admin.post(url, {"title": "大寨乡申请回执", "body": body}).status_code == 302
    req = register(date(2024, 5, 6))
    with req.attachments.get(letter_kind="receipt").file.open("rb") as handle:
        text = "\n".join(p.text for p in Document(handle).paragraphs)
    # 国办发明电〔2023〕7号: Saturday 5/11 was a 调休 working day
    assert "大寨乡申请回执" in text and "本乡于2024年5月6日收到您的申请，将于2024年5月31日前答复。" in text
    assert LetterTemplate.objects.get(org=dazhai, kind="receipt").updated_by.username == "dazhai_admin"


def test_letters_use_the_official_document_layout(register) -> None:  # GB/T 9704-2012
    req = register(date(2024, 5, 6))
    with req.attachments.get(letter_kind="receipt").file.open("rb") as handle:
        document = Document(handle)
    section = document.sections[0]
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert document.styles["Title"].font.size.pt == 22 and document.styles["Normal"].font.size.pt == 16


# --------------------------------------------------------------------------------------------- import

HEADER = ["收到申请日期", "申请方式", "申请人类型", "申请人", "证件号码", "联系电话", "所需信息", "办理结果",
          "办结日期"]


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_every_bad_row_is_reported_with_its_number_and_nothing_is_imported(dazhai, users) -> None:
    content = xlsx([
        [date(2024, 3, 1), "当面提交", "自然人", "张三", "", "", "某文件", "予以公开", date(2024, 3, 8)],
        ["2024/13/40", "当面提交", "自然人", "李四", "", "", "某文件", "", ""],
        [date(2024, 3, 1), "飞鸽传书", "外星人", "王五", "", "", "某文件", "随便", date(2024, 2, 1)],
        [date(2024, 3, 1), "邮寄", "商业企业", "", "", "", "", "部分公开", ""],
    ])
    with pytest.raises(RegisterImportError) as caught:
        import_register(dazhai, "台账.xlsx", content, actor=users("dazhai_admin"))
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(3, "收到申请日期"), (4, "申请方式"), (4, "申请人类型"), (4, "办理结果"), (4, "办结日期"),
                     (5, "申请人"), (5, "所需信息"), (5, "办结日期")}
    assert not Request.objects.exists()


def test_a_good_register_is_imported_and_counted_in_table3(dazhai, users) -> None:
    content = "\n".join([
        ",".join(HEADER),
        "2023-12-20,当面提交,自然人,张三,,,某文件,予以公开,2024-01-10",
        "2024年3月1日,邮寄（需签收）,法律服务机构,某律所,,,某合同,本机关不掌握相关政府信息,2024.3.20",
        "2024/11/5,互联网渠道,科研机构,某研究院,,,某数据,,",
    ]).encode("gb18030")
    created = import_register(dazhai, "台账.csv", content, actor=users("dazhai_admin"))
    assert [r.number for r in created] == [
        "大寨乡依申请〔2023〕1号", "大寨乡依申请〔2024〕1号", "大寨乡依申请〔2024〕2号"]
    cells = stats.table3(dazhai, 2024)
    assert cells[CellRef("applications", "carried_in", "natural_person")] == 1
    assert cells[CellRef("applications", "granted", "natural_person")] == 1
    assert cells[CellRef("applications", "unable.not_held", "legal_services")] == 1
    assert cells[CellRef("applications", "carried_out", "research")] == 1


def test_the_import_page_lists_the_problems(client_for, dazhai) -> None:
    upload = io.BytesIO(xlsx([["不是日期", "当面提交", "自然人", "张三", "", "", "某文件", "", ""]]))
    upload.name = "台账.xlsx"
    page = client_for("dazhai_admin").post(reverse("applications:import"), {"org": dazhai.pk, "file": upload})
    assert page.status_code == 200
    assert "未导入任何记录" in page.content.decode() and "“不是日期”不是日期" in page.content.decode()


def test_the_import_command(tmp_path, dazhai, capsys) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx([[date(2024, 3, 1), "当面提交", "自然人", "张三", "", "", "某文件", "", ""]]))
    assert main(["requests", "import", str(path), "--org", "大寨乡"]) == 0
    assert "已导入1件申请到大寨乡" in capsys.readouterr().out
    path.write_bytes(xlsx([[date(2024, 3, 1), "当面提交", "无名", "张三", "", "", "某文件", "", ""]]))
    assert main(["requests", "import", str(path), "--org", "大寨乡"]) == 1
    assert "第2行“申请人类型”" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------- reminders

def test_reminders_go_to_the_handler_for_requests_due_soon_or_late(register, users, known_calendar) -> None:
    handler = users("dazhai_handler")
    handler.email = "wangfang@example.com"
    handler.save()
    today = timezone.localdate()
    late = register(today - timedelta(days=45))
    services.assign(late, handler, actor=handler)
    fresh = register(today)
    services.assign(fresh, handler, actor=handler)
    sent, nobody = send_reminders(today=today)
    assert [(m.recipient, [i.request.pk for i in m.items]) for m in sent] == [("wangfang@example.com", [late.pk])]
    assert nobody == []
    assert len(mail.outbox) == 1 and late.number in mail.outbox[0].body and "已逾期" in mail.outbox[0].body


def test_the_remind_command(register, users, capsys, known_calendar) -> None:
    User.objects.filter(username="dazhai_handler").update(email="")
    register(timezone.localdate() - timedelta(days=45))  # unassigned, and the 专人 has no e-mail address
    assert main(["remind", "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "共0封提醒邮件（未发送）" in out.out and "无法提醒：大寨乡" in out.err
    assert mail.outbox == []
