"""Region = Σ agencies: a whole-area report held against the sum of its agencies' reports of the same year.

A county's (district's, zone's) government publishes a report for the whole area; its figures in
table 三 (申请办理), table 四 (复议诉讼) and the 第二十条 counts of table 二 should equal the sums of the
reports of the agencies it covers. Which agencies it covers is data (a region file, or the
administrator's `Region` in the web app), never guessed. Each cell that differs is a finding naming
the agencies that contribute to the sum. This module is a pure core: no Django.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.law.report_format import CellKind, CellRef, ReportFormat
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import AnnualReport
from gongkai.report.rules.labels import cell_title, show

SUMMED_TABLES = ("applications", "appeals")  # 表三, 表四: every cell
ART20_PREFIX = "art20_"  # 表二 第二十条: the counts (amounts are not summed)
NAMED_AT_MOST = 8  # contributing agencies named in one finding


class RegionError(ValueError):
    """A region file that cannot be used; the message (Chinese) names the field."""


@dataclass(frozen=True)
class Region:
    name: str  # e.g. 平潭综合实验区
    whole: str  # the agency whose report covers the whole area, as its reports name it
    agencies: tuple[str, ...]  # the agencies it covers


def summed_cells(fmt: ReportFormat) -> list[CellRef]:
    """The cells compared: all of 表三 and 表四, and the counts of 表二's 第二十条 tables."""
    return [
        ref
        for ref in fmt.cells()
        if ref.table in SUMMED_TABLES
        or (ref.table.startswith(ART20_PREFIX) and fmt.kind(ref) in (CellKind.COUNT, CellKind.SIGNED_COUNT))
    ]


def compare(region: Region, whole: AnnualReport, reports: Mapping[str, AnnualReport]) -> list[Finding]:
    """Findings for the whole-area report `whole` against the sum of `reports` (agency → its report of that year).

    REGION.missing names covered agencies without a report (or in another format); REGION.sum is one
    finding per cell whose sum differs, naming the agencies whose figures make the sum.
    """
    findings: list[Finding] = []
    fmt = whole.format
    missing = [a for a in region.agencies if a not in reports]
    other_format = [a for a in region.agencies if a in reports and reports[a].format_id != whole.format_id]
    if missing or other_format:
        parts = []
        if missing:
            parts.append(f"没有{whole.year}年报告：{'、'.join(missing)}")
        if other_format:
            parts.append(f"报告格式与全区报告不同，未计入：{'、'.join(other_format)}")
        findings.append(
            Finding(
                "REGION.missing",
                Severity.WARNING,
                f"{region.name}所属机关中，{'；'.join(parts)}；下列合计只含其余机关",
            )
        )
    counted = [a for a in region.agencies if a in reports and a not in other_format]
    for ref in summed_cells(fmt):
        stated = whole.cells.get(ref)
        if stated is None:
            continue
        figures = {a: reports[a].cells.get(ref) for a in counted}
        total = sum((v for v in figures.values() if v is not None), start=0)
        if total == stated:
            continue
        contributing = sorted(((a, v) for a, v in figures.items() if v), key=lambda item: -item[1])  # type: ignore[operator]
        named = "、".join(f"{a}{show(v)}" for a, v in contributing[:NAMED_AT_MOST])
        more = f"等{len(contributing)}个机关" if len(contributing) > NAMED_AT_MOST else ""
        blank = [a for a, v in figures.items() if v is None]
        blank_note = f"；未填：{'、'.join(blank)}" if blank else ""
        by = f"（{named}{more}{blank_note}）" if named or blank_note else "（各机关均为0）"
        findings.append(
            Finding(
                "REGION.sum",
                Severity.WARNING,
                f"{cell_title(fmt, ref)}：{region.name}全区报告为{show(stated)}，所属机关之和为{show(total)}{by}，"
                f"相差{show(stated - total)}",  # type: ignore[operator]
                cells=(ref,),
                expected=show(total),
                found=show(stated),
            )
        )
    return findings


def parse_region(data: Any) -> Region:
    """A region from its JSON: {"name": …, "whole": …, "agencies": [...]}."""
    if not isinstance(data, dict):
        raise RegionError('区域文件应为一个对象：{"name": …, "whole": …, "agencies": […]}')
    name, whole, agencies = data.get("name"), data.get("whole"), data.get("agencies")
    if not isinstance(name, str) or not name.strip():
        raise RegionError("区域文件缺少 name（区域名称）")
    if not isinstance(whole, str) or not whole.strip():
        raise RegionError("区域文件缺少 whole（发布全区报告的机关名称）")
    if not isinstance(agencies, list) or not agencies or not all(isinstance(a, str) and a.strip() for a in agencies):
        raise RegionError("区域文件的 agencies（所属机关名称列表）应为非空的文字列表")
    listed = tuple(dict.fromkeys(a.strip() for a in agencies))
    if whole.strip() in listed:
        raise RegionError("区域文件的 agencies（所属机关）不应包含 whole（发布全区报告的机关）本身")
    return Region(name.strip(), whole.strip(), listed)


def load_region(path: Path) -> Region:
    try:
        return parse_region(json.loads(Path(path).read_text("utf-8-sig")))
    except OSError as exc:
        raise RegionError(f"无法读取区域文件 {path}：{exc.strerror}") from None
    except ValueError as exc:
        if isinstance(exc, RegionError):
            raise
        raise RegionError(f"区域文件 {path} 不是有效的JSON：{exc}") from None


def by_agency_year(reports: Iterable[AnnualReport]) -> dict[tuple[str, int], AnnualReport]:
    return {(r.agency.strip(), r.year): r for r in reports}


def compare_batch(region: Region, reports: Iterable[AnnualReport], year: int | None = None) -> dict[int, list[Finding]]:
    """Per year of a whole-area report among `reports` (or just `year`), the comparison's findings."""
    indexed = by_agency_year(reports)
    years = sorted({y for (a, y) in indexed if a == region.whole and (year is None or y == year)})
    return {
        y: compare(region, indexed[region.whole, y], {a: indexed[a, y] for a in region.agencies if (a, y) in indexed})
        for y in years
    }
