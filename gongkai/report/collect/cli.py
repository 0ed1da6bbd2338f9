"""`gongkai report collect URLS.txt --year Y`: the year's reports fetched from the agencies' sites, kept, checked."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from gongkai.report.findings import SEVERITY_LABELS
from gongkai.report.outcome import EXIT_CODES, LABELS, Outcome, worst


def add_collect(commands: Any) -> None:
    collect = commands.add_parser(
        "collect",
        help="从各机关网站收集某年度的年度报告并检查",
        description="URLS文件每行一个网址（机关的“政府信息公开年报”栏目或报告页面），可在网址前写机关名称，#开头为注释。"
        "找到的报告按版本保存在 --store 文件夹（网址、抓取时间、哈希），再次运行时未变的报告不重复下载。",
        epilog="退出码：0 全部找到且通过；1 有报告有错误或未找到；3 有报告未能完整读取；2 命令用法错误。",
    )
    collect.add_argument("urls", type=Path, help="网址清单文件")
    collect.add_argument("--year", type=_year, required=True, help="报告年度")
    collect.add_argument("--store", type=Path, default=Path("gongkai-collect"), help="保存报告各版本的文件夹")
    collect.add_argument("--delay", type=_seconds, default=1.0, help="对同一网站两次请求之间的间隔秒数（默认1）")
    collect.add_argument("--timeout", type=_seconds, default=20.0, help="连接和读取的超时秒数（默认20）")
    collect.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    collect.add_argument("-o", "--output", type=Path, help="写入文件（默认标准输出）")
    collect.set_defaults(handler=_collect)


def _year(value: str) -> int:
    if not value.isdigit() or not 2008 <= int(value) <= 2100:
        raise argparse.ArgumentTypeError(f"年度应为2008至2100之间的整数：{value}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为秒数：{value}") from None
    if not 0 <= seconds <= 3600:
        raise argparse.ArgumentTypeError(f"秒数应在0至3600之间：{value}")
    return seconds


def read_urls(text: str) -> list[str]:
    """The URL of each line (the last field: a name may come before it); blank lines and # comments skipped."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line.split()[-1])
    return urls


def _collect(args: argparse.Namespace) -> int:
    from gongkai.report.collect import Collector, Fetcher, FolderStore

    try:
        urls = read_urls(args.urls.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"gongkai: 无法读取网址清单 {args.urls}：{exc}", file=sys.stderr)
        return 2
    collector = Collector(
        FolderStore(args.store),
        Fetcher(delay=args.delay, timeout=args.timeout),
        now=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    statuses: list[Outcome] = []
    rows: list[dict[str, Any]] = []
    out: TextIO = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for url in urls:
            result = collector.collect_one(url, args.year)
            status = result.checked.status if result.checked is not None else Outcome.ERRORS
            statuses.append(status)
            row = summary(result)
            rows.append(row)
            if args.format == "text":
                out.write(_text(row))
        if args.format == "json":
            json.dump(rows, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            found = sum(row["found"] for row in rows)
            new = sum(row["new_version"] for row in rows)
            out.write(f"共{len(rows)}个网址：找到{found}份报告（新版本{new}份），未找到{len(rows) - found}个\n")
    finally:
        if args.output:
            out.close()
    return EXIT_CODES[worst(statuses)]


def summary(result: Any) -> dict[str, Any]:
    """One agency URL's result as JSON."""
    checked = result.checked
    return {
        "url": result.start_url,
        "year": result.year,
        "found": result.found,
        "report_url": result.report_url,
        "version": vars(result.version) if result.version else None,
        "new_version": result.new_version,
        "downloads": result.downloads,
        "status": checked.status.value if checked else None,
        "status_label": LABELS[checked.status] if checked else "未找到",
        "agency": checked.read.report.agency if checked and checked.read.report else None,
        "errors": checked.errors if checked else 0,
        "warnings": checked.warnings if checked else 0,
        "findings": [f.to_dict() for f in result.findings + (checked.findings if checked else [])],
    }


def _text(row: dict[str, Any]) -> str:
    if row["found"]:
        state = "新版本" if row["new_version"] else "未变"
        head = (
            f"== {row['url']}：找到 {row['report_url']}（{state}）：{row['agency'] or ''} {row['status_label']}"
            f"（{row['errors']}个错误，{row['warnings']}个提醒）\n"
        )
    else:
        head = f"== {row['url']}：未找到{row['year']}年的报告\n"
    lines = [f"  [{SEVERITY_LABELS[f['severity']]}] {f['rule']} {f['message']}\n" for f in row["findings"]]
    return head + "".join(lines)
