"""Changes to the normative-document register; each checks the actor's right, validates and writes the audit trail.

`actor=None` means the system (the demo loader, an import run by the operator).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import changes, record, snapshot
from gongkai.orgs import permissions
from gongkai.orgs.models import Organisation
from gongkai.publishing import config
from gongkai.publishing.constants import DocumentKind, EndKind, PublishingEvent
from gongkai.publishing.models import Amendment, NormativeDocument, NumberSequence

__all__ = [
    "EDITABLE_FIELDS",
    "amend_document",
    "default_valid_until",
    "end_document",
    "register_document",
    "registration_number_for",
    "update_document",
]

EDITABLE_FIELDS = (
    "title",
    "document_number",
    "signed_on",
    "effective_on",
    "valid_until",
    "is_provisional",
)
PROVISIONAL_WORDS = ("暂行", "试行")


def _require_edit(actor: Any, org: Organisation) -> None:
    if actor is not None and not permissions.can_edit(actor, org):
        raise PermissionDenied(_("您没有登记本机关规范性文件的权限。"))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_valid_until(effective_on: dt.date, *, provisional: bool) -> dt.date | None:
    """The last day of the term that the province's rule gives a document taking effect on `effective_on`."""
    years = config.term_rule().years_for(provisional)
    if years is None:
        return None
    return _add_years(effective_on, years) - dt.timedelta(days=1)


def _check_term(doc: NormativeDocument) -> None:
    """A normative document's term may not exceed the province's rule (规章 have no term)."""
    if doc.kind != DocumentKind.NORMATIVE or doc.effective_on is None:
        return
    longest = default_valid_until(doc.effective_on, provisional=doc.is_provisional)
    if longest is None:
        return
    if doc.valid_until is None:
        doc.valid_until = longest
    elif doc.valid_until > longest:
        years = config.term_rule().years_for(doc.is_provisional)
        raise ValidationError(
            {"valid_until": _("有效期不能超过%(years)s年（本省规则），最晚至%(day)s。")
             % {"years": years, "day": f"{longest:%Y年%m月%d日}"}}
        )


def _registration_values(org: Organisation, kind: str, year: int) -> dict[str, Any]:
    return {"prefix": config.registration_prefix(), "kind": config.KIND_CODES[kind], "year": year,
            "code": org.credit_code}


def registration_number_for(org: Organisation, kind: str, year: int) -> str:
    """Draw the next 登记编号 of the local pattern (call inside the registering transaction)."""
    pattern = config.NumberPattern(config.registration_pattern())
    pattern.check()
    values = _registration_values(org, kind, year)
    return pattern.render(NumberSequence.next_in("reg:" + pattern.scope(**values)), **values)


