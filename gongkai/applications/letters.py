"""The letters of a request: the reply (答复书) and the standard procedural notices, from editable templates.

A template is a title and a body of paragraphs (separated by blank lines) with `{placeholders}`. Each
kind of letter has its own placeholders, some of which it must contain (a reply must state its legal
basis and the remedies, 条例 第三十六条、第五十一条; a 补正告知书 what to correct and by when, 第三十条).
An administrator's `LetterTemplate` replaces the built-in wording; `validate_template` checks it first.

The facts come from the request and the law: the outcome's article (`gongkai.law.requests.OUTCOMES`),
the remedies and review body (`gongkai.law.remedies`), every date from `gongkai.applications.clock`.
The DOCX uses the official-document layout of the annual report's renderer (GB/T 9704-2012).
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.applications.constants import LetterKind
from gongkai.calendar import DerivedDate
from gongkai.law.deadlines import ConsultationKind
from gongkai.law.fees import FeeMethod, schedule_for
from gongkai.law.remedies import AgencyKind, remedies_for
from gongkai.law.requests import (
    REGULATION,
    ApplicantType,
    Outcome,
    ReceiptChannel,
    RequestSettings,
    outcome,
    receipt_rule,
)
from gongkai.orgs.constants import OrgKind
from gongkai.report.render.docx import SIZE_3, _font_table, _page_numbers, _page_setup, _safe, _styles

__all__ = [
    "DEFAULTS",
    "PLACEHOLDERS",
    "REQUIRED",
    "Letter",
    "address_of",
    "agency_kind",
    "build_letter",
    "chinese_date",
    "letter_docx",
    "reply_preview",
    "template_for",
    "tidy",
    "validate_template",
]

COMMON = {
    "agency": "本机关名称",
    "office": "政府信息公开工作机构",
    "office_address": "办公地址",
    "office_phone": "联系电话",
    "number": "申请编号",
    "tracking_code": "查询码",
    "applicant": "申请人姓名或名称",
    "submitted": "提交申请的日期",
    "received": "收到申请之日",
    "description": "所需信息的内容描述",
    "today": "落款日期",
    "you": "对申请人的称呼（个人为“您”，法人或其他组织为“贵单位”）",
}
PLACEHOLDERS: dict[str, dict[str, str]] = {
    LetterKind.RECEIPT: {**COMMON, "channel": "申请方式", "receipt_rule": "收到申请之日的认定依据",
                         "reply_due": "答复期限届满日",
                         "reply_period": "答复期限（自收到申请之日起20个工作日内，括注届满日）"},
    LetterKind.CORRECTION: {**COMMON, "correction_items": "需要补正的事项", "correction_period": "补正期限",
                            "correction_due": "补正期限届满日",
                            "reply_clock": "答复期限的起算（收到补正之日，或逾期告知的仍自收到申请之日）"},
    LetterKind.EXTENSION: {**COMMON, "extension_days": "延长的工作日数", "reason": "延期理由",
                           "reply_due_unextended": "原答复期限届满日", "reply_due": "延长后的答复期限届满日"},
    LetterKind.CONSULTATION: {**COMMON, "party": "征求意见对象", "matter": "征求意见的事项",
                              "opinion_due": "提出意见的期限（法律规定期限的，为届满日及期限；未规定的，请对方尽快）",
                              "consultation_basis": "征求意见的依据",
                              "silence": "逾期未提出意见的后果（法律未规定期限的为空）"},
    LetterKind.FEE: {**COMMON, "fee_method": "计收方式", "fee_units": "计费数量", "fee_breakdown": "收费标准和数额",
                     "amount": "金额（元）", "fee_basis": "收费依据", "payment_due": "缴费期限届满日",
                     "payment_time": "缴费期间是否计入答复期限（按本平台的设置）"},
    LetterKind.REPLY: {**COMMON, "outcome": "办理结果", "facts": "答复内容", "reasons": "理由",
                       "legal_basis": "法律依据（条、款、项）", "responsible_agency": "负责公开的机关及联系方式",
                       "remedies": "救济途径"},
    LetterKind.REASONS: {**COMMON, "reasons_items": "需要说明理由的事项", "reasons_due": "说明理由的期限"},
    LetterKind.DEFERRAL: {**COMMON, "reason": "延迟答复的理由", "deferred_to": "合理的延迟答复期限"},
    LetterKind.DISCLOSURE_NOTICE: {**COMMON, "party": "第三方", "matter": "决定公开的政府信息内容",
                                   "reason": "决定公开的理由", "opinion": "第三方的意见"},
    LetterKind.RECORD_CORRECTION: {**COMMON, "record": "需要更正的政府信息记录", "inaccuracy": "申请更正的内容",
                                   "decision": "处理结果", "note": "处理说明", "legal_basis": "法律依据"},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    LetterKind.RECEIPT: ("applicant", "received", "reply_period"),
    LetterKind.CORRECTION: ("applicant", "correction_items", "correction_due"),
    LetterKind.EXTENSION: ("applicant", "reply_due", "reason"),
    LetterKind.CONSULTATION: ("party", "matter", "opinion_due"),
    LetterKind.FEE: ("applicant", "amount", "fee_basis", "payment_due"),
    LetterKind.REPLY: ("applicant", "facts", "legal_basis", "remedies"),
    LetterKind.REASONS: ("applicant", "reasons_items"),
    LetterKind.DEFERRAL: ("applicant", "reason", "deferred_to"),
    LetterKind.DISCLOSURE_NOTICE: ("party", "matter", "reason"),
    LetterKind.RECORD_CORRECTION: ("applicant", "decision", "legal_basis"),
}

DEFAULTS: dict[str, tuple[str, str]] = {
    LetterKind.RECEIPT: (
        "政府信息公开申请接收回执",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}以{channel}方式提交的政府信息公开申请（编号：{number}），"
        "所需信息：{description}。\n\n"
        "依据{receipt_rule}，{received}为收到申请之日。本机关将依照" + REGULATION + "第三十三条的规定，"
        "{reply_period}作出答复；依法需要补正、征求第三方意见或者收取信息处理费的，另行书面告知。\n\n"
        "{you}可以凭查询码{tracking_code}在本平台查询办理进度。联系电话：{office_phone}。",
    ),
    LetterKind.CORRECTION: (
        "补正告知书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}的政府信息公开申请（编号：{number}）。经审查，申请内容不明确，"
        "依照" + REGULATION + "第三十条的规定，请{you}作出补正：\n\n{correction_items}\n\n"
        "请于{correction_due}前（收到本告知书之日起{correction_period}）提交补正后的申请。"
        "{reply_clock}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    LetterKind.EXTENSION: (
        "延期答复告知书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}的政府信息公开申请（编号：{number}）。因{reason}，不能在"
        "{reply_due_unextended}前作出答复。依照" + REGULATION + "第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{extension_days}，本机关将于{reply_due}前作出答复。",
    ),
    LetterKind.CONSULTATION: (
        "征求意见书",
        "{party}：\n\n"
        "本机关收到的政府信息公开申请（编号：{number}）所需信息可能涉及贵方合法权益：\n\n{matter}\n\n"
        "依照{consultation_basis}的规定，现书面征求贵方意见。请于{opinion_due}"
        "提出是否同意公开的意见及理由。{silence}",
    ),
    LetterKind.FEE: (
        "收费通知书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}的政府信息公开申请（编号：{number}）。因申请公开政府信息的数量、频次"
        "明显超过合理范围，依照" + REGULATION + "第四十二条和{fee_basis}的规定，本机关按{fee_method}"
        "收取信息处理费：{fee_breakdown}，共计{amount}元。\n\n"
        "请于{payment_due}前（收到本通知之日起20个工作日内）缴纳。{payment_time}"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    LetterKind.REASONS: (
        "说明理由告知书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}的政府信息公开申请（编号：{number}）。{you}申请公开政府信息的数量、频次"
        "明显超过合理范围，依照" + REGULATION + "第三十五条的规定，请{you}就以下事项说明理由：\n\n{reasons_items}\n\n"
        "请于{reasons_due}前提出。本机关认为申请理由不合理的，告知{you}不予处理；认为申请理由合理，但是无法在"
        + REGULATION + "第三十三条规定的期限内答复的，可以确定延迟答复的合理期限并告知{you}。",
    ),
    LetterKind.DEFERRAL: (
        "延迟答复告知书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}的政府信息公开申请（编号：{number}）。因{reason}，本机关认为申请理由合理，"
        "但是无法在" + REGULATION + "第三十三条规定的期限内答复。依照" + REGULATION + "第三十五条的规定，"
        "本机关确定延迟答复的合理期限，将于{deferred_to}前作出答复。",
    ),
    LetterKind.DISCLOSURE_NOTICE: (
        "决定公开告知书",
        "{party}：\n\n"
        "本机关就政府信息公开申请（编号：{number}）所需信息书面征求了贵方意见，贵方不同意公开：{opinion}\n\n"
        "本机关认为不公开可能对公共利益造成重大影响，依照" + REGULATION + "第三十二条的规定，决定予以公开。"
        "决定公开的政府信息内容：{matter}\n\n理由：{reason}",
    ),
    LetterKind.RECORD_CORRECTION: (
        "政府信息记录更正申请答复书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}要求更正政府信息记录的申请（编号：{number}），所涉记录：{record}；"
        "申请更正的内容：{inaccuracy}\n\n{decision}{note}\n\n{legal_basis}",
    ),
    LetterKind.REPLY: (
        "政府信息公开申请答复书",
        "{applicant}：\n\n"
        "本机关于{received}收到{you}提交的政府信息公开申请（编号：{number}），所需信息：{description}。"
        "现答复如下：\n\n{facts}\n\n{reasons}\n\n{legal_basis}\n\n{remedies}",
    ),
}


def chinese_date(day: date | None) -> str:
    """2024年1月26日 (the form dates take in official documents)."""
    return "—" if day is None else f"{day.year}年{day.month}月{day.day}日"


def validate_template(kind: str, title: str, body: str) -> None:
    """Refuse a template with unknown placeholders, a missing required one, or unbalanced braces."""
    allowed, required = PLACEHOLDERS[kind], REQUIRED[kind]
    errors: list[str] = []
    if not title.strip():
        errors.append("标题不能为空。")
    try:
        fields = [(field, spec, conv) for _, field, spec, conv in string.Formatter().parse(body) if field is not None]
        fields += [(field, spec, conv) for _, field, spec, conv in string.Formatter().parse(title) if field is not None]
    except ValueError:
        raise ValidationError({"body": "花括号不成对：占位符应写作 {名称}，正文中的花括号请写作 {{ 和 }}。"}) from None
    used = {field for field, _, _ in fields}
    if any(spec or conv for _, spec, conv in fields):
        errors.append("占位符不能带格式说明或转换，只能写作 {名称}。")
    if unknown := sorted(f for f in used if f not in allowed):
        errors.append(f"未知的占位符：{'、'.join('{' + f + '}' for f in unknown)}。可用的占位符见说明。")
    # a required date may be given as its period instead ({reply_period} for {reply_due}) and vice versa
    either = {"reply_period": "reply_due"}
    if missing := [f for f in required if f not in used and either.get(f) not in used]:
        errors.append(
            f"{LetterKind(kind).label}必须包含：" + "、".join(f"{{{f}}}（{allowed[f]}）" for f in missing) + "。"
        )
    if errors:
        raise ValidationError({"body": errors})


def template_for(kind: str, org: Any = None) -> tuple[str, str]:
    """(title, body) of this kind of letter: the agency's own, else the site's, else the built-in one."""
    from gongkai.applications.models import LetterTemplate

    candidates = LetterTemplate.objects.filter(kind=kind).filter(Q(org__isnull=True) | Q(org=org))
    custom = min(candidates, key=lambda t: t.org_id is None, default=None)
    return (custom.title, custom.body) if custom else DEFAULTS[kind]


_AGENCY_KINDS = {
    OrgKind.COUNTY_GOV: AgencyKind.COUNTY_GOVERNMENT,
    OrgKind.DEPARTMENT: AgencyKind.COUNTY_DEPARTMENT,
    OrgKind.TOWNSHIP: AgencyKind.TOWNSHIP_GOVERNMENT,
    OrgKind.STREET: AgencyKind.SUBDISTRICT_OFFICE,
    OrgKind.STATION: AgencyKind.DEPARTMENT_FIELD_OFFICE,
}


def agency_kind(org: Any) -> AgencyKind:
    """The agency's kind as far as it decides the 行政复议 body (行政复议法 第二十四条至第二十七条)."""
    return _AGENCY_KINDS[OrgKind(org.kind)]


