"""Scoring the reader on the real published reports of tests/fixtures/real-reports against their hand-read truth.

truth.json (see the folder's README) gives, per file, every cell of table 三 by its official label (a label
repeated across groups carries its group: "（三）不予公开/1.属于国家秘密"), table 四 as 15 numbers, table 二
by row, and the 勾稽 rules the published figures break. `null` is a cell that is blank or cannot be read
with certainty and is not scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gongkai.law.report_format import FORMATS, CellRef, Table
from gongkai.report.checking import check_files
from gongkai.report.outcome import Outcome

CORPUS = Path(__file__).parents[1] / "fixtures" / "real-reports"
T2_ROWS = {  # truth's table 二 keys: the key of the row in the model
    "规章": "rules",
    "行政规范性文件": "normative_documents",
    "规范性文件": "normative_documents",
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "penalty",
    "行政强制": "coercion",
    "行政事业性收费": "fees",
    "政府集中采购": "procurement",
}


@dataclass
class FileScore:
    name: str
    right: int = 0
    total: int = 0
    table2_right: int = 0
    table2_total: int = 0
    outcome: Outcome = Outcome.PASSED
    expected_outcome: Outcome = Outcome.PASSED
    wrong: list[str] = field(default_factory=list)

    @property
    def outcome_right(self) -> bool:
        return self.outcome is self.expected_outcome


def truth() -> dict[str, dict]:
    return {k: v for k, v in json.loads((CORPUS / "truth.json").read_text(encoding="utf-8")).items() if k[0] != "_"}


def _row_key(table: Table, label: str) -> str | None:
    group, _, own = label.rpartition("/")
    for row in table.rows:
        if row.label == own and (not group or row.path[-1:] == (group,)):
            return row.key
    return None


def _group_rows(table: Table, label: str) -> list[str]:
    """The rows of the group a truth label names as one row (（六）其他处理 of the 2019 layout in a 2021 report)."""
    return [row.key for row in table.rows if "/" not in label and row.path[-1:] == (label,)]


def _same(want: object, got: object) -> bool:
    if isinstance(want, str) and got is not None:
        return Decimal(want) == Decimal(got)
    return want == got


def score() -> list[FileScore]:
    """Every file read and checked as `gongkai report check` does (each file on its own)."""
    scores = []
    for name, expected in truth().items():
        (checked,) = check_files([CORPUS / name])
        report = checked.read.report
        result = FileScore(name, outcome=checked.status)
        result.expected_outcome = Outcome.ERRORS if expected["inconsistent"] else Outcome.PASSED
        fmt = FORMATS[expected["format"]]
        cells = report.cells if report is not None and report.format_id == fmt.id else {}
        table = fmt.table("applications")
        columns = [c.key for c in table.columns]
        wanted: list[tuple[str, object, object]] = []  # label, truth, read
        for label, values in expected["table3"].items():
            key = _row_key(table, label)
            items = _group_rows(table, label) if key is None else []
            for column, value in zip(columns, values, strict=True):
                if items:  # a group printed as one row where the format has items: its figure is their sum
                    parts = [cells.get(CellRef("applications", r, column)) for r in items]
                    summed = None if None in parts else sum(parts)  # type: ignore[arg-type]
                    wanted.append((f"{label}/{column}", value, summed))
                    continue
                ref = CellRef("applications", key, column) if key else None
                wanted.append((f"{label}/{column}", value, cells.get(ref) if ref else None))
        appeals = [c.key for c in fmt.table("appeals").columns]
        for column, value in zip(appeals, expected["table4"], strict=True):
            ref = CellRef("appeals", "cases", column)
            wanted.append((f"四/{column}", value, cells.get(ref)))
        for label, value, got in wanted:
            if value is None:
                continue
            result.total += 1
            if got is not None and _same(value, got):
                result.right += 1
            else:
                result.wrong.append(label)
        for label, values in (expected.get("table2") or {}).items():
            row = T2_ROWS[label]
            t2 = next(t for t in fmt.tables if t.section == "proactive" and row in {r.key for r in t.rows})
            values = values if isinstance(values, list) else [values]
            for column, value in zip([c.key for c in t2.columns], values, strict=False):
                if value is None:
                    continue
                result.table2_total += 1
                result.table2_right += _same(value, cells.get(CellRef(t2.key, row, column)))
        scores.append(result)
    return scores


def summary(scores: list[FileScore]) -> str:
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    t2_right, t2_total = sum(s.table2_right for s in scores), sum(s.table2_total for s in scores)
    outcomes = sum(s.outcome_right for s in scores)
    return (
        f"real reports: {right}/{total} cells of tables 三 and 四 right ({100 * right / max(total, 1):.1f}%), "
        f"table 二 {t2_right}/{t2_total}, outcomes right {outcomes}/{len(scores)}"
    )
