"""Damaged files never crash the reader (issue 13): a seeded corpus of mutated XLSX, DOCX, HTML, PDF and zips.

Before the reading limits and the readers' own error handling, the same corpus of 1,000 files (seed 13)
ended in 170 tracebacks (129 XLSX, 4 DOCX, 2 PDF, 35 zips); now every file gives a report or findings.
The corpus is read in a child process with a 1 GiB address-space cap and a CPU-time allowance per file,
so a runaway file fails the test by name. GONGKAI_FUZZ_COUNT reads a larger corpus.
"""

from __future__ import annotations

import os

from tests.report.formats import hostile

COUNT = int(os.environ.get("GONGKAI_FUZZ_COUNT", "600"))


def test_every_mutated_file_gives_a_report_or_findings_never_a_traceback():
    answer = hostile.run_bounded(f"""
        from tests.report.formats import fuzz
        result = fuzz.run({COUNT}, seed=13).as_dict()
    """)
    figures = answer["result"]
    assert isinstance(figures, dict)
    assert sum(figures["files"].values()) == COUNT
    assert set(figures["files"]) == {"xlsx", "docx", "html", "pdf", "zip", "xls"}
    assert figures["tracebacks"] == {}, figures["examples"]
    assert figures["empty"] == [], "every result is a report or at least one finding"
    assert figures["too_slow"] == [], "a file used up its CPU-time allowance (fuzz.CPU_SECONDS_PER_FILE)"
    assert float(answer["peak_mb"]) < 600  # type: ignore[arg-type]


