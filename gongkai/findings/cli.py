"""`gongkai report region REGION.json FILES…`: whole-area reports held against the sum of their agencies' reports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_region(commands: Any) -> None:
    region = commands.add_parser(
        "region",
        help="全区报告与所属机关报告之和逐格比对（表三、表四、第二十条）",
        description="区域文件（JSON）写明区域名称、发布全区报告的机关和所属机关："
        '{"name": "某县", "whole": "某县人民政府", "agencies": ["某县教育局", "…"]}。'
        "机关名称须与报告中的机关名称一致。",
        epilog="退出码：0 全区报告与所属机关之和一致；1 有不一致或缺少报告；3 没有全区报告；2 用法错误。",
    )
    region.add_argument("region", type=_region, help="区域文件（JSON）")
    region.add_argument("files", nargs="+", type=Path, help="全区报告和所属机关的报告文件或文件夹")
    region.add_argument("--year", type=int, help="只比对这一年度（默认：全区报告的每个年度）")
    region.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    region.set_defaults(handler=_run)


def _region(value: str) -> Any:
    from gongkai.findings.region import RegionError, load_region

    try:
        return load_region(Path(value))
    except RegionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _run(args: argparse.Namespace) -> int:
    from gongkai.findings.region import compare_batch
    from gongkai.report.checking import expand
    from gongkai.report.findings import SEVERITY_LABELS
    from gongkai.report.read import read_path

    reports = [r.report for r in map(read_path, expand(args.files)) if r.report is not None]
    results = compare_batch(args.region, reports, args.year)
    if args.format == "json":
        rows = [
            {"region": args.region.name, "year": y, "findings": [f.to_dict() for f in fs]} for y, fs in results.items()
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for year, findings in results.items():
            count = len(args.region.agencies)
            sys.stdout.write(
                f"== {args.region.name} {year}年：全区报告与{count}个所属机关之和比对，{len(findings)}个问题\n"
            )
            for f in findings:
                sys.stdout.write(f"  [{SEVERITY_LABELS[f.severity]}] {f.rule} {f.message}\n")
        if not results:
            sys.stdout.write(f"文件中没有{args.region.whole}的报告\n")
    if not results:
        return 3
    return 1 if any(results.values()) else 0
