"""Checking published reports in batches: read each file, pair it with last year's, run every rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.report.findings import Finding, Severity
from gongkai.report.read import ReadResult, read_path
from gongkai.report.rules import check


@dataclass
class CheckedReport:
    read: ReadResult
    findings: list[Finding]  # what the reader could not read, then what the rules found

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


def check_read(result: ReadResult, previous: ReadResult | None = None) -> CheckedReport:
    """The reader's findings and the rules' findings of one read report, without double counting.

    A cell the reader could not read is blank in the model; the reader has said why, so the rules'
    blank-cell warning for it is left out.
    """
    if result.report is None:
        return CheckedReport(result, list(result.findings))
    unread = {cell for f in result.findings for cell in f.cells}
    last_year = previous.report if previous is not None else None
    rules = [
        f for f in check(result.report, previous=last_year) if not (f.rule == "CELL.blank" and set(f.cells) <= unread)
    ]
    return CheckedReport(result, sorted(result.findings + rules, key=lambda f: _ORDER[f.severity]))


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def check_files(paths: list[Path], previous: Path | None = None) -> Iterator[CheckedReport]:
    """Check every file; a report of the same agency for the year before, in the batch or given, is its last year."""
    results = [read_path(p) for p in paths]
    by_agency_year = {(r.report.agency, r.report.year): r for r in results if r.report is not None}
    given_previous = read_path(previous) if previous is not None else None
    for result in results:
        last_year = given_previous
        if last_year is None and result.report is not None:
            last_year = by_agency_year.get((result.report.agency, result.report.year - 1))
        yield check_read(result, last_year)
