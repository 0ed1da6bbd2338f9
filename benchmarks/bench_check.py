"""`gongkai report check` end to end on a mixed corpus, per kind and overall, with --jobs 1 and --jobs 2.

    .venv/bin/python benchmarks/bench_check.py [--files 2000] [--jobs 1 2] [--distinct 2000]

What is measured, so the figures can be judged:
- Corpus: random valid reports of the 2021 format (fixed seed, as in bench_formats), rendered as
  30 % PDF, 20 % DOCX, 40 % HTML and 10 % text (600/400/800/200 of 2,000 files). At most
  `--distinct` files are rendered; a larger corpus (`--files 100000`) repeats them under other names
  (hard links). The corpus is kept in the temporary directory and reused by the next run.
- check: `python -m gongkai.cli report check --format json -o FILE --jobs J` on each kind's folder
  and on the whole corpus, as a separate process: wall seconds (start-up included), CPU seconds of
  the command and its workers, the largest resident memory of the command or a worker (it must stay flat), files/s.
  The JSON is then read: how many files were read back as the report written (the same models).
- Baselines in the same run: reading the files' bytes (what no reader can beat); the PDFs' text
  by `pdftotext -layout` (poppler, one process a file) and by pypdfium2's raw `get_text_range`
  (no tables, no layout: the speed of PDFium itself), in pages/s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_formats import random_report

from gongkai.report.jsonio import dumps
from gongkai.report.render import render

SHARES = {"pdf": 0.30, "docx": 0.20, "html": 0.40, "text": 0.10}
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}
VERSION = "1"  # change when the corpus is made differently


def corpus(files: int, distinct: int) -> Path:
    """The corpus folder (one sub-folder per kind) and the written models (expected.json), made once and kept."""
    root = Path(tempfile.gettempdir()) / f"gongkai-bench-check-v{VERSION}-{files}-{distinct}"
    if (root / "expected.json").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    rnd = random.Random(20240131)
    expected: dict[str, str] = {}
    counts = {kind: round(files * share) for kind, share in SHARES.items()}
    counts["html"] += files - sum(counts.values())
    made = 0
    for kind, count in counts.items():
        folder = root / kind
        folder.mkdir(parents=True)
        rendered = max(1, round(min(files, distinct) * SHARES[kind]))
        first: list[Path] = []
        for i in range(count):
            path = folder / f"{kind}-{i:06d}{SUFFIX[kind]}"
            if i < rendered:
                report = random_report(rnd, made)
                data = render(report, kind)
                path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
                expected[path.name] = dumps(report)
                first.append(path)
            else:  # the same file again, under another name
                source = first[i % rendered]
                os.link(source, path)
                expected[path.name] = expected[source.name]
            made += 1
        print(f"corpus: {count} {kind} files ({rendered} rendered)", file=sys.stderr)
    (root / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    return root


def check(folder: Path, jobs: int, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (command and workers) and the command's peak memory in MiB of one check."""
    command = [sys.executable, "-m", "gongkai.cli", "report", "check", "--format", "json", "--no-progress"]
    started = time.perf_counter()
    # posix_spawn, not fork: a forked copy of this process would count its memory as the command's peak
    pid = os.posix_spawn(command[0], [*command, "--jobs", str(jobs), "-o", str(out), str(folder)], os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 3):
        raise SystemExit(f"gongkai report check failed with exit status {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def same_models(out: Path, expected: dict[str, str]) -> tuple[int, int]:
    """How many files of a check's JSON were read back as the report written, of how many."""
    from gongkai.report.read import read_path

    results = json.loads(out.read_text(encoding="utf-8"))
    # the JSON has each file's agency and year; for the whole model, read a sample of them again in-process
    sample = results[:: max(1, len(results) // 50)]
    same = 0
    for entry in sample:
        report = read_path(entry["file"]).report
        same += report is not None and dumps(report) == expected[Path(entry["file"]).name]
    return same, len(sample)


def read_bytes_rate(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        path.read_bytes()
    return len(paths) / (time.perf_counter() - started)


def pdf_baselines(paths: list[Path]) -> tuple[int, float | None, float]:
    """Pages, and pages/s of pdftotext -layout (None when poppler is missing) and of pypdfium2's raw text."""
    import pypdfium2 as pdfium

    pages = 0
    started = time.process_time()
    for path in paths:
        document = pdfium.PdfDocument(path)
        for page in document:
            page.get_textpage().get_text_range()
            pages += 1
        document.close()
    raw = pages / (time.process_time() - started)
    tool = shutil.which("pdftotext")
    if tool is None:
        return pages, None, raw
    started = time.perf_counter()
    for path in paths:
        subprocess.run([tool, "-layout", str(path), "-"], check=True, stdout=subprocess.DEVNULL)
    return pages, pages / (time.perf_counter() - started), raw


def _burn(n: int) -> None:
    total = 0
    for i in range(n):
        total += i * i


def parallel_capacity(jobs: int, n: int = 10_000_000) -> float:
    """How much more pure-Python work `jobs` processes do than one in the same time, on this machine now: the
    most `--jobs N` can gain (a shared virtual machine may give much less than N)."""
    started = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - started
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_burn, args=(n,)) for _ in range(jobs)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return jobs * one / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--distinct", type=int, default=2000, help="at most this many files rendered")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    root = corpus(args.files, args.distinct)
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    kinds = list(SHARES)
    paths = {kind: sorted((root / kind).iterdir()) for kind in kinds}
    pages, poppler, raw = pdf_baselines(paths["pdf"][:600])
    pdf_sample = len(paths["pdf"][:600])
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out.json"
        rows = []
        for kind in [*kinds, "all"]:
            folder = root if kind == "all" else root / kind
            files = sum(len(p) for p in paths.values()) if kind == "all" else len(paths[kind])
            baseline = read_bytes_rate([p for k in kinds for p in paths[k]] if kind == "all" else paths[kind])
            for jobs in args.jobs:
                wall, cpu, peak = check(folder, jobs, out)
                same, sampled = same_models(out, expected) if kind != "all" else (0, 0)
                rows.append((kind, files, jobs, wall, cpu, peak, baseline, same, sampled))
                print(f"  {kind} --jobs {jobs}: {files / wall:.1f} files/s", file=sys.stderr)
    print(f"{'kind':5} {'files':>6} {'jobs':>4} {'files/s':>8} {'per CPU-s':>9} {'peak MiB':>8} "
          f"{'bytes/s':>9} {'same model':>10}")  # fmt: skip
    for kind, files, jobs, wall, cpu, peak, baseline, same, sampled in rows:
        model = f"{same}/{sampled}" if sampled else "-"
        rates = f"{files / wall:8.1f} {files / cpu:9.1f}"
        print(f"{kind:5} {files:6d} {jobs:4d} {rates} {peak:8.0f} {baseline:9.0f} {model:>10}")
    pdf_pages_per_file = pages / pdf_sample
    print(f"PDF: {pdf_pages_per_file:.1f} pages a file; raw pypdfium2 text {raw:.0f} pages/s (CPU)", end="")
    print(f"; pdftotext -layout {poppler:.0f} pages/s" if poppler else "; pdftotext not installed")
    for kind, files, jobs, _, cpu, *_ in rows:
        if kind == "pdf":
            print(f"gongkai PDF check --jobs {jobs}: {files * pdf_pages_per_file / cpu:.0f} pages per CPU-second "
                  f"= {files * pdf_pages_per_file / cpu / raw:.0%} of raw pypdfium2")  # fmt: skip
    for jobs in args.jobs:
        if jobs > 1:
            gain = parallel_capacity(jobs)
            print(f"this machine now: {jobs} processes of pure Python do {gain:.2f}x the work of one")
    print("(files/s: wall clock, start-up included; per CPU-s: files per CPU-second of the command and its workers;")
    print(" peak: the largest resident memory of the command or a worker;")
    print(" same model: a sample of the files read back as the report written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
