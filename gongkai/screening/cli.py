"""`gongkai screen FILE...`: screen documents before publication and report what a reviewer must check.

Exit status: 0 when every file is clean, 1 when anything was found, 2 when a file or a dictionary
could not be read (the other files are still screened and reported).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from gongkai.screening.dictionaries import DictionaryError, builtin_dictionaries, load_dictionary
from gongkai.screening.extract import ExtractedDocument, ExtractionError, extract_text
from gongkai.screening.findings import SEVERITY_LABELS, Finding, ScreeningContext, Severity, locate
from gongkai.screening.screener import Screener

__all__ = ["main", "register", "run"]

EXIT_CLEAN, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2

_DESCRIPTION = """\
发布前筛查：密级标志、个人信息（身份证号、手机号、银行卡号、邮箱及相邻姓名）、错敏词、日期错误。
读取 TXT、HTML、DOCX、PDF；位置为提取出的文字中的“行:列”（从 1 起）和字符偏移（从 0 起）。
退出码：0 未发现问题，1 发现问题，2 有文件或词典无法读取。"""


def register(subparsers: Any) -> None:
    """Add the ``screen`` sub-command to the ``gongkai`` command."""
    parser = subparsers.add_parser(
        "screen",
        help="发布前筛查文件（涉密标识、个人信息、错敏词、日期）",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_arguments(parser)
    parser.set_defaults(handler=run)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="要筛查的文件（.txt .html .docx .pdf）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument(
        "--dict",
        action="append",
        default=[],
        metavar="FILE",
        dest="dictionaries",
        help="追加词典（TSV：词条、正确写法、类别、说明），可重复",
    )
    parser.add_argument("--no-builtin", action="store_true", help="不用内置词典，只用 --dict 给出的词典")
    parser.add_argument("--year", type=int, help="条目所属年份，用于检查“把其后的年份当作过去”")
    parser.add_argument("--date", type=_iso_date, help="条目日期 YYYY-MM-DD（比 --year 更精确）")
    parser.add_argument("--list-packs", action="store_true", help="列出内置词典及其来源后退出")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：{value}") from exc


def run(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Screen ``args.files`` and print the report; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    if args.list_packs:
        _print_packs(out)
        return EXIT_CLEAN
    if not args.files:
        print("gongkai screen: 请给出要筛查的文件", file=err)
        return EXIT_UNREADABLE
    try:
        extra = [load_dictionary(path) for path in args.dictionaries]
    except DictionaryError as exc:
        print(f"gongkai screen: 词典无法使用：{exc}", file=err)
        return EXIT_UNREADABLE
    dictionaries = extra if args.no_builtin else [*builtin_dictionaries(), *extra]
    screener = Screener(dictionaries)
    context = ScreeningContext(item_date=args.date, year=args.year) if args.date or args.year else None

    results: list[tuple[str, ExtractedDocument | None, list[Finding], str | None]] = []
    for path in args.files:
        try:
            document = extract_text(path)
        except ExtractionError as exc:
            print(f"gongkai screen: 无法读取 {path}：{exc}", file=err)
            results.append((path, None, [], str(exc)))
            continue
        results.append((path, document, screener.screen(document.text, context=context), None))

    if args.format == "json":
        json.dump(_json_report(results, screener), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_text_report(results, out)
    if any(error for *_, error in results):
        return EXIT_UNREADABLE
    return EXIT_FOUND if any(findings for _, _, findings, _ in results) else EXIT_CLEAN


def _position(document: ExtractedDocument, finding: Finding) -> dict[str, Any]:
    line, column = locate(document.text, finding.start)
    return {"line": line, "column": column, "offset": finding.start, "page": document.page_of(finding.start)}


def _print_text_report(
    results: list[tuple[str, ExtractedDocument | None, list[Finding], str | None]], out: TextIO
) -> None:
    totals = {Severity.ERROR: 0, Severity.WARNING: 0}
    for path, document, findings, error in results:
        if document is None:
            print(f"{path}: 无法读取：{error}", file=out)
            continue
        if not findings:
            print(f"{path}: 未发现问题", file=out)
            continue
        counts = {severity: sum(f.severity is severity for f in findings) for severity in totals}
        for severity, count in counts.items():
            totals[severity] += count
        print(f"{path}: {len(findings)} 处（错误 {counts[Severity.ERROR]}，提醒 {counts[Severity.WARNING]}）", file=out)
        for finding in findings:
            where = _position(document, finding)
            page = f" 第{where['page']}页" if where["page"] else ""
            print(
                f"  {path}:{where['line']}:{where['column']}{page} [偏移 {where['offset']}] "
                f"{SEVERITY_LABELS[finding.severity]} {finding.rule}：{finding.message}",
                file=out,
            )
            shown = finding.text.replace("\n", "⏎")
            line = f"      原文“{shown}”"
            if finding.suggestion:
                line += f" → {finding.suggestion}"
            print(line, file=out)
    unreadable = sum(document is None for _, document, _, _ in results)
    flagged = sum(bool(findings) for _, _, findings, _ in results)
    clean = len(results) - unreadable - flagged
    errors, warnings = totals[Severity.ERROR], totals[Severity.WARNING]
    print(
        f"共 {len(results)} 个文件：{flagged} 个有问题（错误 {errors}，提醒 {warnings}），"
        f"{clean} 个未发现问题，{unreadable} 个无法读取",
        file=out,
    )


def _json_report(
    results: list[tuple[str, ExtractedDocument | None, list[Finding], str | None]], screener: Screener
) -> dict[str, Any]:
    files = []
    for path, document, findings, error in results:
        entry: dict[str, Any] = {"path": path, "kind": None, "characters": None, "findings": [], "error": error}
        if document is not None:
            entry["kind"] = document.kind
            entry["characters"] = len(document.text)
            entry["findings"] = [finding.to_dict() | _position(document, finding) for finding in findings]
        files.append(entry)
    every = [finding for _, _, findings, _ in results for finding in findings]
    return {
        "files": files,
        "summary": {
            "files": len(results),
            "with_findings": sum(bool(findings) for _, _, findings, _ in results),
            "unreadable": sum(document is None for _, document, _, _ in results),
            "errors": sum(f.severity is Severity.ERROR for f in every),
            "warnings": sum(f.severity is Severity.WARNING for f in every),
        },
        "engine": {"backend": screener.backend, "fallback_reason": screener.automaton.fallback_reason},
        "dictionaries": [
            {"id": d.id, "name": d.name, "source": d.source, "entries": len(d.entries), "path": d.path}
            for d in screener.dictionaries
        ],
    }


def _print_packs(out: TextIO) -> None:
    for dictionary in builtin_dictionaries():
        print(f"{dictionary.id}（{dictionary.name}）：{len(dictionary.entries)} 条", file=out)
        print(f"    来源：{dictionary.source}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``screen`` on its own: ``python -m gongkai.screening.cli FILE...``."""
    parser = argparse.ArgumentParser(
        prog="gongkai screen", description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
