"""`gongkai report`: check, render and describe annual reports from any file they are published in."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from gongkai.report.checking import CheckedReport, check_files, expand
from gongkai.report.findings import SEVERITY_LABELS, Finding
from gongkai.report.read import read_path

PROGRESS_FROM = 20  # files: from this many on, checking shows a progress bar on a terminal


def register(subparsers: Any) -> None:
    report = subparsers.add_parser("report", help="检查、转换年度报告（文本、HTML、DOCX、PDF、XLSX、JSON）")
    commands = report.add_subparsers(dest="report_command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="读取报告并检查勾稽关系等规则；有错误时退出码为1")
    check.add_argument("files", nargs="+", type=Path, help="报告文件或文件夹")
    check.add_argument("--format", choices=("text", "json", "csv"), default="text", help="输出格式")
    check.add_argument("--previous", type=Path, help="上年度报告（只检查一个文件时用于跨年度规则）")
    check.add_argument("-o", "--output", type=Path, help="写入文件（默认标准输出）")
    check.add_argument("--no-progress", action="store_true", help="不显示进度条")
    check.set_defaults(handler=_check)

    render = commands.add_parser("render", help="把报告转换为其他格式")
    render.add_argument("file", type=Path)
    render.add_argument("--to", required=True, choices=_formats(), help="目标格式")
    render.add_argument("-o", "--output", type=Path, help="写入文件（默认标准输出）")
    render.set_defaults(handler=_render)

    schema = commands.add_parser("schema", help="输出年度报告数据的JSON Schema")
    schema.add_argument("-o", "--output", type=Path)
    schema.set_defaults(handler=_schema)


def _formats() -> list[str]:
    from gongkai.report.render import RENDERERS

    return list(RENDERERS)


def _check(args: argparse.Namespace) -> int:
    files = expand(args.files)
    checked = check_files(files, args.previous)
    if not args.no_progress and len(files) >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        checked = tqdm(checked, total=len(files), unit="份", desc="检查", file=sys.stderr)
    results = list(checked)
    with _open(args.output) as out:
        {"text": _write_text, "json": _write_json, "csv": _write_csv}[args.format](results, out)
    return 1 if any(r.errors for r in results) else 0


def _describe(result: CheckedReport) -> str:
    report = result.read.report
    if report is None:
        return "未能读取"
    return f"{report.agency} {report.year}年（{report.format.basis}格式）"


def _write_text(results: list[CheckedReport], out: TextIO) -> None:
    for result in results:
        out.write(f"== {result.read.source}：{_describe(result)}：{result.errors}个错误，{result.warnings}个提醒\n")
        for f in result.findings:
            out.write(f"  [{SEVERITY_LABELS[f.severity]}] {f.rule} {f.message}{_details(f)}\n")
    total_errors = sum(r.errors for r in results)
    failing = sum(1 for r in results if r.errors)
    out.write(f"共{len(results)}份报告，{failing}份有错误（{total_errors}个错误）\n")


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
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [f.to_dict() for f in result.findings],
    }


def _write_json(results: list[CheckedReport], out: TextIO) -> None:
    json.dump([_summary(r) for r in results], out, ensure_ascii=False, indent=2)
    out.write("\n")


CSV_HEADER = ("文件", "机关", "年度", "格式", "级别", "规则", "说明", "单元格", "应为", "实为", "位置")


def _write_csv(results: list[CheckedReport], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for result in results:
        report = result.read.report
        for f in result.findings:
            writer.writerow(
                (
                    result.read.source,
                    report.agency if report else "",
                    report.year if report else "",
                    result.read.format_id or "",
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
