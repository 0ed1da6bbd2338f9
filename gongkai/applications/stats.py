"""Table 三 of the annual report (收到和处理政府信息公开申请情况) from the request records.

The numbers are aggregates computed by the database in one grouped query (a few dozen groups per agency
whatever the number of requests); Python only places those groups into the table's cells. The counting
follows the spec (requests-and-deadlines.md, "Annual statistics from the records"):

- 本年新收 (new): received in the year;
- 上年结转 (carried_in): received before the year and not closed before it;
- an outcome row: closed in the year, in the row recorded at closing;
- 结转下年度 (carried_out): received by 31 December and not closed by then.

Each request counts as its `units` (件): one, or the reasonable minimal units a handler split a
multi-item application into (国办函〔2020〕109号 第四条: 一事一申请).

Since a request is closed no earlier than it is received (a database constraint), new + carried_in =
（七）总计 + carried_out in every column, and one year's carried_out is the next year's carried_in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from gongkai.law.report_format import CURRENT_FORMAT, FORMATS, CellRef, ReportFormat
from gongkai.law.requests import ApplicantType

__all__ = ["TABLE", "format_for_year", "table3", "table3_for_orgs", "table3_queryset"]

TABLE = "applications"
_IDS_PER_QUERY = 2000  # well under SQLite's limit on bound parameters


def format_for_year(year: int) -> ReportFormat:
    """The report format in force for reports about `year` (the 2019 trial format for 2019 and 2020)."""
    for fmt in FORMATS.values():
        if fmt.first_year <= year and (fmt.last_year is None or year <= fmt.last_year):
            return fmt
    return CURRENT_FORMAT if year > CURRENT_FORMAT.first_year else FORMATS["2019"]


def table3_queryset(requests: QuerySet[Any], year: int, *, by_org: bool = False) -> QuerySet[Any]:
    """The grouped aggregate behind table 三: one row per (agency,) applicant type and outcome row."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    keys = ("org_id", "applicant_type", "outcome_row") if by_org else ("applicant_type", "outcome_row")
    return (
        requests.filter(received__isnull=False, received__lte=last)
        .filter(Q(closed__isnull=True) | Q(closed__gte=first))
        .order_by()
        .values(*keys)
        .annotate(
            new=_units(Q(received__gte=first)),
            carried_in=_units(Q(received__lt=first)),
            closed_in_year=_units(Q(closed__lte=last)),
            carried_out=_units(Q(closed__isnull=True) | Q(closed__gt=last)),
        )
    )


def _units(condition: Q) -> Coalesce:
    """The 件 of the requests meeting `condition` (each request its units)."""
    return Coalesce(Sum("units", filter=condition), 0)


def _row_in_format(row: str, fmt: ReportFormat) -> str:
    """The 2019 trial format has one （六）其他处理 row where the 2021 format has three."""
    if fmt.id == "2019" and row.startswith("other."):
        return "other"
    return row


@cache
def _refs(format_id: str) -> tuple[dict[tuple[str, str], CellRef], frozenset[str]]:
    """The table's cells by (row, column), and its outcome rows, built once per format."""
    table = FORMATS[format_id].table(TABLE)
    refs = {(r.key, c.key): CellRef(TABLE, r.key, c.key) for r in table.rows for c in table.columns}
    outcome_rows = frozenset(r.key for r in table.rows) - {"new", "carried_in", "total", "carried_out"}
    return refs, outcome_rows


def _assemble(groups: Iterable[Mapping[str, Any]], fmt: ReportFormat) -> dict[CellRef, int]:
    refs, outcome_rows = _refs(fmt.id)
    cells = dict.fromkeys(refs.values(), 0)
    for group in groups:
        column = ApplicantType(group["applicant_type"]).value
        closed = group["closed_in_year"]
        row = _row_in_format(group["outcome_row"], fmt) if closed else ""
        if closed and row not in outcome_rows:
            raise ValueError(f"办结的申请记录了未知的表三统计行：{group['outcome_row']!r}")
        for target in (column, "total"):
            cells[refs["new", target]] += group["new"]
            cells[refs["carried_in", target]] += group["carried_in"]
            cells[refs["carried_out", target]] += group["carried_out"]
            if closed:
                cells[refs[row, target]] += closed
                cells[refs["total", target]] += closed
    return cells


def _requests() -> QuerySet[Any]:
    from gongkai.applications.models import Request

    return Request.objects.all()


def table3(org: Any, year: int, *, format_id: str | None = None) -> dict[CellRef, int]:
    """Every cell of table 三 for `org` (an Organisation or its id) and `year`, from its requests.

    The cells are those of the report format for `year` (or `format_id`); they always satisfy the
    table's identities (勾稽关系).
    """
    fmt = FORMATS[format_id] if format_id else format_for_year(year)
    org_id = getattr(org, "pk", org)
    return _assemble(table3_queryset(_requests().filter(org_id=org_id), year), fmt)


def table3_for_orgs(
    org_ids: Iterable[int] | QuerySet[Any], year: int, *, format_id: str | None = None
) -> dict[int, dict[CellRef, int]]:
    """Table 三 of many agencies at once: `{org_id: cells}`, every agency present.

    `org_ids` is a list of ids (grouped queries of up to `_IDS_PER_QUERY` agencies each) or a queryset
    of organisations (one grouped query, with the agencies as a subquery).
    """
    fmt = FORMATS[format_id] if format_id else format_for_year(year)
    if isinstance(org_ids, QuerySet):
        ids = list(org_ids.values_list("pk", flat=True))
        batches: list[Any] = [org_ids.values("pk")]
    else:
        ids = list(dict.fromkeys(org_ids))
        batches = [ids[i : i + _IDS_PER_QUERY] for i in range(0, len(ids), _IDS_PER_QUERY)]
    groups: dict[int, list[Mapping[str, Any]]] = {org_id: [] for org_id in ids}
    for batch in batches:
        for group in table3_queryset(_requests().filter(org_id__in=batch), year, by_org=True).iterator():
            groups[group["org_id"]].append(group)
    return {org_id: _assemble(rows, fmt) for org_id, rows in groups.items()}
