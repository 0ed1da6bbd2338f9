"""Demo: the county has sent 河口镇 a 整改通知 about its late annual report (waiting for the answer), and
has a draft 通报 of last year drafted from the records."""

from __future__ import annotations

from django.utils import timezone

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader


def load(ctx: DemoContext) -> None:
    from gongkai.oversight import bulletins, services
    from gongkai.oversight.constants import ItemKind
    from gongkai.oversight.models import Bulletin, Notice

    if Notice.objects.exists() or Bulletin.objects.exists():
        return
    county, supervisor, today = ctx.org("某县人民政府"), ctx.user("county_supervisor"), timezone.localdate()
    year = today.year - 1
    due = services.default_due(today)
    if due is not None:
        services.issue(ctx.org("河口镇"), actor=supervisor, office=county, year=year, due_on=due,
                       items=[(ItemKind.OTHER, "政府信息公开指南中的办公时间和联系电话未更新。")],
                       note="请于期限内更新公开指南，并报送整改情况。")
    bulletins.save_bulletin(county, actor=ctx.user("county_head"), data={
        "year": year, "kind": "general", "title": f"关于{year}年度政府信息公开工作情况的通报",
        "number": "", "addressees": "各乡镇人民政府、街道办事处，县直各部门",
        "body": bulletins.draft_body(county, year, today), "signed_on": today})


def register() -> None:
    register_loader("oversight", load, order=90)