def _review_body_name(org: Any) -> str | None:
    """The county government above a township, a street office or a county department, by name."""
    if OrgKind(org.kind) in (OrgKind.TOWNSHIP, OrgKind.STREET, OrgKind.DEPARTMENT) and org.parent_id:
        parent = org.parent
        if parent.kind == OrgKind.COUNTY_GOV:
            return str(parent.name)
    return None


def legal_basis(result: Outcome) -> str:
    """The sentence stating the article (and item) the outcome rests on."""
    return f"依据{result.citation}的规定，{result.name}。"


def remedies_text(org: Any, result: Outcome, reply_date: date) -> str:
    """The remedies paragraph with the right review body; 复议前置 for refusals since 2024-01-01."""
    from gongkai.applications.clock import request_settings

    remedies = remedies_for(result, reply_date, agency_kind(org), settings=request_settings())
    return remedies.text(review_body_name=_review_body_name(org), with_complaint=True)


@dataclass(frozen=True)
class Letter:
    kind: str
    agency: str
    title: str
    number: str
    paragraphs: tuple[str, ...]  # the first is the salutation
    signed: date

    @property
    def filename(self) -> str:
        return f"{self.number}-{LetterKind(self.kind).label}.docx"

    @property
    def text(self) -> str:
        return "\n\n".join((self.title, self.number, *self.paragraphs, self.agency, chinese_date(self.signed)))


