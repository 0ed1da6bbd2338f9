"""Changes to items: writing, the three-stage review, publication, correction and withdrawal, attachments,
and the screening dictionaries. Each checks the actor's right, validates, and writes the audit trail.

The review (“三审”): the writer submits; the item is screened; 初审, 复审 and 终审 each approve or send
back with comments, each by a person holding that stage's role in the item's organisation; nobody approves
two stages of one item, and the writer reviews none. 终审 publishes — refused while a finding that blocks
publication (a secrecy marking, sure personal data) is not resolved by a reviewer with a reason.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import changes, record, snapshot
from gongkai.orgs import permissions
from gongkai.orgs.constants import REVIEW_STAGE_ROLES, Role
from gongkai.orgs.models import Organisation
from gongkai.publishing import config, interpretation, screen, search
from gongkai.publishing.constants import Decision, ItemEvent, ItemState, Stage
from gongkai.publishing.models import (
    Attachment,
    Correction,
    Finding,
    Item,
    NumberSequence,
    Review,
    ScreeningDictionary,
)
from gongkai.report.read.sniff import agrees_with_name
from gongkai.screening import DictionaryError

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "ITEM_FIELDS",
    "STAGE_ROLE",
    "add_attachment",
    "apply_mask",
    "approve",
    "can_edit_dictionary",
    "can_review",
    "correct",
    "create_item",
    "index_number_for",
    "max_attachment_bytes",
    "needing_fixes",
    "remove_attachment",
    "rescreen_published",
    "resolve_finding",
    "reviewers_of",
    "save_dictionary",
    "send_back",
    "submit",
    "update_item",
    "withdraw",
]

ITEM_FIELDS = (
    "title", "summary", "body", "publisher", "made_on", "document_number", "topic", "genre",
    "disclosure_method", "disclosure_term", "public_until", "validity", "normative_document",
)
STAGE_ROLE = REVIEW_STAGE_ROLES
NEXT_STATE = {Stage.FIRST: ItemState.SECOND_REVIEW, Stage.SECOND: ItemState.FINAL_REVIEW}
# who may resolve a finding, correct or withdraw a published item
RESOLVING_ROLES = (Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL, Role.OFFICE_HEAD)
KEEPING_ROLES = (Role.REVIEWER_FINAL, Role.OFFICE_HEAD, Role.ADMIN)
ATTACHMENT_EXTENSIONS = (".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".txt", ".jpg", ".jpeg",
                         ".png", ".zip")


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def _require_edit(actor: Any, org: Organisation) -> None:
    if actor is not None and not permissions.can_edit(actor, org):
        raise _deny(_("您没有编辑本机关信息的权限。"))


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().select_related("org").get(pk=item.pk)


def _check_fields(data: dict[str, Any]) -> None:
    if unknown := set(data) - set(ITEM_FIELDS):
        raise ValidationError(_("这些项目不能在此修改：%(fields)s") % {"fields": "、".join(sorted(unknown))})


def _validate(item: Item) -> None:
    item.full_clean(exclude=["index_number"])
    if item.topic.scheme != "topic" or item.genre.scheme != "genre":
        raise ValidationError({"topic": _("请从主题分类和体裁分类中分别选择。")})


@transaction.atomic
def create_item(org: Organisation, *, actor: Any, **data: Any) -> Item:
    """A draft item of `org` (any editing role); 发布机构 defaults to the organisation's name."""
    _require_edit(actor, org)
    _check_fields(data)
    data.setdefault("publisher", org.name)
    item = Item(org=org, created_by=actor, **data)
    _validate(item)
    item.save()
    record(ItemEvent.CREATED, actor=actor, obj=item, after=snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def update_item(item: Item, *, actor: Any, data: dict[str, Any]) -> Item:
    """Change a draft or a returned item (published items are changed by `correct`)."""
    _require_edit(actor, item.org)
    _check_fields(data)
    item = _locked(item)
    if item.state not in (ItemState.DRAFT, ItemState.RETURNED):
        raise ValidationError(_("只有草稿或退回修改的信息可以修改；已发布的信息请使用“更正”。"))
    before = snapshot(item, ITEM_FIELDS)
    for name, value in data.items():
        setattr(item, name, value)
    _validate(item)
    item.save()
    old, new = changes(before, snapshot(item, ITEM_FIELDS))
    if new:
        record(ItemEvent.UPDATED, actor=actor, obj=item, before=old, after=new)
    return item


@transaction.atomic
def submit(item: Item, *, actor: Any) -> Item:
    """The writer sends the item to review: it is screened, then waits for 初审."""
    _require_edit(actor, item.org)
    item = _locked(item)
    if item.state not in (ItemState.DRAFT, ItemState.RETURNED):
        raise ValidationError(_("该信息已在审核中或已发布，不能重复提交。"))
    findings = screen.screen_item(item)
    record(ItemEvent.SCREENED, actor=actor, obj=item, after=screen.summary(findings))
    item.state, item.review_round = ItemState.FIRST_REVIEW, item.review_round + 1
    item.save(update_fields=["state", "review_round", "updated_at"])
    record(ItemEvent.SUBMITTED, actor=actor, obj=item, after={"state": item.state, "round": item.review_round})
    return item


def _other_stage_approved_by(item: Item, actor: Any, stage: Stage) -> Review | None:
    return item.reviews.filter(reviewer=actor, decision=Decision.APPROVED).exclude(stage=stage).first()


def can_review(actor: Any, item: Item) -> tuple[bool, str]:
    """Whether `actor` may decide the item's current stage, and if not, why (in Chinese)."""
    stage = item.stage
    if stage is None:
        return False, _("该信息当前不在审核环节。")
    if not permissions.has_role(actor, item.org, STAGE_ROLE[stage]):
        return False, _("%(stage)s须由本机关的%(role)s进行。") % {
            "stage": stage.label, "role": Role(STAGE_ROLE[stage]).label}
    if item.created_by_id is not None and item.created_by_id == actor.pk:
        return False, _("撰稿人不能审核自己撰写的信息。")
    if (earlier := _other_stage_approved_by(item, actor, stage)) is not None:
        return False, _("您已通过该信息的%(earlier)s；三审须由不同的人分别进行，%(stage)s请由其他%(role)s办理。") % {
            "earlier": Stage(earlier.stage).label, "stage": stage.label, "role": Role(STAGE_ROLE[stage]).label}
    return True, ""


def _require_review(actor: Any, item: Item) -> Stage:
    if not permissions.can_view(actor, item.org):
        raise _deny(_("您无权查看该信息。"))
    allowed, why = can_review(actor, item)
    if not allowed:
        raise _deny(why)
    stage = item.stage
    assert stage is not None  # can_review refuses an item outside review
    return stage


def index_number_for(item: Item) -> str:
    """Draw the next 索引号 of the item's agency and year (inside the publishing transaction)."""
    pattern = config.NumberPattern(config.index_pattern())
    pattern.check()
    values = {"code": item.org.index_code, "year": item.made_on.year}
    return pattern.render(NumberSequence.next_in("index:" + pattern.scope(**values)), **values)


def _refuse_if_open_findings(item: Item) -> None:
    """Nothing is published while a screening finding, a warning included, is neither fixed (gone from the
    text) nor confirmed by a reviewer with a reason: “上网信息不泄密，涉密信息不上网”."""
    open_findings = item.findings.filter(resolved_at__isnull=True)
    count = open_findings.count()
    if count:
        listed = "；".join(f"{screen.place_of(f)}“{f.text}”（{f.message}）" for f in open_findings[:5])
        raise ValidationError(
            _("还有 %(n)s 个筛查问题未处理，不能发布：%(list)s。请遮盖或修改，或由审核人写明理由后确认。")
            % {"n": count, "list": listed}
        )


def _refuse_if_unseen(item: Item, seen: Collection[int] | None) -> list[int]:
    """The open findings' ids; when the page says which it showed (`seen`), refuse a decision taken
    without one of them (the item was screened again after the page was opened)."""
    open_ids = sorted(item.findings.filter(resolved_at__isnull=True).values_list("pk", flat=True))
    if seen is not None and set(open_ids) - set(seen):
        raise ValidationError(_("筛查问题已有更新，请查看最新的筛查问题后再作决定。"))
    return open_ids


def _publish(item: Item, *, actor: Any) -> None:
    _refuse_if_open_findings(item)
    if not item.index_number:
        item.index_number = index_number_for(item)
    item.state, item.published_at = ItemState.PUBLISHED, timezone.now()
    item.save(update_fields=["state", "published_at", "index_number", "updated_at"])
    search.index_item(item)
    record(ItemEvent.PUBLISHED, actor=actor, obj=item,
           after={"index_number": item.index_number, "published_at": item.published_at})


@transaction.atomic
def approve(item: Item, *, actor: Any, comment: str = "", seen: Collection[int] | None = None) -> Item:
    """Pass the current stage; 终审 publishes the item. `seen`: the open findings the reviewer was shown.
    The findings still open when 初审 or 复审 passes are recorded with the decision."""
    item = _locked(item)
    stage = _require_review(actor, item)
    open_ids = _refuse_if_unseen(item, seen)
    if stage is Stage.FINAL:
        _refuse_if_open_findings(item)
        interpretation.check_final(item)  # 政策解读: 同步发布
    Review.objects.create(item=item, round=item.review_round, stage=stage, decision=Decision.APPROVED,
                          reviewer=actor, comment=comment.strip())
    record(ItemEvent.APPROVED, actor=actor, obj=item,
           after={"stage": stage, "comment": comment.strip(), "open_findings": len(open_ids)})
    if stage is Stage.FINAL:
        _publish(item, actor=actor)
        interpretation.publish_with(item, actor=actor)
    else:
        item.state = NEXT_STATE[stage]
        item.save(update_fields=["state", "updated_at"])
    return item


@transaction.atomic
def send_back(item: Item, *, actor: Any, comment: str) -> Item:
    """Return the item to its writer with the reviewer's comments; it goes through all stages again."""
    item = _locked(item)
    stage = _require_review(actor, item)
    if not comment.strip():
        raise ValidationError({"comment": _("退回修改须写明审核意见。")})
    Review.objects.create(item=item, round=item.review_round, stage=stage, decision=Decision.RETURNED,
                          reviewer=actor, comment=comment.strip())
    item.state = ItemState.RETURNED
    item.save(update_fields=["state", "updated_at"])
    record(ItemEvent.RETURNED, actor=actor, obj=item, after={"stage": stage, "comment": comment.strip()})
    return item


@transaction.atomic
def resolve_finding(finding: Finding, *, actor: Any, reason: str) -> Finding:
    """A reviewer confirms a finding is no obstacle (e.g. “秘密” is part of an ordinary word), with the reason."""
    item = finding.item
    if not permissions.can_view(actor, item.org):
        raise _deny(_("您无权查看该信息。"))
    if not permissions.has_role(actor, item.org, *RESOLVING_ROLES):
        raise _deny(_("筛查问题须由本机关的审核人确认。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请写明确认理由。")})
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.resolved_at is not None:
        raise ValidationError(_("该问题已确认过。"))
    finding.resolved_by, finding.resolved_at, finding.resolution = actor, timezone.now(), reason.strip()
    finding.save(update_fields=["resolved_by", "resolved_at", "resolution"])
    record(ItemEvent.FINDING_RESOLVED, actor=actor, obj=item, after={**finding.excerpt(), "reason": finding.resolution})
    return finding


