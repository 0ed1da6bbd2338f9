"""Reports per second written and read back in every format, beside baselines measured in the same run.

    .venv/bin/python benchmarks/bench_formats.py [--reports 200] [--pdf-reports 10]

What is measured, so the figures can be judged:
- Reports: random reports of the 2021 format (fixed seed), every table filled, five paragraphs in
  一, two in 五, one in 六 — about the size of a township's report.
- write: `render(report, kind)` to the file's bytes (str encoded for HTML), in memory.
- to_text: the format's own reader, document bytes to report text (`gongkai.report.read.K.to_text`).
- read: `read_bytes`, the whole way from bytes to the model: sniffing, to_text, the text parser.
  Each read is checked against the report written: a difference is printed and the script exits 1.
- Baselines: reading the same files' bytes back from a temporary folder (what no reader can beat),
  and the plain text format written and read the same way (what every other format is read as).
PDF is measured on fewer reports: writing one embeds font subsets cut from the large CJK fonts.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.render import render

KINDS = ("text", "html", "docx", "xlsx", "pdf")
AGENCIES = ("大寨乡", "某县教育局", "某县人民政府", "某街道办事处", "某县财政局", "某镇人民政府")
PARAGRAPH = "我乡严格落实政府信息公开制度，全年主动公开政府信息{n}条，依申请公开渠道畅通，政府信息管理规范。"


def random_report(rnd: random.Random, index: int) -> AnnualReport:
    report = AnnualReport.zeros(f"{rnd.choice(AGENCIES)}{index}", rnd.choice((2021, 2022, 2023, 2024)))
    fmt = report.format
    for table in fmt.tables:
        if table.key not in ("applications", "appeals"):
            for ref in table.cells():
                report.cells[ref] = rnd.randint(0, 500)
    report.set("art20_8", "fees", "fee_amount", f"{rnd.randint(0, 99999) / 100:.2f}")
    table = fmt.table("applications")
    outcomes = [r.key for r in table.rows if r.path and r.key != "total"]
    for column in [c.key for c in table.columns if c.key != "total"]:
        values = {row: rnd.choice((0, 0, 0, 1, 2, 7)) for row in outcomes}
        values["total"] = sum(values.values())
        values["carried_out"] = rnd.randint(0, 3)
        values["carried_in"] = rnd.randint(0, values["total"] + values["carried_out"])
        values["new"] = values["total"] + values["carried_out"] - values["carried_in"]
        for row, value in values.items():
            report.set("applications", row, column, value)
            total = CellRef("applications", row, "total")
            report.cells[total] = (report.cells[total] or 0) + value
    for group in ("review", "direct_suit", "suit_after_review"):
        parts = [rnd.randint(0, 2) for _ in range(4)]
        for key, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            report.set("appeals", "cases", f"{group}.{key}", value)
        report.set("appeals", "cases", f"{group}.total", sum(parts))
    report.sections.update(
        overall="\n".join(PARAGRAPH.format(n=rnd.randint(10, 999)) for _ in range(5)),
        problems="一是公开意识有待加强。\n二是公开质量有待提高。",
        other="本年度未收取信息处理费。",
    )
    return report


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--pdf-reports", type=int, default=10)
    args = parser.parse_args()
    rnd = random.Random(20240131)
    reports = [random_report(rnd, i) for i in range(args.reports)]
    rows: list[tuple[str, int, float, float, float, float]] = []
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for kind in KINDS:
            batch = reports[: args.pdf_reports] if kind == "pdf" else reports
            n = len(batch)

            def write(batch: list[AnnualReport] = batch, kind: str = kind) -> list[bytes]:
                out = []
                for report in batch:
                    data = render(report, kind)
                    out.append(data.encode("utf-8") if isinstance(data, str) else data)
                return out

            writing, written = timed(write)
            assert isinstance(written, list)
            paths = []
            for i, data in enumerate(written):
                path = Path(folder) / f"{kind}-{i:04d}"
                path.write_bytes(data)
                paths.append(path)
            baseline, _ = timed(lambda paths=paths: [p.read_bytes() for p in paths])
            if kind == "text":
                extracting = 0.0
            else:
                module = __import__(f"gongkai.report.read.{kind}", fromlist=["to_text"])
                extracting, _ = timed(lambda written=written, module=module: [module.to_text(d) for d in written])
            reading, results = timed(lambda written=written: [read_bytes(d) for d in written])
            assert isinstance(results, list)
            for report, result in zip(batch, results, strict=True):
                if result.report != report:
                    failed += 1
                    print(f"{kind}: {report.title} did not read back as written", file=sys.stderr)
            rows.append((kind, n, writing, extracting, reading, baseline))

    text = next(r for r in rows if r[0] == "text")
    text_read = text[4] / text[1]  # seconds per text report read
    header = f"{'format':6} {'n':>4} {'write/s':>9} {'to_text/s':>10} {'read/s':>8} {'bytes/s':>9}"
    print(header + "  read vs bytes  read vs text")
    for kind, n, writing, extracting, reading, baseline in rows:
        to_text = f"{n / extracting:10.1f}" if extracting else f"{'-':>10}"
        per_report = reading / n
        print(
            f"{kind:6} {n:4d} {n / writing:9.1f} {to_text} {n / reading:8.1f} {n / baseline:9.0f}"
            f"  {baseline / reading:13.5f}  {text_read / per_report:12.3f}"
        )
    print("(/s: reports per second; 'read vs bytes' = read rate / rate of reading the files' bytes;")
    print(" 'read vs text' = read rate / read rate of the plain text format)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
