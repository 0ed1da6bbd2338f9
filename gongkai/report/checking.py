"""Checking published reports in batches: read each file, pair it with last year's, run every rule."""

from __future__ import annotations

import functools
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai.report.findings import Finding, Severity, finding, locate
from gongkai.report.outcome import Outcome, outcome
from gongkai.report.read import ReadResult, read_path
from gongkai.report.read.settle import settle_with_last_year
from gongkai.report.workers import WorkerLimits, run


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

    @property
    def status(self) -> Outcome:
        """通过, 有错误 or 未能完整读取 (see `gongkai.report.outcome`)."""
        return outcome(self.findings, read=self.read.report is not None)


def check_read(result: ReadResult, previous: ReadResult | None = None) -> CheckedReport:
    """The reader's findings and the rules' findings of one read report, without double counting.

    A cell the reader could not read is blank in the model; the reader has said why, so the rules'
    blank-cell warning for it is left out. A glued row last year's report settles is read first.
    """
    from gongkai.report.rules import check  # loaded where reports are checked (the workers), not at start

    if result.report is None:
        return CheckedReport(result, list(result.findings))
    last_year = previous.report if previous is not None else None
    reading = settle_with_last_year(list(result.findings), result.report, last_year)
    unread = {cell for f in reading for cell in f.cells}
    rules = [
        f for f in check(result.report, previous=last_year) if not (f.rule == "CELL.blank" and set(f.cells) <= unread)
    ]
    found = [locate(f, result.report, result.kind) for f in reading + rules]
    return CheckedReport(result, sorted(found, key=lambda f: _ORDER[f.severity]))


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


def check_files(
    paths: list[Path],
    previous: Path | None = None,
    *,
    jobs: int = 1,
    limits: WorkerLimits | None = None,
    read: Callable[[Path], ReadResult] = read_path,
    progress: Callable[[], None] | None = None,
) -> Iterator[CheckedReport]:
    """Check every file; a report of the same agency for the year before, in the batch or given, is its last year.

    Files are read and checked in `jobs` worker processes, each file within the `limits` (a file past
    one is a READ.limit finding, and the batch goes on). Results are kept on disk, not in memory,
    until every file is read (a report's last year may come later in the batch); then they are
    yielded in the order of `paths`, checked again with last year's report where there is one.
    `read` must be a module-level function (tests pass one that exhausts a limit); `progress` is
    called once for every file read.
    """
    limits = limits or WorkerLimits.from_environment()
    work = functools.partial(_read_and_check, read)
    with tempfile.TemporaryFile(prefix="gongkai-check-") as spill:
        places: list[tuple[int, int]] = []  # per file: offset and length of its pickled CheckedReport
        by_agency_year: dict[tuple[str, int], int] = {}
        keys: list[tuple[str, int] | None] = []
        given = [*paths, previous] if previous is not None else paths
        for index, (key, blob) in enumerate(run(work, given, jobs=jobs, limits=limits, on_failure=_failed)):
            places.append((spill.tell(), len(blob)))
            spill.write(blob)
            if index < len(paths):
                keys.append(key)
                if key is not None:
                    by_agency_year[key] = index
                if progress is not None:
                    progress()

        def load(index: int) -> CheckedReport:
            offset, length = places[index]
            spill.seek(offset)
            loaded: CheckedReport = pickle.loads(spill.read(length))
            return loaded

        given_previous = load(len(paths)).read if previous is not None else None
        for index, key in enumerate(keys):
            checked = load(index)
            last_year = given_previous
            if last_year is None and key is not None and (key[0], key[1] - 1) in by_agency_year:
                last_year = load(by_agency_year[key[0], key[1] - 1]).read
            yield check_read(checked.read, last_year) if last_year is not None else checked


def _read_and_check(read: Callable[[Path], ReadResult], path: Path) -> tuple[tuple[str, int] | None, bytes]:
    """In a worker: the file read and checked on its own, with its agency and year for pairing."""
    checked = check_read(read(path))
    report = checked.read.report
    key = (report.agency, report.year) if report is not None else None
    return key, pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)


def _failed(path: Path, reason: str) -> tuple[None, bytes]:
    """A file whose worker went past a limit: a finding that says which."""
    result = ReadResult(str(path), None, [finding("READ.limit", f"超出处理限制：{reason}")])
    return None, pickle.dumps(CheckedReport(result, list(result.findings)), protocol=pickle.HIGHEST_PROTOCOL)