@transaction.atomic
def register_document(
    org: Organisation, *, actor: Any, registration_number: str = "", **fields: Any
) -> NormativeDocument:
    """Register a document of `org`: numbered by the local pattern unless an existing number is given
    (documents registered before the system); a 暂行/试行 title gets the shorter term."""
    _require_edit(actor, org)
    unknown = set(fields) - {*EDITABLE_FIELDS, "kind"}
    if unknown:
        raise ValidationError(_("这些项目不能在此登记：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    doc = NormativeDocument(org=org, created_by=actor if actor is not None else None, **fields)
    if "is_provisional" not in fields:
        doc.is_provisional = any(word in (doc.title or "") for word in PROVISIONAL_WORDS)
    doc.full_clean(exclude=["registration_number"])
    _check_term(doc)
    if registration_number:
        pattern = config.NumberPattern(config.registration_pattern())
        values = _registration_values(org, doc.kind, doc.signed_on.year)
        values.pop("year")
        if not pattern.regex(**values).fullmatch(registration_number):
            example = pattern.render(1, **_registration_values(org, doc.kind, doc.signed_on.year))
            message = _("登记编号不符合本地编号规则，例如：%(example)s") % {"example": example}
            raise ValidationError({"registration_number": message})
        doc.registration_number = registration_number
    else:
        doc.registration_number = registration_number_for(org, doc.kind, doc.signed_on.year)
    if NormativeDocument.objects.filter(registration_number=doc.registration_number).exists():
        raise ValidationError({"registration_number": _("登记编号已被使用。")})
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:
        raise ValidationError({"registration_number": _("登记编号已被使用。")}) from None
    record(PublishingEvent.DOC_REGISTERED, actor=actor, obj=doc, after=snapshot(doc))
    return doc


@transaction.atomic
def update_document(doc: NormativeDocument, *, actor: Any, data: dict[str, Any]) -> NormativeDocument:
    """Correct the register entry (not a revision of the document: that is `amend_document`)."""
    _require_edit(actor, doc.org)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("这些项目不能在此修改：%(fields)s") % {"fields": "、".join(sorted(unknown))})
    doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
    before = snapshot(doc, EDITABLE_FIELDS)
    for name, value in data.items():
        setattr(doc, name, value)
    doc.full_clean()
    _check_term(doc)
    doc.save()
    old, new = changes(before, snapshot(doc, EDITABLE_FIELDS))
    if new:
        record(PublishingEvent.DOC_UPDATED, actor=actor, obj=doc, before=old, after=new)
    return doc


@transaction.atomic
def amend_document(
    doc: NormativeDocument,
    *,
    actor: Any,
    amended_on: dt.date,
    act: str,
    summary: str = "",
    valid_until: dt.date | None = None,
) -> Amendment:
    """Record a revision (修改、修订) of a document in force; a new term may come with it."""
    _require_edit(actor, doc.org)
    doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
    if doc.ended_on is not None and doc.ended_on <= amended_on:
        raise ValidationError({"amended_on": _("文件已废止（失效），不能再修改。")})
    if amended_on < doc.signed_on:
        raise ValidationError({"amended_on": _("修改日期不能早于成文日期。")})
    if not act.strip():
        raise ValidationError({"act": _("请写明修改依据（修改决定的名称和文号）。")})
    amendment = Amendment(document=doc, amended_on=amended_on, act=act.strip(), summary=summary, created_by=actor)
    amendment.full_clean()
    amendment.save()
    before = snapshot(doc, ["valid_until"])
    if valid_until is not None:
        doc.valid_until = valid_until
        doc.full_clean()
        doc.save(update_fields=["valid_until", "updated_at"])
    record(PublishingEvent.DOC_AMENDED, actor=actor, obj=doc, before=before,
           after={"valid_until": doc.valid_until, "amended_on": amended_on, "act": amendment.act, "summary": summary})
    return amendment


@transaction.atomic
def end_document(
    doc: NormativeDocument,
    *,
    actor: Any,
    on: dt.date,
    act: str,
    reason: str = "",
    kind: str = EndKind.ABOLISHED,
) -> NormativeDocument:
    """废止 (or 宣布失效) a document from `on` by the act named; the document stays published with the mark."""
    _require_edit(actor, doc.org)
    doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
    if doc.ended_on is not None:
        raise ValidationError({"ended_on": _("该文件已于%(day)s%(kind)s。") % {
            "day": f"{doc.ended_on:%Y年%m月%d日}", "kind": doc.get_end_kind_display()}})
    if kind not in EndKind.values:
        raise ValidationError({"end_kind": _("请选择“废止”或“宣布失效”。")})
    if not act.strip():
        raise ValidationError({"end_act": _("请写明废止（失效）依据（决定的名称和文号）。")})
    before = snapshot(doc, ["ended_on", "end_kind", "end_act", "end_reason"])
    doc.ended_on, doc.end_kind, doc.end_act, doc.end_reason = on, kind, act.strip(), reason
    doc.full_clean()
    doc.save()
    record(PublishingEvent.DOC_ENDED, actor=actor, obj=doc, before=before,
           after=snapshot(doc, ["ended_on", "end_kind", "end_act", "end_reason"]))
    return doc