MASKABLE_STATES = (ItemState.DRAFT, ItemState.RETURNED, ItemState.FIRST_REVIEW, ItemState.SECOND_REVIEW,
                   ItemState.FINAL_REVIEW)


@transaction.atomic
def apply_mask(finding: Finding, *, actor: Any) -> Item:
    """Replace the found personal data by its suggested mask (11*************02X, 138****5678) in the
    item's text, then screen it again. Before publication a reviewer (or the writer, on a draft) does it;
    on a published item it is a correction (更正) by its keeper. The audit entry holds the mask, never the
    unmasked text."""
    item = _locked(finding.item)
    finding = Finding.objects.select_for_update().get(pk=finding.pk, item=item)
    if not permissions.can_view(actor, item.org):
        raise _deny(_("您无权查看该信息。"))
    if not screen.is_mask(finding):
        raise ValidationError(_("该筛查问题没有可直接套用的遮盖方式，请修改内容或写明理由后确认。"))
    text = getattr(item, finding.field)
    if text[finding.start : finding.end] != finding.text:
        raise ValidationError(_("内容已经改动，该筛查问题已过时；请重新提交筛查。"))
    masked = text[: finding.start] + finding.suggestion + text[finding.end :]
    place = screen.place_of(finding)
    if item.state == ItemState.PUBLISHED:
        return correct(item, actor=actor, reason=_("遮盖%(place)s的个人信息") % {"place": place},
                       data={finding.field: masked})
    if item.state not in MASKABLE_STATES:
        raise ValidationError(_("该信息已撤回，不能修改。"))
    in_review = item.state not in (ItemState.DRAFT, ItemState.RETURNED)
    if in_review and not permissions.has_role(actor, item.org, *RESOLVING_ROLES):
        raise _deny(_("审核中的信息须由本机关的审核人遮盖。"))
    if not in_review:
        _require_edit(actor, item.org)
    setattr(item, finding.field, masked)
    item.save(update_fields=[finding.field, "updated_at"])
    record(ItemEvent.FINDING_MASKED, actor=actor, obj=item,
           after={"field": finding.field, "place": place, "rule": finding.rule, "start": finding.start,
                  "masked": finding.suggestion})
    findings = screen.screen_item(item)
    record(ItemEvent.SCREENED, actor=actor, obj=item, after=screen.summary(findings))
    return item


