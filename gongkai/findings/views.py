"""Supervisors' pages: decide on a finding, the region comparison, the findings workbook and decisions file."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.findings import services
from gongkai.findings.constants import OPEN_LABEL, DecisionState
from gongkai.findings.models import Region
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.orgs.models import Organisation
from gongkai.report.findings import SEVERITY_LABELS, Finding
from gongkai.web import params
from gongkai.web.xlsx import XLSX_CONTENT_TYPE, workbook


def _year(value: Any) -> int:
    year = params.whole_number(str(value or ""), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    return timezone.localdate().year - 1 if year is None else year


def _path_year(year: int) -> int:
    if not params.FIRST_YEAR <= year <= params.LAST_YEAR:
        raise Http404
    return year


def _finding(org: Organisation, year: int, fingerprint: str) -> tuple[Finding | None, bool]:
    """The finding with this fingerprint as it is now: of the agency's report, or of the region comparison
    whose whole-area agency it is (then True)."""
    for finding in services.current_findings(org, year):
        if finding.fingerprint == fingerprint:
            return finding, False
    region = Region.objects.filter(whole=org).first()
    if region is not None:
        found = next((f for f in services.check_region(region, year).findings if f.fingerprint == fingerprint), None)
        return found, found is not None
    return None, False


def _back(request: HttpRequest, org: Organisation, year: int) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    supervisor = org.supervising_org_id or org.pk
    return reverse("annual:supervise", args=[supervisor]) + f"?year={year}"


@staff_member_required
@require_POST
def decide(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    """已确认 / 已排除 (with a reason) / back to 待确认, for one finding of an agency's report of a year."""
    org = permissions.get_visible_org_or_404(request.user, org_id)
    year = _path_year(year)
    fingerprint = request.POST.get("fingerprint", "").strip()[:32]
    state = request.POST.get("state", "")
    if state == "open":
        services.reopen(org, year, fingerprint, actor=request.user)
        messages.success(request, _("已改为待确认。"))
        return redirect(_back(request, org, year))
    finding, of_region = _finding(org, year, fingerprint)
    if finding is None:
        if not services.may_decide(request.user, org):
            raise PermissionDenied(_("只有上级监督机关可以确认或排除下级机关报告的问题。"))
        messages.error(request, _("未找到这个问题：报告可能已经修改，请刷新页面。"))
        return redirect(_back(request, org, year))
    try:
        decision = services.decide(org, year, finding, state, request.POST.get("reason", "")[:2000],
                                   actor=request.user, region=of_region)  # fmt: skip
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("已标记为%(state)s：%(org)s") % {"state": decision.get_state_display(), "org": org})
    return redirect(_back(request, org, year))


@staff_member_required
@require_GET
def regions(request: HttpRequest) -> HttpResponse:
    """Every region the user may see: its whole-area report of the year against the sum of its agencies'."""
    year = _year(request.GET.get("year"))
    checks = [services.check_region(region, year) for region in services.visible_regions(request.user)]
    for check in checks:
        check.may_decide = services.may_decide_region(request.user, check.region.whole)
    return render(request, "findings/regions.html", {
        "year": year, "checks": checks, "years": range(timezone.localdate().year, 2020, -1),
        "is_operator": request.user.is_superuser,
    })  # fmt: skip


def _supervised(request: HttpRequest, org_id: int) -> tuple[Organisation, list[Any], int]:
    from gongkai.annual import supervision

    org = permissions.get_visible_org_or_404(request.user, org_id)
    subs = supervision.subordinates(org, request.user)
    if not subs:
        raise Http404
    year = _year(request.GET.get("year"))
    return org, supervision.agency_rows(subs, year, timezone.localdate()), year


XLSX_HEADER = (
    "机关",
    "年度",
    "待确认问题数",
    "已确认",
    "已排除",
    "级别",
    "规则",
    "问题",
    "状态",
    "理由",
    "决定人",
    "决定时间",
)


