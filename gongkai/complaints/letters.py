"""The reply to a complainant (投诉举报处理答复书, 条例 第五十一条) as Word, in the official-document layout
of the request letters (GB/T 9704-2012, `gongkai.applications.letters.letter_docx`), built from the record
when asked for: what was complained about, what the office asked the agency, its conclusion and reply."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.applications.letters import Letter, chinese_date, letter_docx
from gongkai.complaints.constants import Finding, Status
from gongkai.complaints.models import Complaint

__all__ = ["reply_docx", "reply_filename", "reply_letter"]

TITLE = "投诉举报处理答复书"


def _number(complaint: Complaint) -> str:
    office = complaint.office
    assert complaint.replied_on is not None
    return f"{office.short_name or office.name}投诉答复〔{complaint.replied_on.year}〕{complaint.pk}号"


def reply_letter(complaint: Complaint) -> Letter:
    """The letter of a replied complaint; a complaint not yet replied to has none."""
    if complaint.status != Status.REPLIED or complaint.replied_on is None:
        raise ValidationError(_("该投诉举报尚未答复。"))
    org, office = complaint.org, complaint.office
    about = complaint.get_kind_display()
    if complaint.request_reference:
        about += f"，所涉申请编号{complaint.request_reference}"
    paragraphs = [
        f"{complaint.name}：",
        f"{chinese_date(complaint.received_on)}，本机关收到您对{org.name}政府信息公开工作的投诉举报"
        f"（{about}；查询码{complaint.tracking_code}）。根据《中华人民共和国政府信息公开条例》第五十一条，"
        "本机关依法进行了调查处理。",
    ]
    if complaint.asked_on is not None:
        explained = (f"{org.name}于{chinese_date(complaint.explained_on)}作出了说明。" if complaint.explained_on
                     else f"{org.name}未在期限内作出说明。")
        paragraphs.append(f"本机关于{chinese_date(complaint.asked_on)}要求{org.name}说明有关情况，{explained}")
    paragraphs.append(complaint.reply if complaint.reply.startswith("经调查") else f"经调查，{complaint.reply}")
    conclusion = f"处理结论：您的投诉举报{Finding(complaint.finding).label}。"
    if complaint.correction_ordered:
        conclusion += f"本机关已责令{org.name}改正（条例第四十七条），并将督促其整改到位。"
    paragraphs.append(conclusion)
    contact = "、".join(filter(None, (office.office_address, office.office_phone)))
    paragraphs.append("特此答复。" + (f"如有疑问，请与本机关联系（{contact}）。" if contact else ""))
    return Letter(kind="", agency=office.name, title=TITLE, number=_number(complaint), paragraphs=tuple(paragraphs),
                  signed=complaint.replied_on)


def reply_docx(complaint: Complaint) -> bytes:
    return letter_docx(reply_letter(complaint))


def reply_filename(complaint: Complaint) -> str:
    return f"{_number(complaint)}-{TITLE}.docx"
