"""Every change of a request goes through one function here, inside a transaction that also writes
the audit trail. Views, the API, the portal, the importer and the commands call these and nothing else.

Errors are `django.core.exceptions.ValidationError` with Chinese messages per field (a form shows each
under its field), `PermissionDenied` when the actor lacks the role the law or the office requires.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import clock, letters
from gongkai.applications.constants import (
    AttachmentKind,
    DeliveryWay,
    DraftStatus,
    IdType,
    LetterKind,
    RequestEvent,
    State,
)
from gongkai.applications.models import (
    Attachment,
    Consultation,
    FeeNotice,
    ReplyDraft,
    Request,
    RequestCounter,
)
from gongkai.audit.services import record, snapshot
from gongkai.calendar import Certainty, DerivedDate, HolidayScheduleError
from gongkai.disclosure import withheld as withheld_register
from gongkai.law.deadlines import ConsultationKind, DatedDeadlines, ExtensionTooLongError
from gongkai.law.fees import FeeMethod, fee_for_pages, fee_for_requests
from gongkai.law.requests import (
    CONFIRMED_AFTER_ARRIVAL,
    EXTENSION_MAX,
    FEE_RULES,
    REGULATION,
    ApplicantType,
    MissingReceiptEventError,
    ReceiptChannel,
    ReceiptEvent,
    outcome,
    receipt_date,
    receipt_rule,
)
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role
from gongkai.orgs.credit_code import is_valid as credit_code_is_valid

__all__ = [
    "ALLOWED_EXTENSIONS",
    "APPLICANT_FIELDS",
    "DIRECT_CLOSE_OUTCOMES",
    "Upload",
    "add_attachment",
    "approve_draft",
    "ask_reasons",
    "assign",
    "check_applicant",
    "close",
    "confirm_receipt",
    "consult",
    "decide_disclosure",
    "defer",
    "extend",
    "issue_fee_notice",
    "max_upload_bytes",
    "record_assistance",
    "record_correction",
    "record_opinion",
    "record_payment",
    "register",
    "request_correction",
    "return_draft",
    "save_draft",
    "split_units",
    "submit_draft",
    "submit_online",
    "take_serial",
    "waive_fee",
]

APPLICANT_FIELDS = (
    "applicant_type", "applicant_name", "id_type", "id_number", "contact_person", "phone", "email", "address",
    "postcode", "info_title", "info_number", "description", "provision_form", "delivery_way",
)
MAX_UNITS = 100
STATE_FIELDS = (
    "arrived", "units", "oral", "assistance", "reasons_requested",
    "state", "handler", "received", "confirmed", "correction_requested", "correction_delivered",
    "correction_period", "correction_received", "extension", "extension_approved", "extension_approved_by",
    "deferred_to", "outcome", "outcome_row", "outcome_article", "closed",
)
ALLOWED_EXTENSIONS = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".doc", ".docx", ".ofd", ".txt"})
# 条例 第三十条、第四十二条 and the applicant's withdrawal end a request without a reviewed reply draft
DIRECT_CLOSE_OUTCOMES = frozenset({"no_correction", "no_payment", "withdrawn"})
REVIEW_ROLES = (Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL, Role.OFFICE_HEAD)
SIGN_OFF_ROLES = (Role.REVIEWER_FINAL, Role.OFFICE_HEAD)
_TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
_RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
_PHONE = re.compile(r"^[\d\-+() ]{7,20}$")


# ---------------------------------------------------------------------------------------------
# helpers


def max_upload_bytes() -> int:
    """The largest file accepted (GONGKAI_MAX_UPLOAD_MB, 20 by default)."""
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def _state(request: Request) -> dict[str, Any]:
    return snapshot(request, STATE_FIELDS)


def _audit(event: str, request: Request, actor: Any, before: dict[str, Any] | None, message: str = "") -> None:
    record(event, actor=actor, obj=request, org=request.org, before=before, after=_state(request), message=message)


def _require_open(request: Request) -> None:
    if request.closed is not None:
        raise ValidationError(f"申请{request.number}已于{letters.chinese_date(request.closed)}办结，不能再变更。")


def _require_received(request: Request) -> None:
    if request.received is None:
        raise ValidationError("网上申请尚未确认收到：请先确认收到申请，答复期限自确认之日起计算。")


def _require_editor(actor: Any, request: Request) -> None:
    permissions.require_edit(actor, request.org)


def _require_role(actor: Any, request: Request, roles: Iterable[str], what: str) -> None:
    permissions.require_edit(actor, request.org)
    if not permissions.has_role(actor, request.org, *roles):
        names = "、".join(str(Role(r).label) for r in roles)
        raise PermissionDenied(f"{what}须由本机关的{names}办理。")


def _today() -> date:
    return timezone.localdate()


def _not_future(day: date | None, field: str, label: str) -> None:
    if day is not None and day > _today():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def new_tracking_code() -> str:
    return "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(12))


def take_serial(org: Any, year: int) -> int:
    """The next number of the agency's year; the counter row stays locked until the transaction ends,
    so concurrent submissions queue here and never share a number."""
    RequestCounter.objects.get_or_create(org=org, year=year)
    counter = RequestCounter.objects.select_for_update().get(org=org, year=year)
    RequestCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return int(counter.last)


def _resident_id_ok(number: str) -> bool:
    """GB 11643-1999: 17 digits and a check character."""
    if not _RESIDENT_ID.match(number):
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(number[:17], weights, strict=True))
    return "10X98765432"[total % 11] == number[17]


def _clean_applicant(data: dict[str, Any]) -> dict[str, Any]:
    """The applicant's details (条例 第二十九条), each bad field with its reason."""
    values = {f: data.get(f, "") for f in APPLICANT_FIELDS}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    values["id_number"] = values["id_number"].upper()
    errors: dict[str, str] = {}
    try:
        applicant = ApplicantType(values["applicant_type"])
    except ValueError:
        errors["applicant_type"] = _("请选择申请人类型：自然人，或法人、其他组织的类别。")
        applicant = None
    if not values["applicant_name"]:
        errors["applicant_name"] = _("请填写申请人的姓名或者名称。")
    natural = applicant is ApplicantType.NATURAL_PERSON
    id_type = values["id_type"] or (IdType.RESIDENT_ID if natural else IdType.CREDIT_CODE)
    values["id_type"] = id_type
    if id_type not in IdType.values:
        errors["id_type"] = _("请选择证件类型。")
    elif not values["id_number"]:
        errors["id_number"] = _("请填写身份证明的号码（条例 第二十九条第二款第（一）项）。")
    elif id_type == IdType.RESIDENT_ID and not _resident_id_ok(values["id_number"]):
        errors["id_number"] = _("居民身份证号码应为18位，且校验码正确。")
    elif id_type == IdType.CREDIT_CODE and not credit_code_is_valid(values["id_number"]):
        errors["id_number"] = _("统一社会信用代码应为18位，且校验码正确。")
    if applicant is ApplicantType.NATURAL_PERSON and id_type == IdType.CREDIT_CODE:
        errors["id_type"] = _("自然人请使用居民身份证等个人身份证件。")
    if applicant is not None and applicant.is_organisation and not values["contact_person"]:
        errors["contact_person"] = _("法人或者其他组织申请的，请填写联系人。")
    if not _PHONE.match(values["phone"]):
        errors["phone"] = _("请填写有效的联系电话（7至20位数字）。")
    if values["delivery_way"] == DeliveryWay.EMAIL and not values["email"]:
        errors["email"] = _("选择以电子邮件获取的，请填写电子邮箱。")
    if values["delivery_way"] == DeliveryWay.POST and not values["address"]:
        errors["address"] = _("选择邮寄的，请填写通信地址。")
    if values["postcode"] and not (values["postcode"].isdigit() and len(values["postcode"]) == 6):
        errors["postcode"] = _("邮政编码应为6位数字。")
    if len(values["description"]) < 5:
        errors["description"] = _("请描述所需政府信息的名称、文号或者便于查询的其他特征性描述（至少5个字）。")
    if values["provision_form"] not in ("paper", "electronic"):
        errors["provision_form"] = _("请选择提供政府信息的形式。")
    if values["delivery_way"] not in DeliveryWay.values:
        errors["delivery_way"] = _("请选择获取信息的方式。")
    if errors:
        raise ValidationError(errors)
    return values


