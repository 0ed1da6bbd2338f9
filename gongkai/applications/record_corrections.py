"""Requests to correct records about the applicant (条例 第四十一条): registered by staff (from a letter, a
visit, a call or the portal), decided by the agency, answered in a letter; each act in the audit trail.

Not a 政府信息公开申请: no table 三 row, no statutory reply period (see `gongkai.law.corrections`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.applications import letters
from gongkai.applications.constants import LetterKind, RequestEvent
from gongkai.applications.models import RecordCorrection
from gongkai.audit.services import record, snapshot
from gongkai.law.corrections import ARTICLE, CorrectionDecision, decision_rule
from gongkai.law.requests import ApplicantType, ReceiptChannel
from gongkai.orgs import permissions

__all__ = ["FIELDS", "decide", "register"]

FIELDS = ("applicant_type", "applicant_name", "id_number", "phone", "email", "address", "record", "inaccuracy",
          "evidence", "channel", "received", "assistance")
_REQUIRED = {
    "applicant_name": "请填写申请人的姓名或者名称。",
    "id_number": "请填写身份证明的号码。",
    "phone": "请填写联系电话。",
    "record": "请写明需要更正的政府信息记录（如哪份文件、哪一项登记）。",
    "inaccuracy": "请写明记录哪里不准确、应当如何更正。",
    "evidence": "条例 第四十一条：请写明证明记录不准确的证据（可上传或当面提交）。",
}


def register(org: Any, data: dict[str, Any], *, actor: Any) -> RecordCorrection:
    """Register a request to correct a record about the applicant (条例 第四十一条)."""
    permissions.require_edit(actor, org)
    values = {f: data.get(f, "") for f in FIELDS}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    errors: dict[str, str] = {f: message for f, message in _REQUIRED.items() if not values[f]}
    if values["applicant_type"] not in {t.value for t in ApplicantType}:
        errors["applicant_type"] = "请选择申请人类型。"
    if values["channel"] not in {c.value for c in ReceiptChannel}:
        errors["channel"] = "请选择提出方式。"
    received = values["received"]
    if not isinstance(received, date):
        errors["received"] = "请填写收到之日。"
    elif received > timezone.localdate():
        errors["received"] = "收到之日不能晚于今天。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        correction = RecordCorrection.objects.create(org=org, registered_by=actor, **values)
        record(RequestEvent.RECORD_CORRECTION_REGISTERED, actor=actor, obj=correction, org=org,
               after=snapshot(correction, FIELDS), message=correction.number)
    return correction


def decide(correction: RecordCorrection, *, actor: Any, decision: str, note: str = "", other_agency: str = "",
           on: date | None = None) -> RecordCorrection:
    """The agency's decision, told to the applicant in a 更正申请答复书 (条例 第四十一条)."""
    permissions.require_edit(actor, correction.org)
    on = on or timezone.localdate()
    if correction.decided is not None:
        raise ValidationError(f"已于{letters.chinese_date(correction.decided)}答复。")
    try:
        chosen = CorrectionDecision(decision)
    except ValueError:
        raise ValidationError({"decision": "请选择处理结果。"}) from None
    rule = decision_rule(chosen)
    if rule.needs_other_agency and not other_agency.strip():
        raise ValidationError({"other_agency": "请填写有权更正的行政机关。"})
    if on < correction.received:
        raise ValidationError({"on": "答复日期不能早于收到之日。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "答复日期不能晚于今天。"})
    you = letters.address_of(correction.applicant_type)
    with transaction.atomic():
        correction.decision, correction.decision_note = chosen.value, note.strip()
        correction.other_agency, correction.decided, correction.decided_by = other_agency.strip(), on, actor
        letter = letters.build_letter(
            LetterKind.RECORD_CORRECTION, correction, signed=on, record=correction.record,
            inaccuracy=correction.inaccuracy, decision=rule.sentence.format(you=you, agency=correction.other_agency),
            note=correction.decision_note, legal_basis=f"依据{ARTICLE}的规定作出本答复。",
        )
        correction.letter.save(letter.filename, ContentFile(letters.letter_docx(letter)), save=False)
        correction.save()
        record(RequestEvent.RECORD_CORRECTION_DECIDED, actor=actor, obj=correction, org=correction.org,
               after=snapshot(correction, ("decision", "other_agency", "decision_note", "decided")),
               message=chosen.label)
    return correction
