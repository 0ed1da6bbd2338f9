"""The publishing app's sub-command of `gongkai`: `rescreen`, the periodic re-check of published items."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    rescreen = subparsers.add_parser(
        "rescreen",
        help="复查已发布的主动公开信息（错敏信息、涉密标识、个人信息），列出待整改的信息",
        description="用内置词库和管理员维护的词典重新筛查已发布信息；有待整改的信息时退出码为 1（供定时任务使用）。",
    )
    rescreen.add_argument("--org", action="append", help="只复查这些机关（名称或编号，可重复）")
    rescreen.set_defaults(handler=_rescreen)


def _rescreen(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.db.models import Q

    from gongkai.orgs.models import Organisation
    from gongkai.publishing import services
    from gongkai.publishing.models import Item

    items = Item.objects.public()
    if args.org:
        wanted = Q()
        for name in args.org:
            wanted |= Q(pk=int(name)) if name.isdigit() else Q(name=name)
        orgs = list(Organisation.objects.filter(wanted))
        if len(orgs) < len(args.org):
            print("找不到机关：" + "、".join(args.org))
            return 2
        items = items.filter(org__in=orgs)
    count = services.rescreen_published(items)
    needing = services.needing_fixes(items).select_related("org")
    print(f"已复查 {count} 条已发布信息；待整改 {needing.count()} 条。")
    for item in needing:
        problems = "；".join(f"“{f.text}”{f.message}" for f in item.findings.filter(resolved_at__isnull=True)[:5])
        print(f"- [{item.org.name}] {item.index_number} {item.title}：{problems}")
    return 1 if needing.exists() else 0
