"""The words of the mails (Chinese): an applicant addressed as 您 or 贵单位 by type, never doubled punctuation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from gongkai.applications import clock, letters

# What each act tells the applicant; `{you}` is 您 or 贵单位, `{number}` the request's number.
# 条例 第三十条 (补正), 第三十三条 (延长答复期限；征求第三方和其他机关意见所需时间不计算在答复期限内),
# 第三十五条 (说明理由、延迟答复), 第四十二条 (信息处理费), 第三十六条 (答复).
APPLICANT_NOTICES: dict[str, tuple[str, str]] = {
    "correction": ("请补正政府信息公开申请",
                   "{you}提交的政府信息公开申请（{number}）需要补正。需要补正的事项和补正期限见随信所附的补正告知书。"),
    "consultation": ("征求意见期间不计入答复期限",
                     "本机关就{you}提交的政府信息公开申请（{number}）征求第三方或者其他机关的意见。"
                     "根据《中华人民共和国政府信息公开条例》第三十三条，征求意见所需时间不计算在答复期限内，"
                     "答复日期将相应顺延。"),
    "extension": ("延长答复期限",
                  "经本机关政府信息公开工作机构负责人同意，{you}提交的政府信息公开申请（{number}）的答复期限予以延长。"
                  "延长的期限和理由见随信所附的延期答复告知书。"),
    "deferral": ("延迟答复",
                 "本机关已确定{you}提交的政府信息公开申请（{number}）的延迟答复期限，详见随信所附的延迟答复告知书。"),
    "reasons": ("请说明理由",
                "本机关请{you}就政府信息公开申请（{number}）说明理由，需要说明的事项和期限见随信所附的说明理由告知书。"),
    "fee": ("信息处理费缴纳通知",
            "{you}提交的政府信息公开申请（{number}）需要缴纳信息处理费。金额、计算方式和缴费方式见随信所附的收费通知书。"),
    "reply": ("政府信息公开申请答复",
              "本机关已对{you}提交的政府信息公开申请（{number}）作出答复，答复书随信附上，请查收。"),
}


def link(url_name: str, *args: Any) -> str:
    """An address the reader can open: GONGKAI_SITE_URL in front of the path when it is set."""
    return getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/") + reverse(url_name, args=args)


def _finish(lines: list[str], you: str) -> str:
    return letters.tidy("\n\n".join(line for line in lines if line), you) + "\n"


def applicant_mail(request: Any, notice: str) -> tuple[str, str]:
    """Subject and body of a notice to the applicant of `request`."""
    you = letters.address_of(request.applicant_type)
    title, text = APPLICANT_NOTICES[notice]
    body = [f"{request.applicant_name}：", text.format(you=you, number=request.number)]
    return f"【{request.org.name}】{title}（{request.number}）", _finish(body + _tracking(request, you), you)


def receipt_mail(request: Any) -> tuple[str, str]:
    """The receipt: the day it was received, the tracking code and the day the reply is due."""
    you = letters.address_of(request.applicant_type)
    dated = clock.dated_for(request)
    due = "另行告知的日期" if dated is None or dated.reply_due is None else dated.reply_due.public_text
    body = [
        f"{request.applicant_name}：",
        f"本机关已于{letters.chinese_date(request.received)}收到{you}提交的政府信息公开申请（{request.number}）。"
        f"本机关将在{due}前作出答复；需要补正、征求意见或者延长答复期限的，将另行告知。",
        "申请接收回执随信附上。",
    ]
    subject = f"【{request.org.name}】已收到政府信息公开申请（{request.number}）"
    return subject, _finish(body + _tracking(request, you), you)


def _tracking(request: Any, you: str) -> list[str]:
    return [
        f"查询码：{request.tracking_code}。{you}可以凭查询码在 {link('applications:track')} "
        "查看办理进度和已发出的文书。",
        f"{request.org.name}",
        "（本邮件由系统自动发送，请勿直接回复。）",
    ]


def staff_mail(org: Any, name: str, text: str, url: str) -> str:
    """The body of a mail to a member of staff."""
    return _finish([f"{name}：", text, f"办理地址：{url}", f"{org.name} · {settings.GONGKAI_SITE_NAME}",
                    "（本邮件由系统自动发送。可在“邮件通知设置”中关闭。）"], "您")
