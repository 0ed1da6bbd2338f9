"""社会评议 (条例 第五十条): the public rates an agency's disclosure work; results per agency and year."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.complaints.constants import ComplaintEvent
from gongkai.complaints.models import Rating

__all__ = ["rate", "results_for_orgs"]


@transaction.atomic
def rate(org: Any, *, score: int, comment: str) -> Rating:
    """Record one rating, dated today (no identity is asked for or kept)."""
    if score not in range(1, 6):
        raise ValidationError({"score": _("请选择1至5分。")})
    rating = Rating.objects.create(org=org, score=score, comment=comment.strip()[:2000],
                                   submitted_on=timezone.localdate())
    record(ComplaintEvent.RATED, actor=None, obj=rating, after={"score": score})
    return rating


def results_for_orgs(org_ids: Any, year: int) -> dict[int, dict[str, Any]]:
    """Per agency: how many ratings in `year` and their average (one decimal; None when there are none)."""
    ids = list(org_ids)
    results: dict[int, dict[str, Any]] = {pk: {"count": 0, "average": None} for pk in ids}
    rows = (Rating.objects.filter(org_id__in=ids, submitted_on__year=year).values("org_id")
            .annotate(count=Count("pk"), average=Avg("score")))
    for row in rows:
        results[row["org_id"]] = {"count": row["count"], "average": round(float(row["average"]), 1)}
    return results


def sentence(result: dict[str, Any], year: int) -> str:
    """The 监督保障 sentence of the annual report."""
    if not result["count"]:
        return f"{year}年，本机关通过政府信息公开平台开展社会评议，未收到评议。"
    return (f"{year}年，本机关通过政府信息公开平台开展社会评议，收到评议{result['count']}条，"
            f"平均{result['average']}分（满分5分）。")
