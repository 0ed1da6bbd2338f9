"""Parse+check throughput on text reports, in reports per second, beside reading the files and splitting lines.

    .venv/bin/python benchmarks/bench_report.py [--reports 2000]

The reports are generated from random valid reports (fixed seed) rendered as text, a fifth of them
in shapes real reports take (flattened, layout-mode, glued rows), written to a temporary folder. The last
line is the reader's score on the real published reports of tests/fixtures/real-reports.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from gongkai.law.report_format import CellRef
from gongkai.report.checking import check_read
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_path
from gongkai.report.render import render

AGENCIES = ("大寨乡", "某县教育局", "某县人民政府", "某街道办事处", "某县财政局", "某镇人民政府")
PARAGRAPH = "我乡严格落实政府信息公开制度，全年主动公开政府信息{n}条，依申请公开渠道畅通，政府信息管理规范。"


def random_report(rnd: random.Random, index: int) -> AnnualReport:
    report = AnnualReport.zeros(f"{rnd.choice(AGENCIES)}{index}", rnd.choice((2021, 2022, 2023, 2024)))
    table = report.format.table("applications")
    outcomes = [r.key for r in table.rows if r.path and r.key != "total"]
    for column in [c.key for c in table.columns if c.key != "total"]:
        values = {row: rnd.choice((0, 0, 0, 0, 1, 2, 7)) for row in outcomes}
        values["total"] = sum(values.values())
        values["carried_out"] = rnd.randint(0, 3)
        values["carried_in"] = rnd.randint(0, values["total"] + values["carried_out"])
        values["new"] = values["total"] + values["carried_out"] - values["carried_in"]
        for row, value in values.items():
            report.set("applications", row, column, value)
            total = CellRef("applications", row, "total")
            report.cells[total] = (report.cells[total] or 0) + value
    report.sections.update(
        overall="\n".join(PARAGRAPH.format(n=rnd.randint(10, 999)) for _ in range(5)),
        problems="一是公开意识有待加强。\n二是公开质量有待提高。",
        other="本年度未收取信息处理费。",
    )
    return report


def shape(rnd: random.Random, text: str) -> str:
    roll = rnd.random()
    if roll < 0.07:
        return re.sub(r"\s+", " ", text)
    if roll < 0.14:
        return "\n".join(re.sub(r"\t+", "    ", line) for line in text.split("\n"))
    if roll < 0.2:
        return re.sub(r"(?<=\d)\t+(?=\d)", "", re.sub(r"(?<=[^\d\s])\t+(?=\d)", "", text))
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    rnd = random.Random(20240131)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(args.reports):
            path = Path(folder) / f"{index:05d}.txt"
            path.write_text(shape(rnd, render(random_report(rnd, index), "text")), encoding="utf-8")
            paths.append(path)

        started = time.perf_counter()
        lines = sum(len(p.read_bytes().decode("utf-8").splitlines()) for p in paths)
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        read = [read_path(p) for p in paths]
        parsing = time.perf_counter() - started

        started = time.perf_counter()
        checked = [check_read(r) for r in read]
        checking = time.perf_counter() - started

    unread = sum(r.report is None for r in read)
    errors = sum(c.errors > 0 for c in checked)
    n = args.reports
    print(f"reports: {n} ({lines} lines), unread: {unread}, with errors: {errors}")
    print(f"baseline  read file + split lines: {n / baseline:10.0f} reports/s")
    print(f"parse                            : {n / parsing:10.0f} reports/s  ({baseline / parsing:.3f} x baseline)")
    print(f"check                            : {n / checking:10.0f} reports/s")
    total = parsing + checking
    print(f"parse + check                    : {n / total:10.0f} reports/s  ({baseline / total:.3f} x baseline)")
    print(real_reports_line())


def real_reports_line() -> str:
    """The reader's score on the real published reports of tests/fixtures/real-reports (see its README)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.report.real_reports import score, summary

    return summary(score())


if __name__ == "__main__":
    main()