def _common(request: Any, signed: date) -> dict[str, str]:
    org = request.org
    return {
        "agency": org.name,
        "office": org.office_name or org.name,
        "office_address": org.office_address or "—",
        "office_phone": org.office_phone or "—",
        "number": request.number,
        "tracking_code": request.tracking_code,
        "applicant": request.applicant_name,
        "submitted": chinese_date(timezone.localdate(request.submitted_at)),
        "received": chinese_date(request.received),
        "description": request.description.strip(),
        "today": chinese_date(signed),
        "you": address_of(request.applicant_type),
    }


def address_of(applicant_type: str) -> str:
    """How a letter addresses the applicant: 个人 “您”, 法人或者其他组织 “贵单位”."""
    try:
        return "贵单位" if ApplicantType(applicant_type).is_organisation else "您"
    except ValueError:
        return "您"


_PUNCTUATION_RUN = re.compile(r"[。；，、.;,]{2,}")


def tidy(text: str, you: str) -> str:
    """No doubled punctuation where a filled-in value ends with its own (“……说明。。” → “……说明。”), and the
    applicant addressed by type also in templates written with the old “您（单位）”."""
    text = text.replace("您（单位）", you)
    return _PUNCTUATION_RUN.sub(lambda m: m.group(0)[-1], text)


