"""`gongkai annual render`: an agency's report for a year from the records (the published version once published)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMATS = ("text", "json", "html", "docx", "xlsx", "pdf")


def register(subparsers: Any) -> None:
    annual = subparsers.add_parser("annual", help="annual reports in the platform", description="平台中的年度报告")
    commands = annual.add_subparsers(dest="annual_command", required=True, metavar="COMMAND")
    render = commands.add_parser(
        "render",
        help="write an agency's report for a year (draft from the records, or the published version)",
        description="输出一个机关某年度的年度报告：已公开的为最新公开版本，否则为由记录生成的草稿。",
    )
    render.add_argument("--org", required=True, help="机关名称、简称或统一社会信用代码")
    render.add_argument("--year", required=True, type=int, help="报告年度")
    render.add_argument("--to", choices=FORMATS, default="text", help="输出格式（默认 text）")
    render.add_argument("-o", "--output", type=Path, help="写入文件（DOCX、XLSX、PDF 须指定）")
    render.set_defaults(handler=_render)


def _render(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.db.models import Q

    from gongkai.annual import drafting, services
    from gongkai.annual.models import Report
    from gongkai.orgs.models import Organisation
    from gongkai.report.render import render

    name = args.org.strip()
    org = Organisation.objects.filter(Q(name=name) | Q(short_name=name) | Q(credit_code=name.upper())).first()
    if org is None:
        print(f"gongkai: 找不到机关“{name}”（可用名称、简称或统一社会信用代码）。", file=sys.stderr)
        return 2
    report = Report.objects.filter(org=org, year=args.year).first()
    try:
        content = services.current_report(report) if report is not None else drafting.draft(org, args.year)
    except drafting.YearNotDraftable as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return 2
    if args.to == "xlsx":
        from gongkai.report.render.xlsx import render_xlsx

        data: str | bytes = render_xlsx(content, findings=drafting.check_draft(
            content, drafting.previous_report(org, args.year)))
    else:
        data = render(content, args.to)
    if args.output is not None:
        args.output.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    elif isinstance(data, bytes):
        print("gongkai: DOCX、XLSX、PDF 请用 -o 指定输出文件。", file=sys.stderr)
        return 2
    else:
        sys.stdout.write(data)
    return 0
