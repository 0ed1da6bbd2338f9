"""Import of an agency's existing request register (政府信息公开申请台账) from XLSX or CSV.

The first row holds the column names (below; others are ignored). Every row is checked first and each
bad row is reported with its row number (as the spreadsheet shows it) and reason; only a file without
any bad row is imported, in one transaction: nothing is ever half-imported.

    收到申请日期 | 申请方式 | 申请人类型 | 申请人 | 证件号码 | 联系电话 | 所需信息 | 办理结果 | 办结日期

`申请方式`, `申请人类型` and `办理结果` take the law's terms (e.g. 当面提交, 商业企业, 予以公开 or the
table 三 row 本机关不掌握相关政府信息); dates are 2024-01-26, 2024/1/26, 2024.1.26 or 2024年1月26日.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from django.db import transaction
from django.utils import timezone

from gongkai.applications import clock
from gongkai.applications.constants import RequestEvent, State
from gongkai.applications.models import Request
from gongkai.applications.services import new_tracking_code, take_serial
from gongkai.audit.services import record
from gongkai.errors import GongkaiError
from gongkai.law.report_format import CURRENT_FORMAT
from gongkai.law.requests import OUTCOMES, ApplicantType, Outcome, ReceiptChannel
from gongkai.orgs import permissions
from gongkai.report.read import UnreadableDocument, xlsx
from gongkai.report.read.limits import LimitExceeded
from gongkai.report.read.sniff import detect

__all__ = ["COLUMNS", "ImportProblem", "RegisterImportError", "import_register", "read_rows"]

COLUMNS = {
    "received": "收到申请日期",
    "channel": "申请方式",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人",
    "id_number": "证件号码",
    "phone": "联系电话",
    "description": "所需信息",
    "outcome": "办理结果",
    "closed": "办结日期",
}
REQUIRED = ("received", "channel", "applicant_type", "applicant_name", "description")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class ImportProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行“{self.column}”：{self.reason}" if self.column else f"第{self.row}行：{self.reason}"


class RegisterImportError(GongkaiError):
    """The file has bad rows (all of them listed) or cannot be read; nothing was imported."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        shown = "；".join(str(p) for p in problems[:20])
        more = f"；另有{len(problems) - 20}处问题" if len(problems) > 20 else ""
        super().__init__(f"台账有{len(problems)}处问题，未导入任何记录：{shown}{more}")


def _lookup(choices: list[tuple[str, str]], extra: dict[str, str] | None = None) -> dict[str, str]:
    table = {label: value for value, label in choices} | {value: value for value, _ in choices}
    return table | (extra or {})


_CHANNELS = _lookup(ReceiptChannel.choices(), {"当面": "in_person", "信函": "post", "邮寄": "post", "网上": "online",
                                              "网络": "online", "在线": "online", "电子邮件": "email", "邮件": "email"})
_APPLICANTS = _lookup(ApplicantType.choices(), {"公民": "natural_person", "个人": "natural_person"})


def _outcomes() -> dict[str, Outcome]:
    """Outcomes by key, by name, and by the label of their table 三 row (the first outcome of each row)."""
    table = CURRENT_FORMAT.table("applications")
    labels = {r.key: re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）).、]", "", r.label) for r in table.rows}
    found: dict[str, Outcome] = {}
    for result in OUTCOMES:
        found.setdefault(result.key, result)
        found.setdefault(result.name, result)
    for result in OUTCOMES:
        if result.row_setting is None and result.table3_row in labels:
            found.setdefault(labels[result.table3_row], result)
            found.setdefault(labels[result.table3_row].split("（")[0], result)
    return found


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"“{value}”不是日期，应写作2024-01-26")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(f"“{value}”不是有效的日期") from None


def read_rows(name: str, content: bytes) -> list[dict[str, Any]]:
    """The rows of an XLSX or CSV file as dicts keyed by the header's column names.

    The file's content decides how it is read (its name only has to agree); a workbook is read within
    the reading limits of `gongkai.report.read.limits`, so a damaged or hostile file is a problem, not a crash.
    """
    suffix = Path(name).suffix.lower()
    kind = detect(content, name)
    if suffix == ".xlsx" or kind == "xlsx":
        if kind != "xlsx":
            _refuse("文件扩展名是.xlsx，但内容不是Excel工作簿（文件已损坏或类型不符）")
        rows = _xlsx_rows(content)
    elif suffix == ".csv":
        if kind not in ("text", "json", "html") or b"\x00" in content[:4096]:
            _refuse("文件扩展名是.csv，但内容不是文本（文件已损坏或类型不符）")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            _refuse("CSV文件既不是UTF-8也不是GB18030编码")
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(text))]
        except csv.Error as exc:
            _refuse(f"无法读取CSV文件（{exc}）")
    else:
        _refuse("只能导入 .xlsx 或 .csv 文件")
    if not rows:
        raise RegisterImportError([ImportProblem(1, "", "文件是空的")])
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    missing = [COLUMNS[k] for k in REQUIRED if COLUMNS[k] not in header]
    if missing:
        raise RegisterImportError([ImportProblem(1, "", f"缺少列：{'、'.join(missing)}")])
    return [
        {header[i]: (v.strip() if isinstance(v, str) else v) for i, v in enumerate(row) if i < len(header)}
        for row in rows[1:]
    ]


