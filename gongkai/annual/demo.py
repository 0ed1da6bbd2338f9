"""Demo data: 大寨乡's 2023 report published in the platform (it is the seed, cell for cell), and the county's
other agencies at every stage — published, imported from their files (one with a 勾稽 error), in review, late.

大寨乡's text sections are read from the seed (a real published report) through `gongkai.report.read`; its
tables come from its records (no requests, no appeals, no normative documents, zero 第二十条 figures).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader

SEED = Path(__file__).with_name("demo_data") / "dazhai-2023.txt"
YEAR = 2023
COUNTY_DEADLINE = (3, 31)  # 条例 第四十九条: the county government's own report by 31 March


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _deadlines(ctx: DemoContext) -> None:
    """The county government's own report is due by 31 March (where still the default, 31 January); the
    townships keep the default, which is the local date here (a county may set an earlier one per agency)."""
    from gongkai.orgs.constants import OrgKind
    from gongkai.orgs.models import Organisation
    from gongkai.orgs.services import update_org

    for org in Organisation.objects.filter(kind=OrgKind.COUNTY_GOV, report_deadline_month=1, report_deadline_day=31):
        update_org(org, actor=None, data={"report_deadline_month": COUNTY_DEADLINE[0],
                                          "report_deadline_day": COUNTY_DEADLINE[1]})


def _publish_dazhai(ctx: DemoContext) -> None:
    from gongkai.annual import figures, services
    from gongkai.annual.constants import Decision, ReportStatus
    from gongkai.annual.models import Art20Figures, Report
    from gongkai.report.read import read_path

    dazhai = ctx.org("大寨乡")
    if Report.objects.filter(org=dazhai, year=YEAR).exists():
        return
    handler = ctx.user("dazhai_handler")
    if not Art20Figures.objects.filter(org=dazhai, year=YEAR).exists():
        zeros = {"licensing": 0, "penalty": 0, "coercion": 0, "fees": Decimal(0)}
        figures.save_figures(dazhai, YEAR, actor=handler, data=zeros)
    seed = read_path(SEED).report
    assert seed is not None
    report = services.start_report(dazhai, YEAR, actor=handler)
    report = services.save_sections(report, actor=handler, data={k: seed.sections[k] for k in services.SECTION_FIELDS})
    services.submit(report, actor=handler)
    reviewers = (("first", "dazhai_reviewer1"), ("second", "dazhai_reviewer2"), ("final", "dazhai_reviewer3"))
    for stage, reviewer in reviewers:
        services.review(report, actor=ctx.user(reviewer), stage=stage, decision=Decision.APPROVED)
    services.publish(report, actor=handler, now=_at(dt.date(2024, 1, 15)))
    assert Report.objects.get(pk=report.pk).status == ReportStatus.PUBLISHED


def _made_up(agency: str, year: int, requests: dict[str, int], overall: str, *, in_force: int = 0,
             appeals: int = 0) -> AnnualReport:
    """A report as another agency published it: table 三 in the 自然人 column, the rest zero."""
    report = AnnualReport.zeros(agency, year)
    for row, n in requests.items():
        for column in ("natural_person", "total"):
            report.cells[CellRef("applications", row, column)] = n
    report.cells[CellRef("art20_1", "normative_documents", "in_force")] = in_force
    report.cells[CellRef("appeals", "cases", "review.upheld")] = appeals
    report.cells[CellRef("appeals", "cases", "review.total")] = appeals
    report.cells[CellRef("art20_8", "fees", "fee_amount")] = Decimal("0")
    report.sections.update({
        "overall": overall,
        "problems": f"{year}年，我单位政府信息公开工作仍存在公开内容不够全面、政策解读不够深入等问题。"
        "下一步将加强培训，完善制度。",
        "other": f"{year}年，我单位未收取信息处理费。无其他需要报告的事项。",
    })
    return report


def _overall(agency: str, year: int, received: int) -> str:
    said = f"{year}年，{agency}" + (f"收到政府信息公开申请{received}件" if received else "未收到政府信息公开申请")
    return "\n".join([
        "（一）主动公开", f"{year}年，{agency}通过政府网站信息公开专栏主动公开政府信息，及时更新公开目录。",
        "（二）依申请公开", f"{said}，均在法定期限内答复。",
        "（三）政府信息管理", "严格落实信息发布保密审查和“三审”制度。",
        "（四）政府信息公开平台建设", "维护政府网站信息公开专栏，做好政务新媒体管理。",
        "（五）监督保障", "将政府信息公开工作纳入年度考核，开展社会评议，落实责任追究。",
    ])


# agency, year, file kind, published on, requests (table 三 rows, 自然人), in force, appeals
IMPORTED: tuple[tuple[str, int, str, dt.date, dict[str, int], int, int], ...] = (
    ("石桥镇", 2022, "html", dt.date(2023, 1, 18),
     {"new": 6, "granted": 3, "partial": 1, "unable.not_held": 1, "total": 5, "carried_out": 1}, 2, 1),
    ("石桥镇", 2023, "docx", dt.date(2024, 1, 19),
     {"new": 9, "granted": 5, "partial": 2, "not_handled.repeat": 1, "total": 8, "carried_out": 1}, 2, 0),
    # 一 + 二 = 5 but （七）总计 + 四 = 4: the 勾稽关系 of table 三 does not hold
    ("城关街道办事处", 2023, "txt", dt.date(2024, 1, 12),
     {"new": 5, "granted": 2, "unable.needs_creation": 1, "total": 3, "carried_out": 1}, 0, 0),
    ("某县财政局", 2022, "txt", dt.date(2023, 1, 28),
     {"new": 14, "granted": 9, "partial": 3, "withheld.third_party": 2, "total": 14}, 5, 2),
    ("某县财政局", 2023, "txt", dt.date(2024, 1, 30),
     {"new": 18, "granted": 11, "partial": 4, "withheld.process_info": 1, "unable.not_held": 2, "total": 18}, 6, 1),
)


def _import_published(ctx: DemoContext) -> None:
    from gongkai.annual import services
    from gongkai.annual.models import Report

    for agency, year, kind, published_on, requests, in_force, appeals in IMPORTED:
        org = ctx.org(agency)
        if Report.objects.filter(org=org, year=year).exists():
            continue
        report = _made_up(agency, year, requests, _overall(agency, year, requests["new"]), in_force=in_force,
                          appeals=appeals)
        data = render(report, "text" if kind == "txt" else kind)
        content = data.encode("utf-8") if isinstance(data, str) else data
        services.import_published(org, year, content, f"{agency}{year}年度报告.{kind}", actor=None,
                                  published_on=published_on)


def _in_progress(ctx: DemoContext) -> None:
    """河口镇 drafted but never published (late); 教育局 submitted, waiting for 初审."""
    from gongkai.annual import services
    from gongkai.annual.models import Report

    hekou = ctx.org("河口镇")
    if not Report.objects.filter(org=hekou, year=YEAR).exists():
        services.start_report(hekou, YEAR, actor=ctx.user("hekou_handler"))
    edu = ctx.org("某县教育局")
    if not Report.objects.filter(org=edu, year=YEAR).exists():
        report = services.start_report(edu, YEAR, actor=ctx.user("edu_handler"))
        services.submit(report, actor=ctx.user("edu_handler"))


def load(ctx: DemoContext) -> None:
    _deadlines(ctx)
    _publish_dazhai(ctx)
    _import_published(ctx)
    _in_progress(ctx)
    county = ctx.org("某县人民政府")
    ctx.notes.append(f"年度报告：大寨乡2023年度报告已公开（与原件逐格一致）；监督视图 /annual/supervise/{county.pk}/ "
                     "（county_supervisor）：河口镇逾期未公开，城关街道办事处的报告表三勾稽关系不符。")


def register() -> None:
    register_loader("annual", load, order=90)


