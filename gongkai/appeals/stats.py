"""Table 四 of the annual report (政府信息公开行政复议、行政诉讼情况), counted from the cases by the database.

The owner of table 四: the annual report asks `table4(org, year)` or, for many agencies at once,
`table4_for_orgs(org_ids, year)`. Which cases a year counts is the setting GONGKAI_APPEALS_COUNTING
(Django setting or environment variable; see `Counting`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Count, Q

from gongkai.appeals.constants import PENDING, AppealResult, Counting
from gongkai.appeals.models import Appeal
from gongkai.law.report_format import APPEAL_GROUPS, APPEAL_RESULTS, CellRef

TABLE = "appeals"
ROW = "cases"
__all__ = ["counting", "table4", "table4_cells", "table4_for_orgs"]


def counting() -> Counting:
    """The counting convention in force (default: decided in the year, plus pending at its end)."""
    value = getattr(settings, "GONGKAI_APPEALS_COUNTING", None) or os.environ.get("GONGKAI_APPEALS_COUNTING", "")
    try:
        return Counting(value or Counting.DECIDED_OR_PENDING)
    except ValueError:
        choices = "、".join(Counting.values)
        raise ValueError(f"GONGKAI_APPEALS_COUNTING 应为 {choices} 之一，而不是“{value}”") from None


def table4_cells() -> tuple[CellRef, ...]:
    """The 15 cells of table 四, in the order of the format."""
    return tuple(CellRef(TABLE, ROW, f"{group}.{result}") for group, _ in APPEAL_GROUPS for result, _ in APPEAL_RESULTS)


def _counts(year: int, how: Counting) -> dict[str, Any]:
    """One conditional COUNT per result column; the queryset is grouped by (org, kind) around them."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    decided_in_year = Q(decided_on__gte=start, decided_on__lte=end)
    pending_at_end = Q(filed_on__lte=end) & (Q(decided_on__isnull=True) | Q(decided_on__gt=end))
    if how is Counting.FILED:
        filed_in_year = Q(filed_on__gte=start, filed_on__lte=end)
        decided_by_end = Q(decided_on__isnull=False, decided_on__lte=end)
        counts = {r.value: Count("pk", filter=filed_in_year & decided_by_end & Q(result=r)) for r in AppealResult}
        counts[PENDING] = Count("pk", filter=filed_in_year & pending_at_end)
    else:
        counts = {r.value: Count("pk", filter=decided_in_year & Q(result=r)) for r in AppealResult}
        counts[PENDING] = Count("pk", filter=pending_at_end)
    return counts


def table4_for_orgs(org_ids: Iterable[int], year: int) -> dict[int, dict[CellRef, int]]:
    """Table 四 of every agency in `org_ids` for `year`, in one grouped query; agencies without cases get zeros."""
    ids = list(org_ids)
    how = counting()
    tables = {org_id: dict.fromkeys(table4_cells(), 0) for org_id in ids}
    if not ids:
        return tables
    rows = (
        Appeal.objects.filter(org_id__in=ids, filed_on__lte=dt.date(year, 12, 31))
        .values("org_id", "kind")
        .order_by()
        .annotate(**_counts(year, how))
    )
    for row in rows:
        cells = tables[row["org_id"]]
        total = 0
        for result, _label in APPEAL_RESULTS[:-1]:
            cells[CellRef(TABLE, ROW, f"{row['kind']}.{result}")] = row[result]
            total += row[result]
        cells[CellRef(TABLE, ROW, f"{row['kind']}.total")] = total
    return tables


def table4(org: Any, year: int) -> dict[CellRef, int]:
    """Table 四 of one agency for `year`: 15 cells, each group's 总计 the sum of its four results."""
    return table4_for_orgs([org.pk], year)[org.pk]
