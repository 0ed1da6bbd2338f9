"""The demo's background task: the county supervisor's bulk check of its agencies' reports, three years each.

Loaded with the demo and checked by the worker that `gongkai demo` starts beside the server.
"""

from __future__ import annotations

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader

YEARS = (2022, 2023, 2024)  # with the demo's nine agencies: more files than a page checks at once


def load(ctx: DemoContext) -> None:
    from gongkai.annual import bulkcheck
    from gongkai.orgs.models import Organisation
    from gongkai.report.model import AnnualReport
    from gongkai.report.render import render
    from gongkai.tasks.models import Job

    county = ctx.org("某县人民政府")
    job = Job.objects.filter(org=county, kind=bulkcheck.JOB_KIND).first()
    if job is None:
        agencies = Organisation.objects.filter(is_active=True).order_by("sort_order", "pk").values_list("name",
                                                                                                       flat=True)
        files = [(f"{name}/{year}年度报告.txt", str(render(AnnualReport.zeros(name, year), "text")).encode("utf-8"))
                 for name in agencies for year in YEARS]
        started = bulkcheck.start_check(county, files, actor=ctx.user("county_supervisor"),
                                        source="演示：各机关三个年度的报告")
        if not isinstance(started, Job):  # so few agencies that the check ran at once
            ctx.notes.append(f"批量检查：/annual/checks/{started.pk}/ （county_supervisor）。")
            return
        job = started
    ctx.notes.append(f"后台任务：某县人民政府对各机关三个年度报告的批量检查，进度与结果见 /tasks/{job.pk}/ "
                     "（county_supervisor）。")


def register() -> None:
    register_loader("tasks", load, order=95)