def _require_keeper(actor: Any, item: Item) -> None:
    if not permissions.can_view(actor, item.org):
        raise _deny(_("您无权查看该信息。"))
    if actor is not None and not permissions.has_role(actor, item.org, *KEEPING_ROLES):
        raise _deny(_("更正或撤回已发布的信息须由本机关的终审人、公开工作机构负责人或管理员办理。"))


@transaction.atomic
def correct(item: Item, *, actor: Any, reason: str, data: dict[str, Any]) -> Item:
    """Correct a published item (更正) with the reason; it is screened again and stays published only if
    nothing blocks it."""
    _require_keeper(actor, item)
    _check_fields(data)
    if not reason.strip():
        raise ValidationError({"reason": _("请写明更正理由。")})
    item = _locked(item)
    if item.state != ItemState.PUBLISHED:
        raise ValidationError(_("只有已发布的信息可以更正。"))
    before = snapshot(item, ITEM_FIELDS)
    for name, value in data.items():
        setattr(item, name, value)
    _validate(item)
    item.save()
    old, new = changes(before, snapshot(item, ITEM_FIELDS))
    if not new:
        raise ValidationError(_("内容没有变化，无需更正。"))
    findings = screen.screen_item(item)
    if any(f.blocking and not f.resolved_at for f in findings):
        raise ValidationError(_("更正后的内容含有涉密标识或个人信息，未予更正。"))
    Correction.objects.create(item=item, kind=Correction.Kind.CORRECTED, reason=reason.strip(), before=old,
                              after=new, actor=actor)
    search.index_item(item)
    record(ItemEvent.CORRECTED, actor=actor, obj=item, before=old, after=new, message=reason.strip())
    return item


