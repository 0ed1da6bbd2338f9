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
import string
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.applications.constants import LetterKind
from gongkai.law.fees import FeeMethod, schedule_for
from gongkai.law.remedies import AgencyKind, remedies_for
from gongkai.law.requests import REGULATION, Outcome, ReceiptChannel, outcome, receipt_rule
from gongkai.orgs.constants import OrgKind
from gongkai.report.render.docx import SIZE_3, _font_table, _page_numbers, _page_setup, _safe, _styles

__all__ = [
    "DEFAULTS",
    "PLACEHOLDERS",
    "REQUIRED",
    "Letter",
    "agency_kind",
    "build_letter",
    "chinese_date",
    "letter_docx",
    "template_for",
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
}
PLACEHOLDERS: dict[str, dict[str, str]] = {
    LetterKind.RECEIPT: {**COMMON, "channel": "申请方式", "receipt_rule": "收到申请之日的认定依据",
                         "reply_due": "答复期限届满日"},
    LetterKind.CORRECTION: {**COMMON, "correction_items": "需要补正的事项", "correction_period": "补正期限",
                            "correction_due": "补正期限届满日"},
    LetterKind.EXTENSION: {**COMMON, "extension_days": "延长的工作日数", "reason": "延期理由",
                           "reply_due_unextended": "原答复期限届满日", "reply_due": "延长后的答复期限届满日"},
    LetterKind.CONSULTATION: {**COMMON, "party": "征求意见对象", "matter": "征求意见的事项",
                              "opinion_due": "提出意见的期限届满日", "consultation_basis": "征求意见的依据"},
    LetterKind.FEE: {**COMMON, "fee_method": "计收方式", "fee_units": "计费数量", "fee_breakdown": "收费标准和数额",
                     "amount": "金额（元）", "fee_basis": "收费依据", "payment_due": "缴费期限届满日"},
    LetterKind.REPLY: {**COMMON, "outcome": "办理结果", "facts": "答复内容", "reasons": "理由",
                       "legal_basis": "法律依据（条、款、项）", "responsible_agency": "负责公开的机关及联系方式",
                       "remedies": "救济途径"},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    LetterKind.RECEIPT: ("applicant", "received", "reply_due"),
    LetterKind.CORRECTION: ("applicant", "correction_items", "correction_due"),
    LetterKind.EXTENSION: ("applicant", "reply_due", "reason"),
    LetterKind.CONSULTATION: ("party", "matter", "opinion_due"),
    LetterKind.FEE: ("applicant", "amount", "fee_basis", "payment_due"),
    LetterKind.REPLY: ("applicant", "facts", "legal_basis", "remedies"),
}

DEFAULTS: dict[str, tuple[str, str]] = {
    LetterKind.RECEIPT: (
        "政府信息公开申请接收回执",
        "{applicant}：\n\n"
        "本机关于{received}收到您（单位）以{channel}方式提交的政府信息公开申请（编号：{number}），"
        "所需信息：{description}。\n\n"
        "依据{receipt_rule}，{received}为收到申请之日。本机关将依照" + REGULATION + "第三十三条的规定，"
        "于{reply_due}前作出答复；依法需要补正、征求第三方意见或者收取信息处理费的，另行书面告知。\n\n"
        "您可以凭查询码{tracking_code}在本平台查询办理进度。联系电话：{office_phone}。",
    ),
    LetterKind.CORRECTION: (
        "补正告知书",
        "{applicant}：\n\n"
        "本机关于{received}收到您（单位）的政府信息公开申请（编号：{number}）。经审查，申请内容不明确，"
        "依照" + REGULATION + "第三十条的规定，请您（单位）作出补正：\n\n{correction_items}\n\n"
        "请于{correction_due}前（收到本告知书之日起{correction_period}）提交补正后的申请。"
        "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    LetterKind.EXTENSION: (
        "延期答复告知书",
        "{applicant}：\n\n"
        "本机关于{received}收到您（单位）的政府信息公开申请（编号：{number}）。因{reason}，不能在"
        "{reply_due_unextended}前作出答复。依照" + REGULATION + "第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长{extension_days}，本机关将于{reply_due}前作出答复。",
    ),
    LetterKind.CONSULTATION: (
        "征求意见书",
        "{party}：\n\n"
        "本机关收到的政府信息公开申请（编号：{number}）所需信息可能涉及贵方合法权益：\n\n{matter}\n\n"
        "依照{consultation_basis}的规定，现书面征求贵方意见。请于{opinion_due}前（收到本征求意见书之日起15个工作日内）"
        "提出是否同意公开的意见及理由。逾期未提出意见的，由本机关依照" + REGULATION + "的规定决定是否公开。",
    ),
    LetterKind.FEE: (
        "收费通知书",
        "{applicant}：\n\n"
        "本机关于{received}收到您（单位）的政府信息公开申请（编号：{number}）。因申请公开政府信息的数量、频次"
        "明显超过合理范围，依照" + REGULATION + "第四十二条和{fee_basis}的规定，本机关按{fee_method}"
        "收取信息处理费：{fee_breakdown}，共计{amount}元。\n\n"
        "请于{payment_due}前（收到本通知之日起20个工作日内）缴纳。自本通知发出之日起至缴费之日止的期间，不计算在答复期限内。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    LetterKind.REPLY: (
        "政府信息公开申请答复书",
        "{applicant}：\n\n"
        "本机关于{received}收到您（单位）提交的政府信息公开申请（编号：{number}），所需信息：{description}。"
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
    if missing := [f for f in required if f not in used]:
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
        "submitted": chinese_date(request.submitted_at.date()),
        "received": chinese_date(request.received),
        "description": request.description.strip(),
        "today": chinese_date(signed),
    }


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
    text = body.format_map(context)
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    return Letter(kind, request.org.name, title.format_map(context), request.number, paragraphs, signed)


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


def receipt_values(request: Any, reply_due: date | None) -> dict[str, str]:
    from gongkai.applications.clock import request_settings

    channel = ReceiptChannel(request.channel)
    rule = receipt_rule(channel, request_settings())
    return {"channel": channel.label, "receipt_rule": f"{rule.citation}（{rule.rule}）",
            "reply_due": chinese_date(reply_due)}


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
