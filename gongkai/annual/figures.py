"""第二十条第（五）（六）（八）项: decision counts and fees per agency and year, entered by form or imported from XLSX.

The XLSX has one header row and one row per agency and year:
机关（名称或统一社会信用代码） · 年度 · 行政许可 · 行政处罚 · 行政强制 · 行政事业性收费（万元）
An import is all or nothing: any bad row refuses the file, with every problem named by row and column.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.annual.constants import DRAFTING_ROLES, AnnualEvent, FiguresSource
from gongkai.annual.models import Art20Figures
from gongkai.audit.services import changes, record, snapshot
from gongkai.orgs import permissions
from gongkai.orgs.models import Organisation
from gongkai.spreadsheets import keep_as_text

__all__ = ["FIGURE_FIELDS", "XLSX_HEADER", "import_xlsx", "save_figures", "template_xlsx"]

FIGURE_FIELDS = ("licensing", "penalty", "coercion", "fees")
XLSX_HEADER = ("机关（名称或统一社会信用代码）", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）")


@transaction.atomic
def save_figures(org: Any, year: int, *, actor: Any, data: dict[str, Any],
                 source: str = FiguresSource.FORM) -> Art20Figures:
    """Enter (or correct) the agency's figures for `year`; the audit trail keeps who entered what."""
    if actor is not None and not permissions.has_role(actor, org, *DRAFTING_ROLES):
        if not permissions.can_view(actor, org):
            raise PermissionDenied(_("您不能查看这个机关。"))
        raise PermissionDenied(_("只有本机关的经办人、公开工作机构负责人或管理员可以填报。"))
    figures = Art20Figures.objects.select_for_update().filter(org=org, year=year).first()
    before = snapshot(figures, FIGURE_FIELDS) if figures else {}
    figures = figures or Art20Figures(org=org, year=year)
    for name in FIGURE_FIELDS:
        setattr(figures, name, data[name])
    figures.source, figures.entered_by = source, actor
    figures.full_clean()
    figures.save()
    old, new = changes(before, snapshot(figures, FIGURE_FIELDS))
    if new:
        record(AnnualEvent.FIGURES_SAVED, actor=actor, obj=figures, before=old or None, after=new,
               message=str(FiguresSource(source).label))
    return figures


@dataclass(frozen=True)
class ImportedRow:
    org: Organisation
    year: int
    data: dict[str, Any]


def _count(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    number = int(str(value).strip()) if isinstance(value, str) else value
    if not isinstance(number, int) or number < 0:
        raise ValueError
    return number


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError from None
    if amount < 0 or not amount.is_finite():
        raise ValueError
    return amount


def _parse(data: bytes, actor: Any) -> tuple[list[ImportedRow], list[str]]:
    from gongkai.report.read import xlsx
    from gongkai.report.read.limits import LimitExceeded

    try:  # within the reading limits: a hostile workbook is a problem, not a server out of memory
        workbook, shapes = xlsx.open_workbook(data)
        try:
            sheet_rows = list(xlsx.sheet_rows(workbook.worksheets[0], shapes)) if workbook.worksheets else []
        finally:
            workbook.close()
    except LimitExceeded as exc:
        return [], [exc.message]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [_("不是有效的 XLSX 文件。")]
    rows: list[ImportedRow] = []
    problems: list[str] = []
    editable = permissions.editable_org_ids(actor) if actor is not None else None
    for number, values in enumerate(sheet_rows[1:], start=2):
        cells = list(values[:6]) + [None] * (6 - len(values[:6]))
        if all(v is None or str(v).strip() == "" for v in cells):
            continue
        name = str(cells[0] or "").strip()
        org = Organisation.objects.filter(Q(name=name) | Q(credit_code=name.upper()) | Q(short_name=name)).first()
        if org is None or (editable is not None and org.pk not in editable):
            problems.append(_("第%(row)d行：找不到您可以填报的机关“%(name)s”。") % {"row": number, "name": name})
            continue
        try:
            year = _count(cells[1])
        except (TypeError, ValueError):
            problems.append(_("第%(row)d行“年度”：应为四位年份。") % {"row": number})
            continue
        parsed: dict[str, Any] = {}
        for index, field in enumerate(FIGURE_FIELDS, start=2):
            try:
                parsed[field] = _amount(cells[index]) if field == "fees" else _count(cells[index])
            except (TypeError, ValueError):
                kind = _("不小于0的金额（万元）") if field == "fees" else _("不小于0的整数")
                problems.append(_("第%(row)d行“%(column)s”：应为%(kind)s，而不是“%(value)s”。") % {
                    "row": number, "column": XLSX_HEADER[index], "kind": kind,
                    "value": "" if cells[index] is None else cells[index]})
        if len(parsed) == len(FIGURE_FIELDS):
            rows.append(ImportedRow(org, year, parsed))
    if not rows and not problems:
        problems.append(_("文件中没有数据行（第一行为表头）。"))
    return rows, problems


def import_xlsx(data: bytes, *, actor: Any) -> list[Art20Figures]:
    """Enter every row of the workbook, or none: a ValidationError lists each bad row and column."""
    rows, problems = _parse(data, actor)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        return [save_figures(r.org, r.year, actor=actor, data=r.data, source=FiguresSource.XLSX) for r in rows]


def template_xlsx(orgs: list[Organisation], year: int) -> bytes:
    """A workbook to fill in: the header, and one row per agency with what is already entered."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "第二十条数据"
    sheet.append(XLSX_HEADER)
    entered = {f.org_id: f for f in Art20Figures.objects.filter(org__in=orgs, year=year)}
    for org in orgs:
        f = entered.get(org.pk)
        values = [getattr(f, name) for name in FIGURE_FIELDS] if f else [None] * 4
        sheet.append([org.name, year, *[float(v) if isinstance(v, Decimal) else v for v in values]])
        keep_as_text(sheet.cell(row=sheet.max_row, column=1))
    for column, width in zip("ABCDEF", (30, 8, 12, 12, 12, 22), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