@staff_member_required
@require_GET
def findings_xlsx(request: HttpRequest, org_id: int) -> HttpResponse:
    """The supervisors' findings as a workbook: one line per finding with its state, each agency's counts."""
    org, rows, year = _supervised(request, org_id)
    lines: list[tuple[Any, ...]] = []
    for row in rows:
        reviewed = row.reviewed
        states = [d.state for _f, d in reviewed if d is not None]
        head = (row.org.name, year, row.open_findings, states.count(DecisionState.CONFIRMED),
                states.count(DecisionState.DISMISSED))  # fmt: skip
        if not reviewed:
            lines.append((*head, "", "", "", "", "", "", None))
        for finding, decision in reviewed:
            lines.append((
                *head, SEVERITY_LABELS[finding.severity], finding.rule, finding.message,
                decision.get_state_display() if decision else str(OPEN_LABEL),
                decision.reason if decision else "",
                (decision.decided_by.get_full_name() or decision.decided_by.get_username())
                if decision and decision.decided_by else "",
                timezone.localtime(decision.decided_at).strftime("%Y-%m-%d %H:%M") if decision else None,
            ))  # fmt: skip
    data = workbook(f"{year}年检查问题", XLSX_HEADER, lines)
    return _download(data, XLSX_CONTENT_TYPE, f"{org.name}-{year}年下级机关年报问题.xlsx")


@staff_member_required
@require_GET
def decisions_json(request: HttpRequest, org_id: int) -> HttpResponse:
    """The decisions on the subordinates' findings, as `gongkai report check --decisions` reads them."""
    org, rows, year = _supervised(request, org_id)
    data = services.decisions_file([row.org.pk for row in rows], year)
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return _download(body, "application/json; charset=utf-8", f"{org.name}-{year}年问题决定.json")


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@staff_member_required
@require_POST
def collect_start(request: HttpRequest, org_id: int) -> HttpResponse:
    """The supervisors' page action: collect the year's reports from the agencies' sites in the background."""
    from gongkai.findings import collecting

    org = permissions.get_visible_org_or_404(request.user, org_id)
    own = request.user.is_superuser or request.user.memberships.filter(org=org).exists()
    if not own:
        raise PermissionDenied(_("只能在本机关的监督页面发起收集。"))
    year = params.whole_number(request.POST.get("year", ""), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    if year is None:
        messages.error(request, _("报告年度应为2008至2100之间的整数。"))
        return redirect(reverse("annual:supervise", args=[org.pk]))
    if not collecting.sources_for(org):
        messages.error(request, _("还没有设定各机关的年报网址：请管理员在后台“年报网址”中填写。"))
        return redirect(reverse("annual:supervise", args=[org.pk]) + f"?year={year}")
    job = collecting.start_collect(org, year, actor=request.user)
    return redirect(reverse("tasks:job", args=[job.pk]))


@staff_member_required
@require_GET
def collected(request: HttpRequest, job_id: int) -> HttpResponse:
    """A collection's results: per agency, the report found (URL, version, check) or what stood in the way."""
    from gongkai.findings import collecting
    from gongkai.findings.models import CollectedVersion
    from gongkai.tasks.models import Job

    job = Job.objects.filter(pk=job_id, kind=collecting.JOB_KIND).select_related("org").first()
    if job is None or job.org is None or not permissions.can_view(request.user, job.org):
        raise Http404
    results = collecting.results_of(job)
    if results is None:
        return redirect(reverse("tasks:job", args=[job.pk]))
    counts: dict[int, int] = {}
    for org_id in CollectedVersion.objects.filter(year=results["year"]).values_list("org_id", flat=True):
        counts[org_id] = counts.get(org_id, 0) + 1
    for row in results["results"]:
        row["versions"] = counts.get(row["org_id"], 0)
        row["severity_labels"] = [SEVERITY_LABELS[f["severity"]] for f in row["findings"]]
        row["shown"] = list(zip(row["severity_labels"], row["findings"], strict=True))
    return render(request, "findings/collected.html", {"job": job, "org": job.org, **results})
