"""Demo data: the county's whole-area report held against its agencies' (a Region), and a supervisor's decision
on the 勾稽 error of 城关街道办事处's imported 2023 report (已确认)."""

from __future__ import annotations

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader

YEAR = 2023
MEMBERS = ("某县教育局", "某县财政局", "某县自然资源局", "大寨乡", "石桥镇", "河口镇", "城关街道办事处")


def load(ctx: DemoContext) -> None:
    from gongkai.findings import services
    from gongkai.findings.models import FindingDecision, Region

    county = ctx.org("某县人民政府")
    region, created = Region.objects.get_or_create(whole=county, defaults={"name": "某县（全县）"})
    if created:
        region.members.set([ctx.org(name) for name in MEMBERS])
    chengguan = ctx.org("城关街道办事处")
    if not FindingDecision.objects.filter(org=chengguan, year=YEAR).exists():
        balance = next((f for f in services.current_findings(chengguan, YEAR) if f.rule == "T3.balance"), None)
        if balance is not None:
            services.decide(chengguan, YEAR, balance, "confirmed", "已通知街道办更正后重新公开",
                            actor=ctx.user("county_supervisor"))  # fmt: skip
    ctx.notes.append(
        f"检查问题与区域比对：/findings/regions/?year={YEAR} 全县报告与所属机关之和逐格比对（区域在后台设定）；"
        "监督视图中城关街道办事处的勾稽问题已确认，其余问题待确认。"
    )


def register() -> None:
    register_loader("findings", load, order=95)