def _refuse(reason: str) -> NoReturn:
    """The whole file cannot be read: one problem, at its first row."""
    raise RegisterImportError([ImportProblem(1, "", reason)])


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    """The first sheet's rows, within the reading limits."""
    try:
        workbook, shapes = xlsx.open_workbook(content)
    except (LimitExceeded, UnreadableDocument) as exc:
        _refuse(exc.message)
    try:
        return list(xlsx.sheet_rows(workbook.worksheets[0], shapes)) if workbook.worksheets else []
    except Exception as exc:  # openpyxl raises many kinds for a damaged cell
        _refuse(f"无法读取XLSX文件（{type(exc).__name__}: {exc}）"[:300])
    finally:
        workbook.close()


def _check_row(number: int, row: dict[str, Any], outcomes: dict[str, Outcome], today: date) -> tuple[
    dict[str, Any] | None, list[ImportProblem]
]:
    problems: list[ImportProblem] = []

    def bad(key: str, reason: str) -> None:
        problems.append(ImportProblem(number, COLUMNS[key], reason))

    value = {k: row.get(label) for k, label in COLUMNS.items()}
    for key in REQUIRED:
        if value[key] in (None, ""):
            bad(key, "不能为空")
    dates: dict[str, date | None] = {}
    for key in ("received", "closed"):
        try:
            dates[key] = _date(value[key])
        except ValueError as exc:
            bad(key, str(exc))
            dates[key] = None
    received, closed = dates["received"], dates["closed"]
    if received and received > today:
        bad("received", "晚于今天")
    channel = _CHANNELS.get(str(value["channel"] or ""))
    if value["channel"] and channel is None:
        bad("channel", f"无法识别“{value['channel']}”，应为：{'、'.join(c.label for c in ReceiptChannel)}")
    applicant = _APPLICANTS.get(str(value["applicant_type"] or ""))
    if value["applicant_type"] and applicant is None:
        bad("applicant_type", f"无法识别“{value['applicant_type']}”，应为：{'、'.join(a.label for a in ApplicantType)}")
    result = None
    if value["outcome"]:
        result = outcomes.get(str(value["outcome"]))
        if result is None:
            bad("outcome", f"无法识别“{value['outcome']}”，应为条例规定的办理结果或表三的统计项")
        if closed is None and "closed" not in {p.column for p in problems}:
            bad("closed", "有办理结果的，应填写办结日期")
    elif closed is not None:
        bad("outcome", "有办结日期的，应填写办理结果")
    if received and closed and closed < received:
        bad("closed", "早于收到申请日期")
    if closed and closed > today:
        bad("closed", "晚于今天")
    if problems:
        return None, problems
    assert received is not None
    return {
        "received": received, "channel": channel, "applicant_type": applicant,
        "applicant_name": str(value["applicant_name"])[:100], "id_number": str(value["id_number"] or "")[:40],
        "phone": str(value["phone"] or "")[:30], "description": str(value["description"]), "closed": closed,
        "outcome": result,
    }, []


def import_register(org: Any, name: str, content: bytes, *, actor: Any, dry_run: bool = False,
                    start: Callable[[int], Any] | None = None,
                    progress: Callable[[int], Any] | None = None) -> list[Request]:
    """Import the register into `org`; raises `RegisterImportError` listing every bad row, importing nothing.

    `start(steps)` and `progress(done)` follow the checking of the rows for a job page (the storing is one
    transaction: nobody sees it until it is all there).
    """
    if actor is not None:
        permissions.require_edit(actor, org)
    rows = read_rows(name, content)
    if start is not None:
        start(len(rows))
    outcomes, today = _outcomes(), timezone.localdate()
    checked, problems = [], []
    for number, row in enumerate(rows, start=2):
        if progress is not None:
            progress(number - 1)
        if not any(v not in (None, "") for v in row.values()):
            continue  # blank lines at the end of a sheet
        values, row_problems = _check_row(number, row, outcomes, today)
        problems += row_problems
        if values is not None:
            checked.append(values)
    if problems:
        raise RegisterImportError(problems)
    if not checked:
        raise RegisterImportError([ImportProblem(2, "", "没有可导入的记录")])
    if dry_run:
        return []
    settings = clock.request_settings()
    created = []
    with transaction.atomic():
        for values in sorted(checked, key=lambda v: v["received"]):
            result: Outcome | None = values.pop("outcome")
            received = values["received"]
            request = Request.objects.create(
                org=org, year=received.year, serial=take_serial(org, received.year),
                tracking_code=new_tracking_code(), handed_in=received if values["channel"] == "in_person" else None,
                confirmed=received if values["channel"] in ("online", "fax", "ordinary_mail") else None,
                signed_for=received if values["channel"] == "post" else None,
                arrived=received if values["channel"] == "email" else None,
                state=State.CLOSED if result else State.HANDLING,
                outcome=result.key if result else "", outcome_row=result.row(settings) if result else "",
                outcome_article=result.citation if result else "", **values,
            )
            created.append(request)
        record(RequestEvent.IMPORTED, actor=actor, org=org,
               after={"count": len(created), "numbers": [r.number for r in created[:1] + created[-1:]]},
               message=f"{name}：导入{len(created)}件")
    return created
