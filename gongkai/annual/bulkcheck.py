"""Checking reports published elsewhere, in bulk: uploaded files, a zip of them, or (operators) a server folder.

Each file is read by `gongkai.report.read`, paired with the same agency's report of the year before when it is
in the batch, and checked by `gongkai.report.checking.check_read` — the same rules as the platform's drafts.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.annual.constants import AnnualEvent
from gongkai.annual.models import BulkCheck
from gongkai.audit.services import record
from gongkai.orgs import permissions
from gongkai.report.checking import check_read
from gongkai.report.findings import SEVERITY_LABELS, Finding, finding
from gongkai.report.outcome import LABELS, Outcome, counts_line
from gongkai.report.read import ReadResult, limits, read_bytes
from gongkai.report.read.sniff import detect
from gongkai.tasks import api as tasks
from gongkai.tasks.models import Job, JobFile

__all__ = ["MAX_FILES", "check_files", "check_task", "files_from_folder", "files_from_uploads", "results_xlsx",
           "run_check", "start_check"]

MAX_FILES = 5000
INLINE_FILES = 20  # a batch this small is checked at once; a larger one by the background worker
JOB_KIND = "annual.bulk_check"


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return bool(base) and not base.startswith(".") and not name.startswith("__MACOSX/")


def files_from_uploads(uploads: Iterable[Any]) -> list[tuple[str, bytes | Finding]]:
    """Uploaded files; a zip among them (by its content) contributes the files inside it.

    A zip is read within `limits` by what it actually decompresses to: a member past a limit, or a
    damaged zip, is one file with a finding that says why, and the other files are checked.
    """
    files: list[tuple[str, bytes | Finding]] = []
    for upload in uploads:
        data = upload.read()
        if detect(data, upload.name) != "zip":
            files.append((upload.name, data))
            continue
        try:
            archive = limits.ZipReader(data)
        except limits.LimitExceeded as exc:
            files.append((upload.name, finding("READ.limit", exc.message)))
            continue
        except zipfile.BadZipFile:
            files.append((upload.name, finding("READ.not_a_report", _("压缩包已损坏，无法打开。"))))
            continue
        for info in archive.archive.infolist():
            if info.is_dir() or not _wanted(info.filename):
                continue
            name = f"{upload.name}/{info.filename}"
            try:
                files.append((name, archive.read(info)))
            except limits.LimitExceeded as exc:
                files.append((name, finding("READ.limit", exc.message)))
            except zipfile.BadZipFile as exc:
                files.append((name, finding("READ.not_a_report", _("压缩包中的这个文件已损坏：%(why)s") % {
                    "why": str(exc)[:200]})))
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("一次最多检查%(n)d个文件。") % {"n": MAX_FILES}})
    return files


def files_from_folder(folder: str, *, actor: Any) -> list[tuple[str, bytes | Finding]]:
    """Every file under a folder on the server (operators only: it reads the server's disk)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("只有平台管理员可以检查服务器上的文件夹。"))
    root = Path(folder)
    if not root.is_dir():
        raise ValidationError({"folder": _("服务器上没有这个文件夹：%(path)s") % {"path": folder}})
    paths = sorted(p for p in root.rglob("*") if p.is_file() and _wanted(p.name))[: MAX_FILES + 1]
    if len(paths) > MAX_FILES:
        raise ValidationError({"folder": _("一次最多检查%(n)d个文件。") % {"n": MAX_FILES}})
    most = limits.current().file_bytes
    files: list[tuple[str, bytes | Finding]] = []
    for path in paths:
        size = path.stat().st_size
        if size > most:  # not read into memory at all
            files.append((str(path.relative_to(root)), finding("READ.limit", limits.LimitExceeded(
                "file_bytes", size).message)))
        else:
            files.append((str(path.relative_to(root)), path.read_bytes()))
    return files


def check_files(
    files: list[tuple[str, bytes | Finding]], progress: Callable[[int], Any] | None = None
) -> list[dict[str, Any]]:
    """One result per file: what was read and every finding, last year's report paired from the batch.

    A file given as a finding (a zip member past a limit) is a result with that finding alone. `progress(n)` is
    told the steps done so far: one per file read, then one per file checked (2 × the files in all).
    """
    results: list[ReadResult] = []
    for name, data in files:
        results.append(read_bytes(data, source=name) if isinstance(data, bytes) else ReadResult(name, None, [data]))
        if progress is not None:
            progress(len(results))
    by_agency_year = {(r.report.agency, r.report.year): r for r in results if r.report is not None}
    out: list[dict[str, Any]] = []
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
            "status": checked.status.value,
            "status_label": LABELS[checked.status],
            "errors": checked.errors,
            "warnings": checked.warnings,
            "findings": [f.to_dict() for f in checked.findings],
        })
        if progress is not None:
            progress(len(results) + len(out))
    return out


