"""`gongkai report`: check, render and describe annual reports from any file they are published in."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from gongkai.report.checking import CheckedReport, check_files, expand
from gongkai.report.findings import SEVERITY_LABELS, Finding
from gongkai.report.outcome import EXIT_CODES, LABELS, Outcome, counts_line, worst
from gongkai.report.read import read_path
from gongkai.spreadsheets import csv_writer

BINARY_FORMATS = ("docx", "xlsx", "pdf")
PROGRESS_FROM = 20  # files: from this many on, checking shows a progress bar on a terminal


def register(subparsers: Any) -> None:
    report = subparsers.add_parser("report", help="检查、转换年度报告（文本、HTML、DOCX、PDF、XLSX、JSON）")
    commands = report.add_subparsers(dest="report_command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="读取报告并检查勾稽关系等规则",
        description="每份报告的结论为：通过、有错误（内容违反规则）或未能完整读取（某部分无法读取，不算机关的错误）。",
        epilog="退出码：0 全部通过；1 有报告有错误；3 没有错误，但有报告未能完整读取；2 命令用法错误。",
    )
    check.add_argument("files", nargs="+", type=Path, help="报告文件或文件夹")
    check.add_argument("--format", choices=("text", "json", "csv"), default="text", help="输出格式")
    check.add_argument("--previous", type=Path, help="上年度报告（只检查一个文件时用于跨年度规则）")
    check.add_argument("-o", "--output", type=Path, help="写入文件（默认标准输出）")
    check.add_argument("--no-progress", action="store_true", help="不显示进度条")
    check.add_argument(
        "--jobs", type=_positive, default=None, metavar="N", help="同时读取文件的进程数（默认：全部CPU核心数）"
    )
    check.add_argument("--queue", action="store_true",
                       help="交给后台任务的工作进程（gongkai worker，可在多台机器上）经 Redis 读取和检查")
    check.add_argument("--redis-url", metavar="URL", help="--queue 所用的 Redis（默认：GONGKAI_TASKS_REDIS_URL）")
    check.add_argument("--decisions", type=_decisions, metavar="FILE.json", help="督查决定文件：已排除的问题不再列出")
    check.set_defaults(handler=_check)

    render = commands.add_parser("render", help="把报告转换为其他格式")
    render.add_argument("file", type=Path)
    render.add_argument("--to", required=True, choices=_formats(), help="目标格式")
    render.add_argument("-o", "--output", type=Path, help="写入文件（默认标准输出；DOCX、XLSX、PDF 不输出到终端）")
    render.set_defaults(handler=_render)

    schema = commands.add_parser("schema", help="输出年度报告数据的JSON Schema")
    schema.add_argument("-o", "--output", type=Path)
    schema.set_defaults(handler=_schema)

    from gongkai.findings.cli import add_region
    from gongkai.report.collect.cli import add_collect

    add_collect(commands)
    add_region(commands)


def _formats() -> list[str]:
    from gongkai.report.render import RENDERERS

    return list(RENDERERS)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}")
    return int(value)


def _decisions(value: str) -> Any:
    from gongkai.report.decisions import decisions_file

    return decisions_file(value)


def _check(args: argparse.Namespace) -> int:
    """Results are written as they come (a batch of 100,000 files is never held in memory)."""
    from gongkai.report.workers import default_jobs

    files = expand(args.files)
    jobs = min(args.jobs or default_jobs(), max(1, len(files)))
    bar = None
    if not args.no_progress and len(files) >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="份", desc="检查", file=sys.stderr)
    stops: tuple[type[Exception], ...] = ()  # what ends the output with a message (the queue's failures)
    if args.queue:  # workers on other machines, through Redis: Django is set up only here
        from gongkai.report import queue

        try:
            queue.setup(args.redis_url)
        except queue.QueueError as exc:
            print(f"gongkai: {exc}", file=sys.stderr)
            return 2
        stops = (queue.QueueError,)
        checked = queue.check_files(files, args.previous, progress=bar.update if bar is not None else None)
    else:
        checked = check_files(files, args.previous, jobs=jobs, progress=bar.update if bar is not None else None)
    if args.decisions is not None:  # supervisors' decisions: what was dismissed (已排除) is left out
        from gongkai.report.decisions import skip_dismissed

        checked = skip_dismissed(checked, args.decisions, sys.stderr)
    statuses: list[Outcome] = []

    def noted(results: Iterable[CheckedReport]) -> Iterator[CheckedReport]:
        for result in results:
            statuses.append(result.status)
            yield result

    try:
        with _open(args.output) as out:
            {"text": _write_text, "json": _write_json, "csv": _write_csv}[args.format](noted(checked), out)
    except stops as exc:
        print(f"\ngongkai: {exc}", file=sys.stderr)
        return 2
    if bar is not None:
        bar.close()
    return EXIT_CODES[worst(statuses)]


def _describe(result: CheckedReport) -> str:
    report = result.read.report
    if report is None:
        return "未能读取"
    return f"{report.agency} {report.year}年（{report.format.basis}格式）"


def _write_text(results: Iterable[CheckedReport], out: TextIO) -> None:
    statuses, total_errors = [], 0
    for result in results:
        statuses.append(result.status)
        total_errors += result.errors
        out.write(
            f"== {result.read.source}：{_describe(result)}：{LABELS[result.status]}"
            f"（{result.errors}个错误，{result.warnings}个提醒）\n"
        )
        for f in result.findings:
            out.write(f"  [{SEVERITY_LABELS[f.severity]}] {f.rule} {f.message}{_details(f)}\n")
    out.write(f"{counts_line(statuses)}（共{total_errors}个错误）\n")


def _details(f: Finding) -> str:
    parts = []
    if f.expected is not None or f.found is not None:
        parts.append(f"应为{f.expected}，实为{f.found}")
    if f.source is not None:
        parts.append(f"位置：{f.source}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _summary(result: CheckedReport) -> dict[str, Any]:
    report = result.read.report
    return {
        "file": result.read.source,
        "kind": result.read.kind,
        "format": result.read.format_id,
        "agency": report.agency if report else None,
        "year": report.year if report else None,
        "status": result.status.value,
        "status_label": LABELS[result.status],
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [f.to_dict() for f in result.findings],
    }


def _write_json(results: Iterable[CheckedReport], out: TextIO) -> None:
    """A JSON array, written one report at a time (as `json.dump(..., indent=2)` would lay it out)."""
    separator = "[\n"
    for result in results:
        out.write(separator + textwrap.indent(json.dumps(_summary(result), ensure_ascii=False, indent=2), "  "))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


CSV_HEADER = ("文件", "机关", "年度", "格式", "结论", "级别", "规则", "说明", "单元格", "应为", "实为", "位置")


def _write_csv(results: Iterable[CheckedReport], out: TextIO) -> None:
    """One line per finding (a report without findings: one line with its conclusion), UTF-8 with a BOM
    so that Excel on Chinese Windows opens it as UTF-8."""
    out.write("\ufeff")
    writer = csv_writer(out, lineterminator="\n")  # a file named “=1+1.txt” makes no formula
    writer.writerow(CSV_HEADER)
    for result in results:
        report = result.read.report
        head = (
            result.read.source,
            report.agency if report else "",
            report.year if report else "",
            result.read.format_id or "",
            LABELS[result.status],
        )
        if not result.findings:
            writer.writerow(head + ("",) * 7)
        for f in result.findings:
            writer.writerow(
                (
                    *head,
                    SEVERITY_LABELS[f.severity],
                    f.rule,
                    f.message,
                    " ".join(str(c) for c in f.cells),
                    f.expected or "",
                    f.found or "",
                    str(f.source or ""),
                )
            )


def _render(args: argparse.Namespace) -> int:
    from gongkai.report.checking import check_read
    from gongkai.report.render import render
    from gongkai.report.render.fonts import FontMissing

    if args.output is None and args.to in BINARY_FORMATS and sys.stdout.isatty():
        print(f"gongkai: {args.to.upper()} 是二进制文件，不能输出到终端：请用 -o 指定输出文件。", file=sys.stderr)
        return 2
    result = read_path(args.file)
    if result.report is None:
        for f in result.findings:
            print(f"{args.file}：[{SEVERITY_LABELS[f.severity]}] {f.message}", file=sys.stderr)
        return 1
    findings = check_read(result).findings if args.to == "xlsx" else None
    try:
        output = render(result.report, args.to, findings=findings)
    except FontMissing as exc:
        print(f"无法生成{args.to.upper()}：{exc}", file=sys.stderr)
        return 2
    if args.output is not None:
        data = output.encode("utf-8") if isinstance(output, str) else output
        args.output.write_bytes(data)
    elif isinstance(output, str):
        sys.stdout.write(output)
    else:
        sys.stdout.buffer.write(output)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from gongkai.report.jsonio import json_schema_text

    with _open(args.output) as out:
        out.write(json_schema_text())
    return 0


class _open:
    """Standard output, or a UTF-8 file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path is None:
            return sys.stdout
        self.file = self.path.open("w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()
