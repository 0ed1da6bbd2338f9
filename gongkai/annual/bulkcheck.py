"""Checking reports published elsewhere, in bulk: uploaded files, a zip of them, or (operators) a server folder.

Each file is read by `gongkai.report.read`, paired with the same agency's report of the year before when it is
in the batch, and checked by `gongkai.report.checking.check_read` — the same rules as the platform's drafts.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.annual.constants import AnnualEvent
from gongkai.annual.models import BulkCheck
from gongkai.audit.services import record
from gongkai.orgs import permissions
from gongkai.report.checking import check_read
from gongkai.report.findings import SEVERITY_LABELS
from gongkai.report.read import ReadResult, read_bytes

__all__ = ["MAX_FILES", "check_files", "files_from_folder", "files_from_uploads", "results_xlsx", "run_check"]

MAX_FILES = 5000
MAX_MEMBER_BYTES = 50 * 1024 * 1024


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return bool(base) and not base.startswith(".") and not name.startswith("__MACOSX/")


def files_from_uploads(uploads: Iterable[Any]) -> list[tuple[str, bytes]]:
    """Uploaded files; a zip among them contributes the files inside it."""
    files: list[tuple[str, bytes]] = []
    for upload in uploads:
        data = upload.read()
        if upload.name.lower().endswith(".zip"):
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile:
                raise ValidationError({"files": _("“%(name)s”不是有效的 zip 文件。") % {"name": upload.name}}) from None
            for info in archive.infolist():
                if info.is_dir() or not _wanted(info.filename):
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ValidationError({"files": _("压缩包中的“%(name)s”过大。") % {"name": info.filename}})
                files.append((f"{upload.name}/{info.filename}", archive.read(info)))
        else:
            files.append((upload.name, data))
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("一次最多检查%(n)d个文件。") % {"n": MAX_FILES}})
    return files


def files_from_folder(folder: str, *, actor: Any) -> list[tuple[str, bytes]]:
    """Every file under a folder on the server (operators only: it reads the server's disk)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("只有平台管理员可以检查服务器上的文件夹。"))
    root = Path(folder)
    if not root.is_dir():
        raise ValidationError({"folder": _("服务器上没有这个文件夹：%(path)s") % {"path": folder}})
    paths = sorted(p for p in root.rglob("*") if p.is_file() and _wanted(p.name))[: MAX_FILES + 1]
    if len(paths) > MAX_FILES:
        raise ValidationError({"folder": _("一次最多检查%(n)d个文件。") % {"n": MAX_FILES}})
    return [(str(p.relative_to(root)), p.read_bytes()) for p in paths]


def check_files(files: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """One result per file: what was read and every finding, last year's report paired from the batch."""
    results: list[ReadResult] = [read_bytes(data, source=name) for name, data in files]
    by_agency_year = {(r.report.agency, r.report.year): r for r in results if r.report is not None}
    out = []
    for result in results:
        previous = None
        if result.report is not None:
            previous = by_agency_year.get((result.report.agency, result.report.year - 1))
        checked = check_read(result, previous)
        out.append({
            "file": result.source,
            "agency": result.report.agency if result.report else "",
            "year": result.report.year if result.report else None,
            "format": result.format_id or "",
            "paired": previous.source if previous is not None else "",
            "errors": checked.errors,
            "warnings": checked.warnings,
            "findings": [f.to_dict() for f in checked.findings],
        })
    return out


@transaction.atomic
def run_check(org: Any, files: list[tuple[str, bytes]], *, actor: Any, source: str) -> BulkCheck:
    """Check the files and keep the results under the supervising agency (its staff and supervisors read them)."""
    if actor is not None and not permissions.can_view(actor, org):
        raise PermissionDenied(_("您不能查看这个机关。"))
    if not files:
        raise ValidationError({"files": _("没有可检查的文件。")})
    check = BulkCheck.objects.create(org=org, created_by=actor, source=source[:300], results=check_files(files))
    record(AnnualEvent.BULK_CHECKED, actor=actor, obj=check, org=org,
           after={"files": check.files, "errors": check.errors, "source": check.source})
    return check


def results_xlsx(check: BulkCheck) -> bytes:
    """The findings as a workbook: a summary sheet (one row per file) and a findings sheet (one row per finding)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["文件", "机关", "年度", "格式", "错误", "提醒", "跨年度核对所用上年报告"])
    for r in check.results:
        summary.append([r["file"], r["agency"], r["year"], r["format"], r["errors"], r["warnings"], r["paired"]])
    details = book.create_sheet("检查结果")
    details.append(["文件", "机关", "年度", "级别", "规则", "说明", "单元格", "应为", "实为", "位置"])
    for r in check.results:
        for f in r["findings"]:
            label = SEVERITY_LABELS.get(f["severity"], f["severity"])  # type: ignore[call-overload]
            details.append([r["file"], r["agency"], r["year"], label, f["rule"], f["message"],
                            "、".join(f["cells"]), f["expected"], f["found"], f["source"]])
    for sheet, widths in ((summary, (40, 24, 8, 8, 8, 8, 40)), (details, (40, 24, 8, 8, 22, 80, 30, 10, 10, 16))):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