def fee_breakdown(method: FeeMethod, units: int, already: int) -> str:
    """依据、标准、数额: each band the charge falls in, e.g. 第11件至第30件的部分每件100元."""
    schedule = schedule_for(method)
    parts = []
    for part in schedule.breakdown(units, already=already):
        band = part.band
        unit = schedule.unit
        span = f"第{band.first}{unit}以上" if band.last is None else f"第{band.first}{unit}至第{band.last}{unit}"
        parts.append(f"{span}的部分每{unit}{band.rate}元，本次计{part.units}{unit}，{part.amount}元")
    return "；".join(parts)


def build_letter(kind: str, request: Any, *, signed: date, **values: str) -> Letter:
    """The letter of this kind for the request, from its template, with `values` for its own placeholders."""
    title, body = template_for(kind, request.org)
    context = {**_common(request, signed), **values}
    missing = [f for f in PLACEHOLDERS[kind] if f not in context]
    if missing:
        raise ValueError(f"生成{LetterKind(kind).label}缺少：{', '.join(missing)}")
    text = tidy(body.format_map(context), context["you"])
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    return Letter(kind, request.org.name, tidy(title.format_map(context), context["you"]), request.number,
                  paragraphs, signed)


def reply_values(request: Any, *, outcome_key: str, facts: str, reasons: str, responsible_agency: str,
                 reply_date: date) -> dict[str, str]:
    """The reply's own placeholders: outcome, facts, reasons, article and item, remedies."""
    result = outcome(outcome_key)
    if responsible_agency:
        facts = f"{facts}\n\n负责公开该政府信息的机关：{responsible_agency}。"
    return {
        "outcome": result.name,
        "facts": facts,
        "reasons": f"理由：{reasons}" if reasons else "",
        "legal_basis": legal_basis(result),
        "responsible_agency": responsible_agency or "—",
        "remedies": remedies_text(request.org, result, reply_date),
    }


