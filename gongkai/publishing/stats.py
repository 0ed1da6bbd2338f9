"""Per-year statistics of the publishing records, computed by the database, for the annual report.

    from gongkai.publishing.stats import art20_1
    cells = art20_1(org, 2023)   # {CellRef("art20_1", "rules", "issued"): 0, ...}

The annual report's section 二 第二十条第（一）项 (国办公开办函〔2021〕30号) counts, for 规章 and
行政规范性文件 of the agency itself (制发机关):
- 本年制发件数 (issued): registered documents whose 成文日期 falls in the year;
- 本年废止件数 (abolished): documents ended in the year by an act (废止 or 宣布失效) while within their
  term — plus, if the deployment says so (GONGKAI_LAPSE_COUNTS_AS_ABOLISHED), those whose term ran out;
- 现行有效件数 (in_force): documents issued by 31 December, not ended by then, and within their term.
So 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y) − lapsed(Y) (lapsed: term ended in Y, not counted as 废止).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q

from gongkai.law.report_format import FORMAT_2021, CellRef
from gongkai.orgs.models import Organisation
from gongkai.publishing import config
from gongkai.publishing.constants import REPORT_ROW
from gongkai.publishing.models import NormativeDocument

__all__ = ["ART20_1_CELLS", "art20_1", "art20_1_many", "lapsed_in"]

TABLE = FORMAT_2021.table("art20_1")
ART20_1_CELLS: tuple[CellRef, ...] = TABLE.cells()


def _conditions(year: int) -> dict[str, Q]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    within_term = Q(valid_until__isnull=True) | Q(ended_on__lte=F("valid_until"))
    ended_by_act = Q(ended_on__gte=first, ended_on__lte=last) & within_term
    # the term's last day is valid_until, so it lapses the next day: valid_until in [31 Dec Y−1, 30 Dec Y]
    lapsed = Q(valid_until__gte=first - dt.timedelta(days=1), valid_until__lt=last) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=F("valid_until"))
    )
    return {
        "issued": Q(signed_on__gte=first, signed_on__lte=last),
        "abolished": (ended_by_act | lapsed) if config.term_rule().lapse_counts_as_abolished else ended_by_act,
        "in_force": Q(signed_on__lte=last)
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=last))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=last)),
        "lapsed": lapsed,
    }


def _counts(org_ids: Iterable[int], year: int, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    conditions = _conditions(year)
    return list(
        NormativeDocument.objects.filter(org_id__in=list(org_ids))
        .values("org_id", "kind")
        .order_by()
        .annotate(**{column: Count("pk", filter=conditions[column]) for column in columns})
    )


def _empty() -> dict[CellRef, int]:
    return dict.fromkeys(ART20_1_CELLS, 0)


def art20_1_many(orgs: Iterable[Organisation | int], year: int) -> dict[int, dict[CellRef, int]]:
    """Section 二 第二十条第（一）项 of `year` for many agencies in one query: {org id: {cell: count}}."""
    org_ids = [o if isinstance(o, int) else o.pk for o in orgs]
    result = {org_id: _empty() for org_id in org_ids}
    columns = tuple(c.key for c in TABLE.columns)
    for row in _counts(org_ids, year, columns):
        for column in columns:
            result[row["org_id"]][CellRef(TABLE.key, REPORT_ROW[row["kind"]], column)] = row[column]
    return result


def art20_1(org: Organisation | int, year: int) -> dict[CellRef, int]:
    """Section 二 第二十条第（一）项 of `year` for one agency: {CellRef("art20_1", row, column): count}."""
    org_id = org if isinstance(org, int) else org.pk
    return art20_1_many([org_id], year)[org_id]


def lapsed_in(org: Organisation | int, year: int) -> dict[str, int]:
    """Documents of each report row whose term ran out in `year` (they leave 现行有效 without an act)."""
    org_id = org if isinstance(org, int) else org.pk
    counts = dict.fromkeys(REPORT_ROW.values(), 0)
    for row in _counts([org_id], year, ("lapsed",)):
        counts[REPORT_ROW[row["kind"]]] = row["lapsed"]
    return counts