def check_applicant(data: dict[str, Any]) -> dict[str, Any]:
    """The applicant's details cleaned, or one ValidationError naming every bad field: forms call it so the
    public sees all its mistakes at once."""
    return _clean_applicant(data)


@dataclass(frozen=True)
class Upload:
    """A file to attach: its name and bytes (from a form, the API or the importer)."""

    name: str
    content: bytes


def _check_upload(upload: Upload, field: str = "files") -> None:
    suffix = PurePosixPath(upload.name).suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        kinds = "、".join(sorted(ALLOWED_EXTENSIONS))
        raise ValidationError({field: f"不支持的文件类型“{upload.name}”：可上传 {kinds}。"})
    if len(upload.content) > max_upload_bytes():
        limit = max_upload_bytes() // (1024 * 1024)
        raise ValidationError({field: f"文件“{upload.name}”超过{limit}MB，请压缩或分拆后上传。"})
    if not upload.content:
        raise ValidationError({field: f"文件“{upload.name}”是空的。"})


def _store(request: Request, upload: Upload, kind: str, actor: Any, letter_kind: str = "") -> Attachment:
    attachment = Attachment(
        request=request, kind=kind, letter_kind=letter_kind, name=PurePosixPath(upload.name).name[:200],
        size=len(upload.content), uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(attachment.name, ContentFile(upload.content), save=False)
    attachment.save()
    return attachment


def _issue_letter(request: Request, kind: str, actor: Any, *, signed: date, **values: str) -> Attachment:
    letter = letters.build_letter(kind, request, signed=signed, **values)
    return _store(request, Upload(letter.filename, letters.letter_docx(letter)), AttachmentKind.LETTER, actor, kind)


def _dates(request: Request) -> DatedDeadlines | None:
    """The request's deadlines, computed apart from the act being recorded: each date is exact, 暂定 or
    unknown, and one that cannot be computed (beyond 2100) never stops an act from being recorded."""
    try:
        return clock.dated_for(request)
    except HolidayScheduleError:
        return None


def _public(day: DerivedDate | None) -> str:
    """A date as a letter states it: 2027年1月5日（暂定） where the year's notice is not entered."""
    return "另行告知的日期" if day is None else day.public_text


# ---------------------------------------------------------------------------------------------
# intake


def submit_online(org: Any, data: dict[str, Any], *, uploads: Iterable[Upload] = (), user: Any = None,
                  assistance_needed: bool = False) -> Request:
    """An application through the portal's online form (no account needed); it awaits the office's
    confirmation, whose date is the receipt date (条例 第三十一条第（三）项); the day it arrived is recorded.
    `assistance_needed`: the applicant asks for help (条例 第四十三条), shown to staff."""
    values = _clean_applicant(data)
    values["assistance_needed"] = bool(assistance_needed)
    uploads = list(uploads)
    for upload in uploads:
        _check_upload(upload)
    applicant = user if getattr(user, "is_authenticated", False) else None
    return _create(org, values, channel=ReceiptChannel.ONLINE, dates={}, uploads=uploads, actor=applicant,
                   applicant_user=applicant, registered_by=None, arrived=_today())


def register(
    org: Any,
    data: dict[str, Any],
    *,
    actor: Any,
    channel: str,
    handed_in: date | None = None,
    signed_for: date | None = None,
    confirmed: date | None = None,
    arrived: date | None = None,
    uploads: Iterable[Upload] = (),
    oral: bool = False,
    assistance: str = "",
) -> Request:
    """Staff register an application received in person, by post, fax or e-mail (scans attached); the
    receipt date is the date the channel's rule names (条例 第三十一条). `oral`: made orally and written
    down by staff (第二十九条第一款); `assistance`: the help given (第四十三条)."""
    permissions.require_edit(actor, org)
    try:
        chosen = ReceiptChannel(channel)
    except ValueError:
        raise ValidationError({"channel": "请选择申请方式。"}) from None
    dates = {"handed_in": handed_in, "signed_for": signed_for, "confirmed": confirmed, "arrived": arrived}
    rule = receipt_rule(chosen, clock.request_settings())
    field = _EVENT_FIELDS[rule.event]
    errors: dict[str, Any] = {}
    try:
        receipt_date(chosen, **dates, settings=clock.request_settings())  # type: ignore[arg-type]
        _not_future(dates[field], field, "收到申请的日期")
    except MissingReceiptEventError as exc:
        errors[field] = str(exc)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        values = _clean_applicant(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:  # every bad field at once
        raise ValidationError(errors)
    uploads = list(uploads)
    for upload in uploads:
        _check_upload(upload)
    # 平常信函 and fax: the day the application arrived, beside the confirmation (条例 第三十一条)
    arrival = arrived if chosen in CONFIRMED_AFTER_ARRIVAL and field != "arrived" else None
    if arrival is not None:
        _not_future(arrival, "arrived", "到达日期")
        if dates[field] is not None and dates[field] < arrival:  # type: ignore[operator]
            raise ValidationError({"confirmed": "确认日期不能早于申请到达的日期。"})
    values.update(oral=bool(oral), assistance=assistance.strip())
    return _create(org, values, channel=chosen, dates={field: dates[field]}, uploads=uploads, actor=actor,
                   applicant_user=None, registered_by=actor, arrived=arrival)


_EVENT_FIELDS = {
    ReceiptEvent.HANDED_IN: "handed_in",
    ReceiptEvent.SIGNED_FOR: "signed_for",
    ReceiptEvent.CONFIRMED: "confirmed",
    ReceiptEvent.ARRIVED: "arrived",
}


def _create(org: Any, values: dict[str, Any], *, channel: ReceiptChannel, dates: dict[str, date | None],
            uploads: list[Upload], actor: Any, applicant_user: Any, registered_by: Any,
            arrived: date | None = None) -> Request:
    received = (
        receipt_date(channel, **dates, settings=clock.request_settings()) if dates else None  # type: ignore[arg-type]
    )
    for attempt in range(5):
        try:
            with transaction.atomic():
                year = (received or _today()).year
                request = Request.objects.create(
                    org=org, year=year, serial=take_serial(org, year), tracking_code=new_tracking_code(),
                    channel=channel, received=received, applicant_user=applicant_user, registered_by=registered_by,
                    **({"arrived": arrived} if arrived is not None else {}), **dates, **values,
                )
                for upload in uploads:
                    _store(request, upload, AttachmentKind.SCAN, actor)
                record(RequestEvent.CREATED, actor=actor, obj=request, org=org,
                       after=snapshot(request, ("channel", "arrived", "received", "oral", "assistance",
                                                "assistance_needed", *APPLICANT_FIELDS)),
                       message="；".join(filter(None, (f"{request.number}（{channel.label}）",
                                                       request.late_confirmation))))
                if received is not None:
                    _receipt_letter(request, actor)
                return request
        except IntegrityError:
            if attempt == 4:  # a tracking code drawn twice in a row: practically never
                raise
    raise AssertionError("unreachable")


def _receipt_letter(request: Request, actor: Any) -> None:
    dated = _dates(request)
    reply_due = None if dated is None else dated.reply_due
    _issue_letter(request, LetterKind.RECEIPT, actor, signed=request.received or _today(),
                  **letters.receipt_values(request, reply_due))


def confirm_receipt(request: Request, *, actor: Any, on: date | None = None) -> Request:
    """The office confirms an online or fax application with the applicant; that day is the receipt date."""
    _require_editor(actor, request)
    on = on or _today()
    if request.received is not None:
        raise ValidationError(f"申请已于{letters.chinese_date(request.received)}确认收到。")
    if on < timezone.localdate(request.submitted_at):
        raise ValidationError({"confirmed": "确认日期不能早于申请提交之日。"})
    _not_future(on, "confirmed", "确认日期")
    with transaction.atomic():
        before = _state(request)
        request.confirmed = on
        request.received = receipt_date(ReceiptChannel(request.channel), confirmed=on,
                                        settings=clock.request_settings())
        request.save(update_fields=["confirmed", "received", "updated_at"])
        _audit(RequestEvent.CONFIRMED, request, actor, before, message=request.late_confirmation or "")
        _receipt_letter(request, actor)
    return request


def add_attachment(request: Request, upload: Upload, *, actor: Any, kind: str = AttachmentKind.OTHER) -> Attachment:
    """A scan or other material added to the file of the request."""
    _require_editor(actor, request)
    if kind not in AttachmentKind.values or kind == AttachmentKind.LETTER:
        raise ValidationError({"kind": "请选择材料类型（文书由系统生成）。"})
    _check_upload(upload, "file")
    with transaction.atomic():
        attachment = _store(request, upload, kind, actor)
        record(RequestEvent.ATTACHMENT_ADDED, actor=actor, obj=request, org=request.org,
               after={"name": attachment.name, "kind": kind, "size": attachment.size})
    return attachment


# ---------------------------------------------------------------------------------------------
# handling


def assign(request: Request, handler: Any, *, actor: Any) -> Request:
    """Give the request to a handler (经办人) of the agency."""
    _require_editor(actor, request)
    _require_open(request)
    if not permissions.has_role(handler, request.org, Role.HANDLER):
        raise ValidationError({"handler": f"{handler}不是{request.org}的经办人。"})
    with transaction.atomic():
        before = _state(request)
        request.handler = handler
        if request.state == State.REGISTERED:
            request.state = State.HANDLING
        request.save(update_fields=["handler", "state", "updated_at"])
        _audit(RequestEvent.ASSIGNED, request, actor, before, message=str(handler))
    return request


def request_correction(request: Request, *, actor: Any, items: str, period: int, on: date | None = None,
                       delivered: date | None = None) -> Request:
    """Ask once, in writing, for a correction (条例 第三十条); the reply clock restarts on its receipt."""
    _require_editor(actor, request)
    _require_open(request)
    _require_received(request)
    on = on or _today()
    if request.correction_requested is not None:
        raise ValidationError("条例 第三十条：补正只能告知一次，本申请已告知过补正。")
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项。"})
    if not 1 <= period <= 60:
        raise ValidationError({"period": "请给出合理的补正期限（1至60个工作日）。"})
    if on < request.received:  # type: ignore[operator]
        raise ValidationError({"on": "补正告知日期不能早于收到申请之日。"})
    _not_future(on, "on", "补正告知日期")
    with transaction.atomic():
        before = _state(request)
        request.correction_requested, request.correction_delivered = on, delivered
        request.correction_period, request.correction_items = period, items.strip()
        request.state = State.AWAITING_CORRECTION
        request.save()
        d = _dates(request)
        _audit(RequestEvent.CORRECTION_REQUESTED, request, actor, before, message="；".join(d.warnings if d else ()))
        late = d is not None and not d.plain.correction_restarts_clock
        clock_text = (
            "本告知书晚于收到申请之日起7个工作日发出，答复期限不因补正重新计算，仍自收到申请之日起计算"
            f"（{REGULATION}第三十条）。" if late else "答复期限自本机关收到补正后的申请之日起计算。"
        )
        _issue_letter(request, LetterKind.CORRECTION, actor, signed=on, correction_items=request.correction_items,
                      correction_period=f"{period}个工作日", correction_due=_public(d and d.correction_due),
                      reply_clock=clock_text)
    return request


def record_correction(request: Request, *, actor: Any, on: date, uploads: Iterable[Upload] = ()) -> Request:
    """The corrected application arrived: the 20 working days run from this day (条例 第三十条)."""
    _require_editor(actor, request)
    _require_open(request)
    if request.correction_requested is None or request.correction_received is not None:
        raise ValidationError("本申请没有待补正的告知。")
    if on < request.correction_requested:
        raise ValidationError({"on": "收到补正的日期不能早于补正告知日期。"})
    _not_future(on, "on", "收到补正的日期")
    uploads = list(uploads)
    for upload in uploads:
        _check_upload(upload)
    with transaction.atomic():
        before = _state(request)
        request.correction_received = on
        request.state = State.HANDLING
        request.save()
        for upload in uploads:
            _store(request, upload, AttachmentKind.CORRECTION, actor)
        _audit(RequestEvent.CORRECTED, request, actor, before)
    return request


def consult(request: Request, *, actor: Any, kind: str, party: str, matter: str, sent: date | None = None,
            delivered: date | None = None, party_address: str = "") -> Consultation:
    """Ask a third party (第三十二条), a co-maker (第三十四条) or another agency for its opinion; the time
    does not count toward the reply period."""
    _require_editor(actor, request)
    _require_open(request)
    _require_received(request)
    sent = sent or _today()
    try:
        consultation_kind = ConsultationKind(kind)
    except ValueError:
        raise ValidationError({"kind": "请选择征求意见的对象类型。"}) from None
    if not party.strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    if not matter.strip():
        raise ValidationError({"matter": "请写明征求意见的事项。"})
    if sent < request.received:  # type: ignore[operator]
        raise ValidationError({"sent": "发出日期不能早于收到申请之日。"})
    _not_future(sent, "sent", "发出日期")
    with transaction.atomic():
        before = _state(request)
        consultation = Consultation.objects.create(
            request=request, kind=consultation_kind, party=party.strip(), party_address=party_address.strip(),
            matter=matter.strip(), sent=sent, delivered=delivered,
        )
        d = _dates(request)
        _audit(RequestEvent.CONSULTATION_SENT, request, actor, before, message=str(consultation))
        period = consultation_kind.opinion_period
        basis = f"{REGULATION}{period.article if period else '第三十三条第三款'}"
        _issue_letter(request, LetterKind.CONSULTATION, actor, signed=sent, party=consultation.party,
                      matter=consultation.matter, consultation_basis=basis,
                      **letters.opinion_values(consultation_kind, d and d.opinion_dues[-1]))
    return consultation


def record_opinion(consultation: Consultation, *, actor: Any, answered: date, opinion: str,
                   delivered: date | None = None) -> Consultation:
    """The consulted party's opinion arrived (or its silence is recorded with an empty opinion)."""
    request = consultation.request
    _require_editor(actor, request)
    _require_open(request)
    if consultation.answered is not None:
        raise ValidationError("已记录该意见。")
    if answered < consultation.sent:
        raise ValidationError({"answered": "收到意见的日期不能早于发出日期。"})
    _not_future(answered, "answered", "收到意见的日期")
    with transaction.atomic():
        before = _state(request)
        consultation.answered, consultation.opinion = answered, opinion.strip()
        if delivered is not None:
            consultation.delivered = delivered
        consultation.save()
        _audit(RequestEvent.CONSULTATION_ANSWERED, request, actor, before, message=str(consultation))
    return consultation


def requests_earlier_in_month(request: Request) -> int:
    """The applicant's earlier requests to this agency in the request's natural month, each counted as its
    units (国办函〔2020〕109号 第四条: 一事一申请)."""
    received = request.received
    assert received is not None
    first = received.replace(day=1)
    earlier = Request.objects.filter(org=request.org, id_number=request.id_number, received__gte=first).exclude(
        pk=request.pk
    )
    before = earlier.filter(received__lt=received) | earlier.filter(
        received=received, serial__lt=request.serial, year=request.year
    )
    return int(before.aggregate(total=Sum("units"))["total"] or 0)


def fee_for(request: Request, method: FeeMethod, units: int) -> tuple[int, int]:
    """(amount in yuan, requests already counted this month) for a fee notice by `method`; per request,
    `units` is the request's count of 件 (its reasonable minimal units)."""
    if method is FeeMethod.PER_REQUEST:
        already = requests_earlier_in_month(request)
        return fee_for_requests(units, already_in_month=already), already
    return fee_for_pages(units), 0


def issue_fee_notice(request: Request, *, actor: Any, method: str, pages: int = 0, sent: date | None = None,
                     delivered: date | None = None) -> FeeNotice:
    """A 收费通知 (条例 第四十二条; 国办函〔2020〕109号): per request in the natural month, or per page."""
    _require_editor(actor, request)
    _require_open(request)
    _require_received(request)
    sent = sent or _today()
    try:
        fee_method = FeeMethod(method)
    except ValueError:
        raise ValidationError({"method": "请选择按件或按量计收。"}) from None
    if hasattr(request, "fee_notice"):
        raise ValidationError("本申请已发出收费通知。")
    if fee_method is FeeMethod.PER_PAGE and pages < 1:
        raise ValidationError({"pages": "按量计收的，请填写页数。"})
    units = request.units if fee_method is FeeMethod.PER_REQUEST else pages
    amount, already = fee_for(request, fee_method, units)
    if amount == 0:
        raise ValidationError({"method": "按该方式计算不收费（未超过免费数量），不发收费通知。"})
    if sent < request.received:  # type: ignore[operator]
        raise ValidationError({"sent": "发出日期不能早于收到申请之日。"})
    _not_future(sent, "sent", "发出日期")
    with transaction.atomic():
        before = _state(request)
        fee = FeeNotice.objects.create(request=request, method=fee_method, units=units, already=already,
                                       amount=amount, sent=sent, delivered=delivered)
        d = _dates(request)
        _audit(RequestEvent.FEE_NOTIFIED, request, actor, before, message=f"{fee_method.label} {amount}元")
        _issue_letter(request, LetterKind.FEE, actor, signed=sent, fee_method=fee_method.label,
                      fee_units=f"{units}{'件' if fee_method is FeeMethod.PER_REQUEST else '页'}",
                      fee_breakdown=letters.fee_breakdown(fee_method, units, already), amount=str(amount),
                      fee_basis=f"{FEE_RULES}{'第四条' if fee_method is FeeMethod.PER_REQUEST else '第五条'}",
                      payment_due=_public(d and d.payment_due),
                      payment_time=letters.payment_time(clock.request_settings()))
    return fee


def _open_fee(request: Request) -> FeeNotice:
    fee = getattr(request, "fee_notice", None)
    if fee is None or fee.settled is not None:
        raise ValidationError("本申请没有待缴纳的信息处理费。")
    return fee  # type: ignore[no-any-return]


def record_payment(request: Request, *, actor: Any, on: date) -> FeeNotice:
    """The fee was paid: the reply clock runs again from the next day."""
    _require_editor(actor, request)
    _require_open(request)
    fee = _open_fee(request)
    if on < fee.sent:
        raise ValidationError({"on": "缴费日期不能早于收费通知发出日期。"})
    _not_future(on, "on", "缴费日期")
    with transaction.atomic():
        before = _state(request)
        fee.paid = on
        fee.save(update_fields=["paid"])
        _audit(RequestEvent.FEE_PAID, request, actor, before, message=f"{fee.amount}元")
    return fee


def waive_fee(request: Request, *, actor: Any, on: date, reason: str) -> FeeNotice:
    """The office waives the fee (a decision of its head, with reasons); the clock runs again."""
    _require_role(actor, request, (Role.OFFICE_HEAD,), "减免信息处理费")
    _require_open(request)
    fee = _open_fee(request)
    if not reason.strip():
        raise ValidationError({"reason": "请写明减免理由。"})
    if on < fee.sent:
        raise ValidationError({"on": "减免日期不能早于收费通知发出日期。"})
    _not_future(on, "on", "减免日期")
    with transaction.atomic():
        before = _state(request)
        fee.waived, fee.waiver_reason = on, reason.strip()
        fee.save(update_fields=["waived", "waiver_reason"])
        _audit(RequestEvent.FEE_WAIVED, request, actor, before, message=reason.strip())
    return fee


def extend(request: Request, *, actor: Any, days: int, reason: str, on: date | None = None) -> Request:
    """Extend the reply period by at most 20 working days, with the approval of the head of the
    disclosure office (条例 第三十三条第二款), before the period runs out; the applicant is told."""
    _require_role(actor, request, (Role.OFFICE_HEAD,), "延长答复期限")
    _require_open(request)
    _require_received(request)
    on = on or _today()
    if request.extension:
        raise ValidationError("本申请已经延长过答复期限（最长20个工作日）。")
    if not reason.strip():
        raise ValidationError({"reason": "请写明延期理由。"})
    if days < 1:
        raise ValidationError({"days": "请填写延长的工作日数。"})
    if days > EXTENSION_MAX.length:
        raise ValidationError({"days": str(ExtensionTooLongError(days))})
    current = _dates(request)
    if current is not None and current.plain.clock_start is None:
        raise ValidationError(
            "答复期限尚未起算（等待申请人补正，条例 第三十条）：收到补正后答复期限才开始计算，届时方可延长。"
        )
    unextended = None if current is None else current.reply_due_unextended
    # only an exact date refuses: past a 暂定 one the engine records a warning with the act
    if unextended is not None and unextended.certainty is Certainty.EXACT and on > unextended.value:  # type: ignore[operator]
        raise ValidationError({"on": f"原答复期限已于{unextended.text}届满，不能再延长。"})
    _not_future(on, "on", "批准日期")
    with transaction.atomic():
        before = _state(request)
        request.extension, request.extension_approved, request.extension_approved_by = days, on, actor
        request.extension_reason = reason.strip()
        request.save()
        d = _dates(request)
        warnings = "；".join(d.warnings) if d else ""
        _audit(RequestEvent.EXTENDED, request, actor, before,
               message="；".join(filter(None, (request.extension_reason, warnings))))
        _issue_letter(request, LetterKind.EXTENSION, actor, signed=on, extension_days=f"{days}个工作日",
                      reason=request.extension_reason,
                      reply_due_unextended=_public(d and d.reply_due_unextended),
                      reply_due=_public(d and d.reply_due))
    return request


def defer(request: Request, *, actor: Any, to: date, reason: str) -> Request:
    """A reasonable later reply date for requests whose number or frequency clearly exceeds a reasonable
    range for good reasons (条例 第三十五条), set by the office's head and told to the applicant."""
    _require_role(actor, request, (Role.OFFICE_HEAD,), "确定延迟答复的合理期限")
    _require_open(request)
    _require_received(request)
    if not reason.strip():
        raise ValidationError({"reason": "请写明理由。"})
    if to <= _today():
        raise ValidationError({"to": "合理的答复期限应晚于今天。"})
    with transaction.atomic():
        before = _state(request)
        request.deferred_to, request.deferral_reason = to, reason.strip()
        request.save()
        _audit(RequestEvent.DEFERRED, request, actor, before, message=request.deferral_reason)
        # 第三十五条: 确定延迟答复的合理期限并告知申请人
        _issue_letter(request, LetterKind.DEFERRAL, actor, signed=_today(), reason=request.deferral_reason,
                      deferred_to=letters.chinese_date(to))
    return request


def ask_reasons(request: Request, *, actor: Any, items: str, due: date, on: date | None = None) -> Request:
    """Ask the applicant to explain requests whose number or frequency clearly exceeds a reasonable range
    (条例 第三十五条: 行政机关可以要求申请人说明理由), in a 说明理由告知书."""
    _require_editor(actor, request)
    _require_open(request)
    _require_received(request)
    on = on or _today()
    if request.reasons_requested is not None:
        raise ValidationError(f"已于{letters.chinese_date(request.reasons_requested)}要求申请人说明理由。")
    if not items.strip():
        raise ValidationError({"items": "请写明需要申请人说明理由的事项。"})
    _not_future(on, "on", "告知日期")
    if due <= on:
        raise ValidationError({"due": "说明理由的期限应晚于告知日期。"})
    with transaction.atomic():
        before = _state(request)
        request.reasons_requested, request.reasons_requested_items = on, items.strip()
        request.save(update_fields=["reasons_requested", "reasons_requested_items", "updated_at"])
        _audit(RequestEvent.REASONS_REQUESTED, request, actor, before, message=request.reasons_requested_items)
        _issue_letter(request, LetterKind.REASONS, actor, signed=on, reasons_items=request.reasons_requested_items,
                      reasons_due=letters.chinese_date(due))
    return request


def decide_disclosure(consultation: Consultation, *, actor: Any, reason: str, on: date | None = None) -> Consultation:
    """Disclose despite the third party's objection because withholding could seriously affect the public
    interest, and tell the third party the content and reasons in writing (条例 第三十二条); decided by the
    office's head."""
    request = consultation.request
    _require_role(actor, request, (Role.OFFICE_HEAD,), "不顾第三方反对决定公开")
    _require_open(request)
    on = on or _today()
    if consultation.kind != ConsultationKind.THIRD_PARTY:
        raise ValidationError("只有征求第三方意见的，才需书面告知第三方决定公开（条例 第三十二条）。")
    if consultation.answered is None or not consultation.opinion:
        raise ValidationError("第三方尚未提出不同意公开的意见。")
    if consultation.disclosure_decided is not None:
        raise ValidationError("已决定公开并告知第三方。")
    if not reason.strip():
        raise ValidationError({"reason": "请写明不公开可能对公共利益造成重大影响的理由。"})
    if on < consultation.answered:
        raise ValidationError({"on": "决定日期不能早于收到第三方意见的日期。"})
    _not_future(on, "on", "决定日期")
    with transaction.atomic():
        before = _state(request)
        consultation.disclosure_decided, consultation.disclosure_reason = on, reason.strip()
        consultation.save(update_fields=["disclosure_decided", "disclosure_reason"])
        _audit(RequestEvent.DISCLOSURE_DECIDED, request, actor, before, message=f"{consultation}：{reason.strip()}")
        _issue_letter(request, LetterKind.DISCLOSURE_NOTICE, actor, signed=on, party=consultation.party,
                      matter=consultation.matter, reason=consultation.disclosure_reason,
                      opinion=consultation.opinion)
    return consultation


def split_units(request: Request, *, actor: Any, units: int, reason: str) -> Request:
    """Count a multi-item application as its reasonable minimal units (国办函〔2020〕109号 第四条: 一事一申请);
    fees per request and table 三 count the units. Only before a fee notice is sent."""
    _require_editor(actor, request)
    _require_open(request)
    if not 1 <= units <= MAX_UNITS:
        raise ValidationError({"units": f"计件数应为1至{MAX_UNITS}的整数。"})
    if units > 1 and not reason.strip():
        raise ValidationError({"reason": "拆分计件的，请写明理由（所需信息分属哪些相互独立的事项）。"})
    if hasattr(request, "fee_notice"):
        raise ValidationError("已发出收费通知，不能再变更计件数。")
    with transaction.atomic():
        before = _state(request)
        request.units, request.split_reason = units, reason.strip() if units > 1 else ""
        request.save(update_fields=["units", "split_reason", "updated_at"])
        _audit(RequestEvent.SPLIT, request, actor, before, message=f"计为{units}件：{request.split_reason}")
    return request


def record_assistance(request: Request, *, actor: Any, assistance: str, oral: bool | None = None) -> Request:
    """Note the help given to an applicant who cannot read or has a visual or hearing difficulty
    (条例 第四十三条), or that an oral application was written down by staff (第二十九条第一款)."""
    _require_editor(actor, request)
    if not assistance.strip():
        raise ValidationError({"assistance": "请写明提供了哪些帮助（如代为填写、读给申请人听、手语或文字交流）。"})
    with transaction.atomic():
        before = _state(request)
        request.assistance = assistance.strip()
        if oral is not None:
            request.oral = oral
        request.save(update_fields=["assistance", "oral", "updated_at"])
        _audit(RequestEvent.ASSISTANCE_RECORDED, request, actor, before, message=request.assistance)
    return request


# ---------------------------------------------------------------------------------------------
# the reply: drafts, review, sign-off, closing


def _check_outcome(request: Request, outcome_key: str, reasons: str, on: date) -> None:
    """The law's preconditions of an outcome, per field."""
    try:
        result = outcome(outcome_key)
    except KeyError:
        raise ValidationError({"outcome": "请选择办理结果。"}) from None
    if result.refusal and not reasons.strip():
        raise ValidationError({"reasons": "不予公开（含部分公开）的，应当告知理由（条例 第三十六条第（三）项）。"})
    if outcome_key == "unclear_after_correction" and request.correction_received is None:
        raise ValidationError({"outcome": "只有补正后申请内容仍不明确的，才能以此办结（条例 第三十条）。"})
    if outcome_key == "no_correction":
        if request.correction_requested is None or request.correction_received is not None:
            raise ValidationError({"outcome": "本申请没有待补正的告知，不能以逾期不补正办结。"})
        due = _applicant_due(request, outcome_key)
        if due is not None and due.value is not None and on <= due.value:
            raise ValidationError({"outcome": f"补正期限{due.text}尚未届满。"})
    if outcome_key == "no_payment":
        fee = getattr(request, "fee_notice", None)
        if fee is None or fee.settled is not None:
            raise ValidationError({"outcome": "本申请没有未缴纳的收费通知，不能以逾期未缴费办结。"})
        due = _applicant_due(request, outcome_key)
        if due is not None and due.value is not None and on <= due.value:
            raise ValidationError({"outcome": f"缴费期限{due.text}尚未届满。"})


_APPLICANT_PERIODS = {"no_correction": "补正期限", "no_payment": "缴费期限"}


def _applicant_due(request: Request, outcome_key: str) -> DerivedDate | None:
    """The applicant's period whose lapse the outcome rests on (补正 or payment)."""
    d = _dates(request)
    if d is None:
        return None
    return d.correction_due if outcome_key == "no_correction" else d.payment_due


def _confirm_lapse(request: Request, outcome_key: str, actor: Any) -> str:
    """Closing for a lapsed applicant period that is not exact (暂定 or unknown) needs the office head's
    confirmation; returns the note for the audit trail."""
    if outcome_key not in _APPLICANT_PERIODS:
        return ""
    due = _applicant_due(request, outcome_key)
    if due is not None and due.certainty is Certainty.EXACT:
        return ""
    what = _APPLICANT_PERIODS[outcome_key]
    shown = "无法计算" if due is None else due.text
    if not permissions.has_role(actor, request.org, Role.OFFICE_HEAD):
        raise PermissionDenied(
            f"{what}{shown}所在年份的节假日安排尚未录入，届满日是暂定的："
            f"以{outcome(outcome_key).name}办结须经政府信息公开工作机构负责人确认。"
        )
    return f"{what}{shown}为暂定日期，经政府信息公开工作机构负责人确认办结"


def save_draft(request: Request, *, actor: Any, outcome_key: str, facts: str, reasons: str = "",
               responsible_agency: str = "") -> ReplyDraft:
    """Write (or rewrite) the reply draft; a draft under review or signed off is not changed."""
    _require_editor(actor, request)
    _require_open(request)
    _require_received(request)
    try:
        outcome(outcome_key)
    except KeyError:
        raise ValidationError({"outcome": "请选择办理结果。"}) from None
    if not facts.strip():
        raise ValidationError({"facts": "请写明答复内容。"})
    latest = request.drafts.order_by("-version").first()
    if latest is not None and latest.status == DraftStatus.SUBMITTED:
        raise ValidationError("答复草稿正在审核中，审核人退回后才能修改。")
    with transaction.atomic():
        if latest is not None and latest.status == DraftStatus.DRAFT:
            draft = latest
        else:
            draft = ReplyDraft(request=request, version=(latest.version + 1) if latest else 1, author=actor)
        draft.outcome, draft.facts, draft.reasons = outcome_key, facts.strip(), reasons.strip()
        draft.responsible_agency, draft.author = responsible_agency.strip(), actor
        draft.save()
        record(RequestEvent.DRAFT_SAVED, actor=actor, obj=request, org=request.org,
               after=snapshot(draft, ("version", "outcome", "facts", "reasons")))
    return draft


def submit_draft(draft: ReplyDraft, *, actor: Any) -> ReplyDraft:
    """Send the draft to the reviewers."""
    request = draft.request
    _require_editor(actor, request)
    _require_open(request)
    if draft.status != DraftStatus.DRAFT:
        raise ValidationError("只有草稿可以提交审核。")
    _check_outcome(request, draft.outcome, draft.reasons, _today())
    with transaction.atomic():
        before = _state(request)
        draft.status = DraftStatus.SUBMITTED
        draft.save(update_fields=["status"])
        request.state = State.IN_REVIEW
        request.save(update_fields=["state", "updated_at"])
        _audit(RequestEvent.DRAFT_SUBMITTED, request, actor, before, message=f"第{draft.version}版")
    return draft


def _require_reviewer(draft: ReplyDraft, actor: Any, roles: Iterable[str], what: str) -> None:
    _require_role(actor, draft.request, roles, what)
    if draft.status != DraftStatus.SUBMITTED:
        raise ValidationError("该草稿不在审核中。")
    if draft.author_id == actor.pk:
        raise PermissionDenied("答复草稿须由起草人以外的人员审核。")


def return_draft(draft: ReplyDraft, *, actor: Any, comment: str) -> ReplyDraft:
    """A reviewer sends the draft back with a comment."""
    _require_reviewer(draft, actor, REVIEW_ROLES, "审核答复")
    if not comment.strip():
        raise ValidationError({"comment": "退回时请写明修改意见。"})
    request = draft.request
    with transaction.atomic():
        before = _state(request)
        draft.status, draft.reviewer, draft.review_comment = DraftStatus.RETURNED, actor, comment.strip()
        draft.reviewed_at = timezone.now()
        draft.save()
        request.state = State.HANDLING
        request.save(update_fields=["state", "updated_at"])
        _audit(RequestEvent.DRAFT_RETURNED, request, actor, before, message=comment.strip())
    return draft


def approve_draft(draft: ReplyDraft, *, actor: Any, comment: str = "", on: date | None = None) -> Request:
    """Sign the reply off (签发): the request closes with the draft's outcome and its letter is issued."""
    _require_reviewer(draft, actor, SIGN_OFF_ROLES, "签发答复")
    request = draft.request
    on = on or _today()
    with transaction.atomic():
        draft.status, draft.reviewer, draft.review_comment = DraftStatus.APPROVED, actor, comment.strip()
        draft.reviewed_at = timezone.now()
        draft.save()
        record(RequestEvent.DRAFT_APPROVED, actor=actor, obj=request, org=request.org,
               after={"version": draft.version, "outcome": draft.outcome})
        _close(request, actor=actor, outcome_key=draft.outcome, on=on, facts=draft.facts, reasons=draft.reasons,
               responsible_agency=draft.responsible_agency)
    return request


def close(request: Request, *, actor: Any, outcome_key: str, on: date | None = None, facts: str = "",
          reasons: str = "") -> Request:
    """End a request without a reviewed reply: the applicant did not correct (第三十条) or pay (第四十二条)
    in time, or withdrew it. Every other outcome is a signed-off reply (`approve_draft`)."""
    _require_editor(actor, request)
    if outcome_key not in DIRECT_CLOSE_OUTCOMES:
        raise ValidationError({"outcome": "此办理结果须经答复草稿审核签发后办结。"})
    with transaction.atomic():
        return _close(request, actor=actor, outcome_key=outcome_key, on=on or _today(),
                      facts=facts or outcome(outcome_key).name, reasons=reasons, responsible_agency="")


def _close(request: Request, *, actor: Any, outcome_key: str, on: date, facts: str, reasons: str,
           responsible_agency: str) -> Request:
    request.refresh_from_db()
    _require_open(request)
    _require_received(request)
    if on < request.received:  # type: ignore[operator]
        raise ValidationError({"on": "办结日期不能早于收到申请之日。"})
    _not_future(on, "on", "办结日期")
    _check_outcome(request, outcome_key, reasons, on)
    confirmation = _confirm_lapse(request, outcome_key, actor)
    result = outcome(outcome_key)
    before = _state(request)
    request.outcome, request.outcome_row = result.key, result.row(clock.request_settings())
    request.outcome_article, request.closed, request.state = result.citation, on, State.CLOSED
    request.save()
    _audit(RequestEvent.CLOSED, request, actor, before, message="；".join(filter(None, (result.name, confirmation))))
    _issue_letter(request, LetterKind.REPLY, actor, signed=on, **letters.reply_values(
        request, outcome_key=outcome_key, facts=facts, reasons=reasons, responsible_agency=responsible_agency,
        reply_date=on))
    withheld_register.enter_if_withheld(request, reasons=reasons, actor=actor)  # 条例第十八条: the register
    return request