def reply_preview(draft: Any, on: date) -> Letter:
    """The reply letter a draft gives when signed off on `on`: what the reviewer reads before 签发."""
    request = draft.request
    return build_letter(LetterKind.REPLY, request, signed=on, **reply_values(
        request, outcome_key=draft.outcome, facts=draft.facts, reasons=draft.reasons,
        responsible_agency=draft.responsible_agency, reply_date=on))


def receipt_values(request: Any, reply_due: DerivedDate | None) -> dict[str, str]:
    """The receipt's own placeholders; the reply period in the statutory wording with its date in brackets
    (自收到申请之日起20个工作日内（暂定2027年1月5日）), never a dash."""
    from gongkai.applications.clock import request_settings

    channel = ReceiptChannel(request.channel)
    rule = receipt_rule(channel, request_settings())
    period = "自收到申请之日起20个工作日内"
    if reply_due is None or reply_due.value is None:
        due_text, bracket = "另行告知的日期", ""
    elif reply_due.provisional:
        due_text, bracket = reply_due.public_text, f"（暂定{chinese_date(reply_due.value)}）"
    else:
        due_text, bracket = reply_due.public_text, f"（{chinese_date(reply_due.value)}前）"
    return {"channel": channel.label, "receipt_rule": f"{rule.citation}（{rule.rule}）",
            "reply_due": due_text, "reply_period": period + bracket}


def opinion_values(kind: ConsultationKind, due: DerivedDate | None) -> dict[str, str]:
    """The consultation letter's period and the consequence of silence: a third party (条例 第三十二条) or a
    co-maker (第三十四条) has 15 working days; another agency (第三十三条第三款) has no statutory period, so
    the letter asks for an answer as soon as possible and prints no date."""
    period = kind.opinion_period
    if period is None:
        return {"opinion_due": "收到本征求意见书后尽快", "silence": ""}
    due_text = "另行告知的日期" if due is None else due.public_text
    if kind is ConsultationKind.CO_MAKER:
        silence = f"逾期未提出意见的，视为同意公开（{REGULATION}第三十四条）。"
    else:
        silence = f"逾期未提出意见的，由本机关依照{REGULATION}的规定决定是否公开。"
    return {"opinion_due": f"{due_text}前（收到本征求意见书之日起{period}内）", "silence": silence}


def payment_time(settings: RequestSettings) -> str:
    """Whether the time until payment counts toward the reply period, as the site's setting says."""
    if settings.fee_period_pauses_reply:
        return "自本通知发出之日起至缴费之日止的期间，不计算在答复期限内。"
    return ""


def letter_docx(letter: Letter) -> bytes:
    """The letter as Word in the official-document layout (GB/T 9704-2012, as the annual report's DOCX)."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _font_table(document)
    _page_numbers(document)
    document.core_properties.title = letter.title
    document.core_properties.author = letter.agency
    document.core_properties.language = "zh-CN"
    document.add_paragraph(_safe(f"{letter.agency}\n{letter.title}"), style="Title")
    number = document.add_paragraph(_safe(letter.number), style="Normal")
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    salutation, *body = letter.paragraphs
    first = document.add_paragraph(_safe(salutation), style="Normal")
    first.paragraph_format.first_line_indent = Pt(0)  # GB/T 9704 7.3.4: 主送机关 flush left
    for text in body:
        for line in text.split("\n"):
            document.add_paragraph(_safe(line), style="Normal")
    document.add_paragraph("", style="Normal")
    for text in (letter.agency, chinese_date(letter.signed)):
        paragraph = document.add_paragraph(_safe(text), style="Normal")
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(SIZE_3.pt * 4)  # GB/T 9704 7.3.5.2: 右空四字
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