@transaction.atomic
def withdraw(item: Item, *, actor: Any, reason: str) -> Item:
    """Take a published item off the public catalogue (撤回), keeping it and the reason on record."""
    _require_keeper(actor, item)
    if not reason.strip():
        raise ValidationError({"reason": _("请写明撤回理由。")})
    item = _locked(item)
    if item.state != ItemState.PUBLISHED:
        raise ValidationError(_("只有已发布的信息可以撤回。"))
    item.state = ItemState.WITHDRAWN
    item.save(update_fields=["state", "updated_at"])
    Correction.objects.create(item=item, kind=Correction.Kind.WITHDRAWN, reason=reason.strip(), actor=actor,
                              before={"state": ItemState.PUBLISHED}, after={"state": ItemState.WITHDRAWN})
    search.unindex_item(item)
    record(ItemEvent.WITHDRAWN, actor=actor, obj=item, before={"state": ItemState.PUBLISHED},
           after={"state": ItemState.WITHDRAWN}, message=reason.strip())
    return item


def max_attachment_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


@transaction.atomic
def add_attachment(item: Item, *, actor: Any, upload: UploadedFile) -> Attachment:
    """Attach a file to a draft or returned item: known office formats only, within the size limit."""
    _require_edit(actor, item.org)
    if item.state not in (ItemState.DRAFT, ItemState.RETURNED):
        raise ValidationError(_("只有草稿或退回修改的信息可以上传附件。"))
    name = PurePosixPath((upload.name or "").replace("\\", "/")).name[:200]
    if PurePosixPath(name).suffix.lower() not in ATTACHMENT_EXTENSIONS:
        raise ValidationError({"file": _("不支持该类型的文件；可上传：%(types)s。") % {
            "types": "、".join(ext.lstrip(".") for ext in ATTACHMENT_EXTENSIONS)}})
    limit = max_attachment_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError({"file": _("文件过大：每个附件不超过 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}})
    if upload.size == 0:
        raise ValidationError({"file": _("文件是空的。")})
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not agrees_with_name(content, name):  # checked by content: a renamed program or a damaged file is refused
        raise ValidationError({"file": _("文件内容与扩展名不符（文件已损坏，或不是%(ext)s文件）。") % {
            "ext": PurePosixPath(name).suffix.lower().lstrip(".").upper()}})
    attachment = Attachment(item=item, name=name, size=upload.size, uploaded_by=actor)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    record(ItemEvent.ATTACHMENT_ADDED, actor=actor, obj=item, after={"name": name, "size": upload.size})
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, actor: Any) -> None:
    item = attachment.item
    _require_edit(actor, item.org)
    if item.state not in (ItemState.DRAFT, ItemState.RETURNED):
        raise ValidationError(_("只有草稿或退回修改的信息可以删除附件。"))
    name = attachment.name
    attachment.file.delete(save=False)
    attachment.delete()
    record(ItemEvent.ATTACHMENT_REMOVED, actor=actor, obj=item, before={"name": name})


def reviewers_of(org: Organisation, stage: Stage) -> Any:
    """The people who hold the stage's role in `org`."""
    from gongkai.orgs.models import User

    return User.objects.filter(memberships__org=org, memberships__role=STAGE_ROLE[stage], is_active=True).distinct()


def can_edit_dictionary(actor: Any, org: Organisation | None) -> bool:
    """Platform-wide dictionaries: operators; an agency's own: its administrators and office head."""
    if actor is None:
        return True
    if org is None:
        return bool(actor.is_superuser)
    return permissions.has_role(actor, org, Role.ADMIN, Role.OFFICE_HEAD)


@transaction.atomic
def save_dictionary(
    dictionary: ScreeningDictionary | None, *, actor: Any, data: dict[str, Any]
) -> tuple[ScreeningDictionary, int]:
    """Create or change a 错敏词 dictionary, then screen every published item it applies to again.

    Returns the dictionary and the number of published items re-screened.
    """
    row = dictionary or ScreeningDictionary()
    before = snapshot(row, ["name", "source", "content", "is_active", "org"]) if dictionary else None
    for name, value in data.items():
        setattr(row, name, value)
    if not can_edit_dictionary(actor, row.org):
        raise _deny(_("平台通用词典由系统管理员维护；机关词典由本机关管理员或公开工作机构负责人维护。"))
    if dictionary is not None and dictionary.org_id != row.org_id and not can_edit_dictionary(actor, dictionary.org):
        raise _deny(_("您无权修改该词典。"))
    row.full_clean()
    try:
        screen.dictionary_of(row)
    except DictionaryError as exc:
        raise ValidationError({"content": str(exc)}) from None
    row.updated_by = actor
    row.save()
    record(ItemEvent.DICTIONARY_SAVED, actor=actor, obj=row, org=row.org, before=before,
           after=snapshot(row, ["name", "source", "content", "is_active", "org"]))
    affected = Item.objects.public()
    if row.org_id is not None:
        affected = affected.filter(org_id=row.org_id)
    return row, rescreen_published(affected, actor=actor)


def rescreen_published(items: Any = None, *, actor: Any = None) -> int:
    """Screen published items again (after a dictionary changed); what needs fixing is then listed by
    `needing_fixes`. Returns how many were screened."""
    items = Item.objects.public() if items is None else items
    version = screen.dictionary_version()
    count = 0
    for item in items.select_related("org").prefetch_related("attachments").iterator(chunk_size=200):
        screen.screen_item(item, version=version)
        count += 1
    record(ItemEvent.RESCREENED, actor=actor, after={"items": count, "version": version})
    return count


def needing_fixes(items: Any) -> Any:
    """Published items with findings nobody has resolved: what to correct or confirm."""
    open_findings = Finding.objects.filter(item=OuterRef("pk"), resolved_at__isnull=True)
    return items.filter(Exists(open_findings), state=ItemState.PUBLISHED)
