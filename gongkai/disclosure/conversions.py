"""依申请公开转为主动公开 (条例 第四十四条): requests for the same information found by their wording,
the agency's decision on each group, and the yearly count for the annual report.

The proposals are computed from the requests whenever they are shown: a request no decision covers yet, of
the agency, received within the window (a setting), grouped with others of similar wording. Converting a
group drafts a publishing item that goes through the usual 三审 (gongkai.publishing.services); the item
and the requests stay linked, so the catalogue entry answers every one of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.disclosure import config, similarity
from gongkai.disclosure.constants import ConversionDecision, DisclosureEvent
from gongkai.disclosure.models import Conversion
from gongkai.orgs import permissions

__all__ = ["Proposal", "convert", "converted_counts", "decline", "proposals", "request_text"]


@dataclass(frozen=True)
class Proposal:
    """Requests of one agency that ask for the same information, and why they were grouped."""

    requests: tuple[Any, ...]
    score: float
    shared: tuple[str, ...]

    @property
    def subject(self) -> str:
        """The shortest wording among the requests: what the group asks for, in an applicant's words."""
        return min((request_text(r) for r in self.requests), key=len)[:300]

    @property
    def ids(self) -> str:
        return ",".join(str(r.pk) for r in self.requests)


def request_text(request: Any) -> str:
    """What a request asks for: the information's name (if given) and its description."""
    return " ".join(filter(None, (request.info_title, request.description))).strip()


def _open_requests(org: Any, today: dt.date) -> Any:
    from gongkai.applications.models import Request

    since = today - dt.timedelta(days=config.window_days())
    return (Request.objects.filter(org=org, received__gte=since).exclude(conversions__isnull=False)
            .only("pk", "org_id", "info_title", "description", "received", "tracking_code", "year", "serial")
            .order_by("received", "pk"))


def proposals(org: Any, *, today: dt.date | None = None) -> list[Proposal]:
    """Groups of at least the set number of undecided requests for the same information (条例 第四十四条)."""
    requests = list(_open_requests(org, today or timezone.localdate()))
    by_pk = {r.pk: r for r in requests}
    groups = similarity.group([(r.pk, request_text(r)) for r in requests],
                              threshold=config.similarity_threshold(), minimum=config.minimum_requests())
    return [Proposal(tuple(by_pk[k] for k in sorted(g.keys)), g.score, g.shared) for g in groups]  # type: ignore[type-var]


def _chosen_requests(org: Any, request_ids: Iterable[int]) -> list[Any]:
    from gongkai.applications.models import Request

    ids = sorted(set(request_ids))
    if not ids:
        raise ValidationError({"requests": _("请选择至少一件申请。")})
    found = list(Request.objects.filter(org=org, pk__in=ids).order_by("pk"))
    if len(found) != len(ids):
        raise ValidationError({"requests": _("所选申请不属于本机关或不存在。")})
    if Request.objects.filter(pk__in=ids, conversions__isnull=False).exists():
        raise ValidationError({"requests": _("所选申请中已有作出过转主动公开决定的，请刷新页面后重试。")})
    return found


def _require_edit(actor: Any, org: Any) -> None:
    if not permissions.can_edit(actor, org):
        raise PermissionDenied(_("您没有处理本机关依申请公开转主动公开的权限。"))


def _score(requests: Sequence[Any]) -> Decimal | None:
    if len(requests) < 2:
        return None
    sets = [similarity.bigrams(request_text(r)) for r in requests]
    lowest = min(similarity.similarity(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    return Decimal(str(round(lowest, 2)))


@transaction.atomic
def convert(org: Any, *, actor: Any, request_ids: Iterable[int], title: str, topic: Any, genre: Any,
            summary: str = "", body: str = "") -> Conversion:
    """Decide to publish the requested information proactively: a draft item (to be reviewed in the 三审)
    linked to the requests."""
    from gongkai.publishing import services as publishing

    _require_edit(actor, org)
    requests = _chosen_requests(org, request_ids)
    if not title.strip():
        raise ValidationError({"title": _("请填写拟主动公开信息的标题。")})
    item = publishing.create_item(org, actor=actor, title=title.strip(), summary=summary.strip(), body=body.strip(),
                                  made_on=timezone.localdate(), topic=topic, genre=genre)
    conversion = Conversion.objects.create(org=org, subject=request_text(requests[0])[:300],
                                           decision=ConversionDecision.CONVERT, item=item, decided_by=actor,
                                           similarity=_score(requests))
    conversion.requests.set(requests)
    record(DisclosureEvent.CONVERTED, actor=actor, obj=conversion,
           after={"item": item.pk, "requests": [r.pk for r in requests], "similarity": conversion.similarity})
    return conversion


@transaction.atomic
def decline(org: Any, *, actor: Any, request_ids: Iterable[int], reason: str) -> Conversion:
    """Decide not to publish the requested information proactively (e.g. it concerns the applicants only),
    with the reason; the group is no longer proposed."""
    _require_edit(actor, org)
    requests = _chosen_requests(org, request_ids)
    if not reason.strip():
        raise ValidationError({"reason": _("请写明不转为主动公开的理由。")})
    conversion = Conversion.objects.create(org=org, subject=request_text(requests[0])[:300],
                                           decision=ConversionDecision.DECLINE, reason=reason.strip(),
                                           decided_by=actor, similarity=_score(requests))
    conversion.requests.set(requests)
    record(DisclosureEvent.DECLINED, actor=actor, obj=conversion,
           after={"requests": [r.pk for r in requests]}, message=reason.strip())
    return conversion


def converted_counts(org_ids: Iterable[int], year: int) -> dict[int, tuple[int, int]]:
    """Per agency: (items published in `year` because they were requested, requests they answer)."""
    rows = (Conversion.objects.filter(org_id__in=list(org_ids), decision=ConversionDecision.CONVERT,
                                      item__state="published", item__published_at__year=year)
            .annotate(n=Count("requests")).values_list("org_id", "n"))
    counts: dict[int, tuple[int, int]] = {}
    for org_id, n in rows:
        items, requests = counts.get(org_id, (0, 0))
        counts[org_id] = (items + 1, requests + n)
    return counts