def _allowed(org: Any, files: list[tuple[str, bytes | Finding]], actor: Any) -> None:
    if actor is not None and not permissions.can_view(actor, org):
        raise PermissionDenied(_("您不能查看这个机关。"))
    if not files:
        raise ValidationError({"files": _("没有可检查的文件。")})


def run_check(org: Any, files: list[tuple[str, bytes | Finding]], *, actor: Any, source: str,
              progress: Callable[[int], Any] | None = None) -> BulkCheck:
    """Check the files and keep the results under the supervising agency (its staff and supervisors read them)."""
    _allowed(org, files, actor)
    results = check_files(files, progress)  # outside a transaction: the progress is seen while it runs
    with transaction.atomic():
        check = BulkCheck.objects.create(org=org, created_by=actor, source=source[:300], results=results)
        record(AnnualEvent.BULK_CHECKED, actor=actor, obj=check, org=org,
               after={"files": check.files, "errors": check.errors, "source": check.source})
    return check


def start_check(org: Any, files: list[tuple[str, bytes | Finding]], *, actor: Any, source: str) -> BulkCheck | Job:
    """A small batch checked at once (the check); a larger one handed to the background worker (its job).

    The files go with the job into the database, so a worker on another machine needs no shared disk; a file
    that is already a finding (a zip member past a limit) goes as that finding.
    """
    _allowed(org, files, actor)
    if len(files) <= getattr(settings, "GONGKAI_BULK_CHECK_INLINE_FILES", INLINE_FILES):
        return run_check(org, files, actor=actor, source=source)
    notes = {str(i): [data.rule, data.message] for i, (_name, data) in enumerate(files) if isinstance(data, Finding)}
    inputs = [(name, data if isinstance(data, bytes) else b"") for name, data in files]
    title = _("批量检查%(n)d个报告文件") % {"n": len(files)}
    return tasks.start(check_task, kind=JOB_KIND, title=title, org=org, actor=actor, inputs=inputs,
                       kwargs={"source": source[:300], "notes": notes})


@tasks.task()
@tasks.tracked
def check_task(job: Job, *, source: str, notes: dict[str, list[str]]) -> int:
    """The background bulk check: progress on the job, the results kept as a BulkCheck (page and XLSX)."""
    files: list[tuple[str, bytes | Finding]] = [
        (name, finding(*notes[str(i)]) if str(i) in notes else data) for i, (name, data) in enumerate(job.inputs())
    ]
    job.begin(2 * len(files))
    check = run_check(job.org, files, actor=job.created_by, source=source, progress=job.advance)
    Job.objects.filter(pk=job.pk).update(result_url=reverse("annual:check", args=[check.pk]))
    job.files.filter(role=JobFile.INPUT).delete()  # the results are kept; the uploaded bytes are not needed any more
    return check.pk


def result_status(result: dict[str, Any]) -> str:
    """A result's outcome (see gongkai.report.outcome); results kept before outcomes existed are judged by errors."""
    return result.get("status") or (Outcome.ERRORS if result["errors"] else Outcome.PASSED).value


def status_label(result: dict[str, Any]) -> str:
    """通过, 有错误 or 未能完整读取."""
    return LABELS[Outcome(result_status(result))]


def results_xlsx(check: BulkCheck) -> bytes:
    """The findings as a workbook: a summary sheet (one row per file) and a findings sheet (one row per finding)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["文件", "机关", "年度", "格式", "结论", "错误", "提醒", "跨年度核对所用上年报告"])
    for r in check.results:
        summary.append([r["file"], r["agency"], r["year"], r["format"], status_label(r), r["errors"], r["warnings"],
                        r["paired"]])
    summary.append([])
    summary.append([counts_line(Outcome(result_status(r)) for r in check.results)])
    details = book.create_sheet("检查结果")
    details.append(["文件", "机关", "年度", "级别", "规则", "说明", "单元格", "应为", "实为", "位置"])
    for r in check.results:
        for f in r["findings"]:
            label = SEVERITY_LABELS.get(f["severity"], f["severity"])  # type: ignore[call-overload]
            details.append([r["file"], r["agency"], r["year"], label, f["rule"], f["message"],
                            "、".join(f["cells"]), f["expected"], f["found"], f["source"]])
    for sheet, widths in ((summary, (40, 24, 8, 8, 14, 8, 8, 40)), (details, (40, 24, 8, 8, 22, 80, 30, 10, 10, 20))):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A2"
        _as_text(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(sheet: Any) -> None:
    """Text that Excel would take as a formula (a file named “=1+1.txt”) kept as text: formula injection."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                cell.data_type = "s"  # openpyxl made it a formula
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
