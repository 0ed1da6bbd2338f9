"""通报: drafted from the period's records (reports late or with errors, requests answered late or overdue,
items published late, complaints upheld), edited by the office, rendered as DOCX in the official-document
layout of the reply letters (GB/T 9704-2012), and published on the portal if chosen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.letters import Letter, letter_docx
from gongkai.audit.services import record, snapshot
from gongkai.orgs import permissions
from gongkai.oversight import records
from gongkai.oversight.constants import BulletinEvent, BulletinKind
from gongkai.oversight.models import Bulletin

__all__ = ["FIELDS", "bulletin_docx", "draft_body", "publish", "save_bulletin"]

FIELDS = ("year", "kind", "title", "number", "addressees", "body", "signed_on")


def _names(orgs: list[Any]) -> str:
    return "、".join(org.name for org in orgs)


def draft_body(office: Any, year: int, today: dt.date) -> str:
    """The facts of `year` about the agencies below `office`, one paragraph each, from the records."""
    from gongkai.annual.constants import Progress
    from gongkai.annual.supervision import agency_rows
    from gongkai.complaints.services import counts_for_orgs
    from gongkai.orgs.models import Organisation

    orgs = list(Organisation.objects.filter(pk__in=permissions.subordinate_ids([office.pk]), is_active=True))
    rows = agency_rows(orgs, year, today)
    published = [r for r in rows if r.progress == Progress.PUBLISHED]
    on_time = [r.org for r in published if not r.published_late]
    late = [r.org for r in rows if r.progress == Progress.LATE or r.published_late]
    errors = [r.org for r in published if r.errors]
    complaints = counts_for_orgs([o.pk for o in orgs], year)
    upheld = [(o, complaints[o.pk]["upheld"]) for o in orgs if complaints[o.pk]["upheld"]]
    late_requests = records.late_requests([o.pk for o in orgs], year, today)
    overdue = [(o, len(late_requests[o.pk])) for o in orgs if late_requests[o.pk]]
    late_items = records.late_publications([o.pk for o in orgs], year, today)
    unpublished = [(o, len(late_items[o.pk])) for o in orgs if late_items[o.pk]]
    paragraphs = [
        f"根据《中华人民共和国政府信息公开条例》第四十七条，现将{year}年度本地区{len(orgs)}个机关政府信息公开工作"
        "有关情况通报如下。",
        f"一、年度报告公开情况。按时公开{year}年度政府信息公开工作年度报告的有{len(on_time)}个机关"
        + (f"：{_names(on_time)}。" if on_time else "。")
        + (f"逾期未公开或逾期公开的有{len(late)}个机关：{_names(late)}。" if late else "没有逾期未公开的机关。"),
        ("二、年度报告质量情况。" + (f"已公开的年度报告经检查存在错误的有{len(errors)}个机关：{_names(errors)}。"
                                    if errors else "已公开的年度报告经检查未发现错误。")),
        ("三、依申请公开答复情况。" + ("逾期答复或逾期未答复政府信息公开申请的（条例第三十三条）："
                                    + "；".join(f"{o.name}{n}件" for o, n in overdue) + "。"
                                    if overdue else "没有逾期答复或逾期未答复的政府信息公开申请。")),
        ("四、主动公开时限情况。" + ("未在信息形成或者变更之日起20个工作日内公开的（条例第二十六条）："
                                  + "；".join(f"{o.name}{n}条" for o, n in unpublished) + "。"
                                  if unpublished else "没有发现超过20个工作日未公开的信息。")),
        ("五、投诉举报情况。" + ("经调查成立（含部分成立）的投诉举报："
                              + "；".join(f"{o.name}{n}件" for o, n in upheld) + "。"
                              if upheld else "本年度没有经调查成立的投诉举报。")),
        "六、有关要求。【请填写：对存在问题的机关的整改要求和时限。】",
    ]
    return "\n".join(paragraphs)


def _require_office(actor: Any, office: Any) -> None:
    if not (getattr(actor, "is_superuser", False) or permissions.roles_in(actor, office)):
        raise PermissionDenied(_("只有发文机关的工作人员可以起草和公布通报。"))


@transaction.atomic
def save_bulletin(office: Any, *, actor: Any, data: dict[str, Any], bulletin: Bulletin | None = None) -> Bulletin:
    """Create or change a 通报 (not once it is published)."""
    _require_office(actor, office)
    if bulletin is not None and bulletin.published_at is not None:
        raise ValidationError(_("通报已经公布，不能修改。"))
    if data.get("kind") not in BulletinKind.values:
        raise ValidationError({"kind": _("请选择通报类别。")})
    before = snapshot(bulletin, FIELDS) if bulletin is not None else None
    bulletin = bulletin or Bulletin(office=office, created_by=actor)
    for name in FIELDS:
        setattr(bulletin, name, data[name])
    bulletin.full_clean()
    bulletin.save()
    record(BulletinEvent.UPDATED if before else BulletinEvent.DRAFTED, actor=actor, obj=bulletin, org=office,
           before=before, after=snapshot(bulletin, FIELDS))
    return bulletin


@transaction.atomic
def publish(bulletin: Bulletin, *, actor: Any) -> Bulletin:
    """Show the 通报 on the portal (条例 第四十七条: 通报 may be made public)."""
    _require_office(actor, bulletin.office)
    if "【请" in bulletin.body:
        raise ValidationError({"body": _("正文中还有“【请…】”提示没有填写。")})
    if bulletin.published_at is None:
        bulletin.published_at = timezone.now()
        bulletin.save(update_fields=["published_at"])
        record(BulletinEvent.PUBLISHED, actor=actor, obj=bulletin, org=bulletin.office)
    return bulletin


def bulletin_docx(bulletin: Bulletin) -> bytes:
    """The 通报 as Word, in the layout of the reply letters (GB/T 9704-2012)."""
    letter = Letter(kind="", agency=bulletin.office.name, title=bulletin.title, number=bulletin.number,
                    paragraphs=(f"{bulletin.addressees}：", *bulletin.body.splitlines()), signed=bulletin.signed_on)
    return letter_docx(letter)
