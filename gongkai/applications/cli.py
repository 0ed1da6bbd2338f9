"""The requests app's sub-commands of `gongkai`: `remind` (for cron) and `requests import`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    remind = subparsers.add_parser(
        "remind",
        help="发送申请到期提醒邮件（供定时任务每日调用）",
        description="向经办人发送即将到期（5个工作日内）或已逾期的政府信息公开申请提醒邮件，"
        "经 Django 的邮件后端发送（未配置 SMTP 时写入数据目录的 outbox/）。",
    )
    remind.add_argument("--date", type=date.fromisoformat, help="按哪一天计算（默认今天），YYYY-MM-DD")
    remind.add_argument("--org", action="append", help="只提醒这些机关（名称或编号，可重复）")
    remind.add_argument("--dry-run", action="store_true", help="只列出将要发送的提醒，不发送")
    remind.set_defaults(handler=_remind)

    requests = subparsers.add_parser("requests", help="依申请公开：导入申请台账")
    commands = requests.add_subparsers(dest="requests_command", required=True, metavar="COMMAND")
    importer = commands.add_parser(
        "import",
        help="从 XLSX/CSV 导入申请台账（有任何错误行则一条也不导入）",
        description="列：收到申请日期、申请方式、申请人类型、申请人、证件号码、联系电话、所需信息、办理结果、办结日期。",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--org", required=True, help="导入到哪个机关（名称或编号）")
    importer.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    importer.set_defaults(handler=_import)


def _org(text: str) -> Any:
    from gongkai.orgs.models import Organisation

    found = Organisation.objects.filter(pk=int(text)) if text.isdigit() else Organisation.objects.filter(name=text)
    org = found.first()
    if org is None:
        raise SystemExit(f"gongkai: 没有名为“{text}”的机关")
    return org


def _remind(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.applications.reminders import reminders, send_reminders

    org_ids = [_org(o).pk for o in args.org] if args.org else None
    if args.dry_run:
        messages, nobody = reminders(today=args.date, org_ids=org_ids)
    else:
        messages, nobody = send_reminders(today=args.date, org_ids=org_ids)
    verb = "将发送" if args.dry_run else "已发送"
    for message in messages:
        print(f"{verb}：{message.person} <{message.recipient}>，{len(message.items)}件")
    for line in nobody:
        print(f"无法提醒：{line}", file=sys.stderr)
    print(f"共{len(messages)}封提醒邮件{'（未发送）' if args.dry_run else ''}。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.applications.importer import RegisterImportError, import_register

    org = _org(args.org)
    try:
        content = args.file.read_bytes()
    except OSError as exc:
        print(f"gongkai: 无法读取 {args.file}：{exc.strerror}", file=sys.stderr)
        return 2
    try:
        created = import_register(org, args.file.name, content, actor=None, dry_run=args.dry_run)
    except RegisterImportError as exc:
        print(f"{args.file}：台账有{len(exc.problems)}处问题，未导入任何记录。", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("检查通过，未导入（--dry-run）。" if args.dry_run else f"已导入{len(created)}件申请到{org}。")
    return 0
