"""Pages of the annual report: an agency's reports and the one report's work page, the 第二十条 figures,
the supervisors' view with its charts and bulk checks, and the public pages of published reports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from html import escape
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import Context
from django.template.context_processors import csrf
from django.template.loader import get_template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.annual import bulkcheck, charts, drafting, figures, services, supervision
from gongkai.annual.constants import DRAFTING_ROLES, STAGE_ORDER, STAGE_ROLES, Progress, ReportStatus
from gongkai.annual.forms import (
    BulkCheckForm,
    FiguresForm,
    PublishedFileForm,
    ReopenForm,
    ReviewForm,
    SectionsForm,
    UploadForm,
)
from gongkai.annual.models import Art20Figures, BulkCheck, Report, ReportVersion
from gongkai.dashboard.services import default_org
from gongkai.law.report_format import CellRef
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.orgs.models import Organisation
from gongkai.report.findings import SEVERITY_LABELS
from gongkai.report.model import AnnualReport
from gongkai.report.render import render as render_report
from gongkai.report.render.layout import format_value
from gongkai.tasks.constants import JobState
from gongkai.tasks.models import Job
from gongkai.web import params

CONTENT_TYPES = {
    "text": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
EXTENSIONS = {"text": "txt", "md": "md", "json": "json", "csv": "csv", "html": "html", "docx": "docx",
              "xlsx": "xlsx", "pdf": "pdf"}
# A published page is a self-contained document with its own inline styles and nothing else.
REPORT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"


def today() -> dt.date:
    return timezone.localdate()


def report_year_now() -> int:
    """The year whose report is being prepared now (last year's)."""
    return today().year - 1


def _year(value: Any, default: int) -> int:
    year = params.whole_number(str(value or ""), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    return default if year is None else year


def _apply(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _message(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def _download(content: str | bytes, kind: str, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(f'{name}.{EXTENSIONS[kind]}')}"
    return response


def preview_tables(report: AnnualReport) -> list[dict[str, Any]]:
    """The report's tables for the staff pages: each row's label and values, flat."""
    fmt = report.format
    tables = []
    for table in fmt.tables:
        heading = table.heading or fmt.section(table.section).heading
        columns = ["·".join((*c.path, c.label)) if table.key == "appeals" else c.label for c in table.columns]
        rows = [
            (row.label or _("案件数"), [format_value(report.cells[CellRef(table.key, row.key, c.key)]) or "—"
                                      for c in table.columns])
            for row in table.rows
        ]
        tables.append({"heading": heading, "columns": columns, "rows": rows, "key": table.key})
    return tables


def _findings(findings: list[Any]) -> list[dict[str, Any]]:
    return [{"severity": f.severity.value, "label": SEVERITY_LABELS[f.severity], "rule": f.rule,
             "message": f.message} for f in findings]


# ------------------------------------------------------------------------------------------- staff pages

@staff_member_required
def home(request: HttpRequest) -> HttpResponse:
    org = default_org(request.user, request.session.get("dashboard_org"))
    if org is None:
        raise Http404
    return redirect("annual:org", org_id=org.pk)


@staff_member_required
def org_reports(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    records = {r.year: r for r in Report.objects.filter(org=org)}
    entered = set(Art20Figures.objects.filter(org=org).values_list("year", flat=True))
    years = sorted(set(range(2021, report_year_now() + 1)) | set(records), reverse=True)
    rows = []
    for year in years:
        deadline = org.report_deadline(year)
        report = records.get(year)
        rows.append({"year": year, "report": report, "deadline": deadline, "figures": year in entered,
                     "progress": services.progress(report, deadline, today())})
    return render(request, "annual/org_reports.html", {
        "org": org, "rows": rows, "can_draft": permissions.has_role(request.user, org, *DRAFTING_ROLES),
        "has_subordinates": bool(permissions.subordinate_ids([org.pk]) & permissions.visible_org_ids(request.user)),
    })


def _report_page_context(request: HttpRequest, org: Organisation, year: int) -> dict[str, Any]:
    report = Report.objects.filter(org=org, year=year).first()
    deadline = org.report_deadline(year)
    context: dict[str, Any] = {
        "org": org, "year": year, "report": report, "deadline": deadline,
        "days_left": (deadline - today()).days,
        "progress": services.progress(report, deadline, today()),
        "can_draft": permissions.has_role(request.user, org, *DRAFTING_ROLES),
        "read_only": not permissions.can_edit(request.user, org),
        "draftable": year >= drafting.FIRST_DRAFTED_YEAR,
        "formats": ["text", "html", "docx", "xlsx", "pdf", "json"],
    }
    if report is None and not context["draftable"]:
        return context
    content = services.current_report(report) if report is not None else drafting.draft(org, year)
    findings = (services.current_findings(report, content) if report is not None
                else drafting.check_draft(content, drafting.previous_report(org, year)))
    stage = services.next_stage(report) if report is not None else None
    reviews = list(report.reviews.select_related("reviewer").order_by("submission", "pk")) if report else []
    context.update({
        "content": content, "tables": preview_tables(content), "findings": _findings(findings),
        "errors": sum(f.severity.value == "error" for f in findings),
        "sections": [(s.heading, content.sections.get(s.key, "")) for s in content.format.sections if s.is_text],
        "stage": stage, "stages": STAGE_ORDER, "reviews": reviews,
        "can_review": stage is not None and permissions.has_role(request.user, org, STAGE_ROLES[stage]),
        "ready": report is not None and report.status == ReportStatus.IN_REVIEW and stage is None,
        "can_publish": permissions.has_role(request.user, org, *services.PUBLISHERS),
        "versions": list(report.versions.order_by("-number")) if report else [],
        "review_form": ReviewForm(initial={"stage": stage}) if stage else None,
        "reopen_form": ReopenForm(),
        "previous_known": drafting.previous_report(org, year) is not None,
    })
    return context


@staff_member_required
def report_page(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    return render(request, "annual/report.html", _report_page_context(request, org, year))


def _report_action(request: HttpRequest, org_id: int, year: int) -> tuple[Organisation, Report]:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org)
    report = Report.objects.filter(org=org, year=year).first()
    if report is None:
        raise Http404
    return org, report


@staff_member_required
@require_POST
def report_start(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org)
    try:
        services.start_report(org, year, actor=request.user)
    except (ValidationError, drafting.YearNotDraftable) as exc:
        messages.error(request, str(exc.messages[0] if isinstance(exc, ValidationError) else exc))
        return redirect("annual:report", org_id=org.pk, year=year)
    messages.success(request, _("已生成报告草稿：表格由记录统计，请完成文字部分。"))
    return redirect("annual:edit", org_id=org.pk, year=year)


@staff_member_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org, report = _report_action(request, org_id, year)
    form = SectionsForm(request.POST if request.method == "POST" else None, initial=report.sections)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_sections(report, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("文字部分已保存。"))
            return redirect("annual:report", org_id=org.pk, year=year)
    return render(request, "annual/report_edit.html", {"org": org, "year": year, "report": report, "form": form})


@staff_member_required
@require_POST
def report_submit(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org, report = _report_action(request, org_id, year)
    try:
        services.submit(report, actor=request.user)
        messages.success(request, _("已提交初审。"))
    except ValidationError as exc:
        _message(request, exc)
    return redirect("annual:report", org_id=org.pk, year=year)


@staff_member_required
@require_POST
def report_withdraw(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org, report = _report_action(request, org_id, year)
    try:
        services.withdraw(report, actor=request.user)
        messages.success(request, _("已撤回修改；修改后请重新提交审核。"))
    except ValidationError as exc:
        _message(request, exc)
    return redirect("annual:report", org_id=org.pk, year=year)


@staff_member_required
@require_POST
def report_review(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org, report = _report_action(request, org_id, year)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审核意见。"))
        return redirect("annual:report", org_id=org.pk, year=year)
    try:
        services.review(report, actor=request.user, **form.cleaned_data)
        messages.success(request, _("审核意见已记录。"))
    except ValidationError as exc:
        _message(request, exc)
    return redirect("annual:report", org_id=org.pk, year=year)


@staff_member_required
@require_POST
def report_publish(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org, report = _report_action(request, org_id, year)
    try:
        version = services.publish(report, actor=request.user)
        messages.success(request, _("报告已公开（第%(n)d版）。") % {"n": version.number})
    except ValidationError as exc:
        _message(request, exc)
    return redirect("annual:report", org_id=org.pk, year=year)


@staff_member_required
@require_POST
def report_reopen(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org, report = _report_action(request, org_id, year)
    form = ReopenForm(request.POST)
    try:
        services.reopen(report, actor=request.user, note=form.data.get("note", ""))
        messages.success(request, _("报告已转为修订中；公开的版本在新版本公开前保持不变。"))
    except ValidationError as exc:
        _message(request, exc)
    return redirect("annual:report", org_id=org.pk, year=year)


@staff_member_required
@require_http_methods(["GET", "POST"])
def report_import(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org, permissions.has_role(request.user, org, *DRAFTING_ROLES))
    form = PublishedFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.import_published(org, year, upload.read(), upload.name, actor=request.user,
                                      published_on=form.cleaned_data["published_on"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("已导入%(year)d年度的报告。") % {"year": year})
            return redirect("annual:report", org_id=org.pk, year=year)
    return render(request, "annual/report_import.html", {"org": org, "year": year, "form": form})


@staff_member_required
@require_GET
def report_download(request: HttpRequest, org_id: int, year: int, kind: str) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    if kind not in CONTENT_TYPES:
        raise Http404
    report = Report.objects.filter(org=org, year=year).first()
    if report is None and year < drafting.FIRST_DRAFTED_YEAR:
        raise Http404
    content = services.current_report(report) if report is not None else drafting.draft(org, year)
    if kind == "xlsx":
        from gongkai.report.render.xlsx import render_xlsx

        previous = drafting.previous_report(org, year)
        data: str | bytes = render_xlsx(content, findings=drafting.check_draft(content, previous))
    else:
        data = render_report(content, kind)
    return _download(data, kind, content.title)


@staff_member_required
@require_http_methods(["GET", "POST"])
def figures_page(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    current = Art20Figures.objects.filter(org=org, year=year).select_related("entered_by").first()
    can_enter = permissions.has_role(request.user, org, *DRAFTING_ROLES)
    if request.method == "POST":
        permissions.require_edit(request.user, org, can_enter)
    initial = {name: getattr(current, name) for name in figures.FIGURE_FIELDS} if current else None
    form = FiguresForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            figures.save_figures(org, year, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("第二十条数据已保存。"))
            return redirect("annual:report", org_id=org.pk, year=year)
    return render(request, "annual/figures.html", {
        "org": org, "year": year, "form": form, "current": current, "can_enter": can_enter,
        "upload_form": UploadForm(),
    })


@staff_member_required
@require_POST
def figures_import(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org, permissions.has_role(request.user, org, *DRAFTING_ROLES))
    year = _year(request.POST.get("year"), report_year_now())
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择要导入的 XLSX 文件。"))
    else:
        try:
            saved = figures.import_xlsx(upload.read(), actor=request.user)
        except ValidationError as exc:
            _message(request, exc)
        else:
            messages.success(request, _("已导入%(n)d行第二十条数据。") % {"n": len(saved)})
    return redirect("annual:figures", org_id=org.pk, year=year)


@staff_member_required
@require_GET
def figures_template(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    orgs = [o for o in [org, *supervision.subordinates(org, request.user)] if permissions.can_edit(request.user, o)]
    return _download(figures.template_xlsx(orgs or [org], year), "xlsx", f"第二十条数据-{year}")


# ------------------------------------------------------------------------------------------- supervisors

def _supervised(request: HttpRequest, org_id: int) -> tuple[Organisation, list[Organisation], int]:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    subs = supervision.subordinates(org, request.user)
    if not subs:
        raise Http404
    # opens on the latest year whose report is due (last year's), not on the latest year that has a record
    return org, subs, _year(request.GET.get("year"), report_year_now())


AGENCY_MARK = 987654321  # a stand-in agency id: a URL or form rendered once with it is stamped for each agency
FINGERPRINT_MARK, PATH_MARK = "fingerprint-mark", "path-mark"


def _per_agency(name: str, *args: Any) -> Callable[[int], str]:
    """`reverse(name, args=args)`, AGENCY_MARK among the args, for any agency: one reversal for 500 agencies."""
    head, tail = reverse(name, args=args).split(str(AGENCY_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def _text(value: Any) -> str:
    """`{{ value }}` of a plain string (not one marked safe): escaped as Django escapes it."""
    return escape(str(value))


def _number(value: int) -> str:
    """A count as `{{ value }}` shows it."""
    return formats.localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def _status_rows(rows: Sequence[supervision.AgencyRow], org: Organisation, year: int) -> SafeString:
    """The status table's rows, written here rather than by a loop of the template (500 agencies)."""
    report_url = _per_agency("annual:report", AGENCY_MARK, year)
    issue_url = _per_agency("oversight:issue", org.pk, AGENCY_MARK)
    urge, late = _text(_("督促整改")), _text(_("逾期公开"))
    labels = {p: _text(p.label) for p in Progress}
    out = []
    for row in rows:
        pk, progress = row.org.pk, row.progress
        status = f'<span class="status status-{progress.value}">{labels[progress]}</span>'
        if progress == Progress.LATE:
            status += f' <a href="{issue_url(pk)}?year={_number(year)}">{urge}</a>'
        published = row.published_on.isoformat() if row.published_on else "—"
        if row.published_late:
            published += f' <span class="tag tag-readonly">{late}</span>'
        counts = map(_number, (row.errors, row.warnings, row.open_findings)) if row.report else ("—",) * 3
        cells = (
            f'<tr><th scope="row"><a href="{report_url(pk)}">{_text(row.org.name)}</a></th>',
            f'<td class="nowrap">{row.deadline.isoformat()}</td>',
            f"<td>{status}</td>",
            f'<td class="nowrap">{published}</td>',
            *(f'<td class="num">{n}</td>' for n in counts),
            "".join(f'<td class="num">{_number(v)}</td>' for v in row.figures) + "</tr>",
        )
        out.append("\n      " + "\n        ".join(cells) + "\n    ")
    return mark_safe("".join(out))  # every value escaped above


def _decision_forms(request: HttpRequest, year: int) -> Callable[[Organisation, Any, Any], str]:
    """findings/decision.html of each finding (agency, finding, decision) of the page. An undecided finding's is
    rendered once with stand-ins for the agency, the fingerprint and the page's path, then stamped for each
    (2,500 findings at 500 agencies); a decided one's (few) is rendered as it is."""
    template = get_template("findings/decision.html").template  # type: ignore[attr-defined]
    given = {"year": year, "may": True, "request": request, **csrf(request)}
    stand_ins = {
        "f": SimpleNamespace(fingerprint=FINGERPRINT_MARK),
        "decision": None,
        "dorg": SimpleNamespace(pk=AGENCY_MARK),
        "request": SimpleNamespace(get_full_path=PATH_MARK),
    }
    blank = template.render(Context({**given, **stand_ins}))
    path = _text(request.get_full_path())

    def form(dorg: Organisation, finding: Any, decision: Any) -> str:
        if decision is not None:
            return template.render(Context({**given, "f": finding, "decision": decision, "dorg": dorg}))
        stamped = blank.replace(str(AGENCY_MARK), str(dorg.pk)).replace(FINGERPRINT_MARK, finding.fingerprint)
        return stamped.replace(PATH_MARK, path)  # last: the path is the visitor's, never stamped itself

    return form


def _problems(request: HttpRequest, rows: Sequence[supervision.AgencyRow], org: Organisation, year: int) -> SafeString:
    """The findings section: each agency with errors or warnings, its findings and their decision forms."""
    issue_url = _per_agency("oversight:issue", org.pk, AGENCY_MARK)
    notify = _text(_("发出整改通知"))
    form = _decision_forms(request, year)
    out = []
    for row in rows:
        if not (row.errors or row.warnings):
            continue
        items = "".join(
            f'<li class="{_text(f.severity.value)}">{_text(f.message)} '
            f'<span class="rule">{_text(f.rule)}</span>{form(row.org, f, decision)}</li>'
            for f, decision in row.reviewed
        )
        out.append(
            f'\n    <h3>{_text(row.org.name)} <a class="button small" '
            f'href="{issue_url(row.org.pk)}?year={_number(year)}">{notify}</a></h3>'
            f'\n    <ul class="findings">{items}</ul>\n  '
        )
    return mark_safe("".join(out))  # every value escaped above


@staff_member_required
@require_GET
def supervise(request: HttpRequest, org_id: int) -> HttpResponse:
    org, subs, year = _supervised(request, org_id)
    view = supervision.overview(subs, year, today())
    counts = Counter(row.progress for row in view.rows)
    return render(
        request,
        "annual/supervise.html",
        {
            "org": org,
            "year": year,
            "rows": view.rows,
            "labels": [label for label, _ in supervision.KEY_FIGURES],
            "status_rows": _status_rows(view.rows, org, year),
            "problems": _problems(request, view.rows, org, year),
            "counts": [(p.label, counts[p], p.value) for p in Progress],
            "totals": preview_tables(view.totals),
            "years": range(report_year_now() + 1, 2020, -1),
            "charts": CHARTS,
            "today": today(),
            "checks": BulkCheck.objects.filter(org=org).select_related("created_by")[:10],
        },
    )


CHARTS = {
    "requests": _("历年收到政府信息公开申请（件）"),
    "outcomes": _("历年申请办理结果（件）"),
    "appeals": _("历年行政复议、行政诉讼（件）"),
}


@staff_member_required
@require_GET
def supervise_chart(request: HttpRequest, org_id: int, name: str) -> HttpResponse:
    _org, subs, year = _supervised(request, org_id)
    if name not in CHARTS:
        raise Http404
    years = [y for y in range(year - 4, year + 1) if y >= drafting.FIRST_DRAFTED_YEAR]
    data = supervision.yearly_series(subs, years, (supervision.T4,) if name == "appeals" else (supervision.T3,))
    labels = [str(y) for y in years]
    if name == "requests":
        svg = charts.bar_chart(str(CHARTS[name]), labels, [charts.Series("新收申请", data["received"])])
    elif name == "outcomes":
        series = [charts.Series(label, values) for label, values in data["outcomes"].items()]
        svg = charts.bar_chart(str(CHARTS[name]), labels, series, stacked=True)
    else:
        svg = charts.bar_chart(
            str(CHARTS[name]),
            labels,
            [charts.Series("行政复议", data["reviews"]), charts.Series("行政诉讼", data["suits"])],
        )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


@staff_member_required
@require_http_methods(["GET", "POST"])
def bulk_check(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    own = request.user.is_superuser or request.user.memberships.filter(org=org).exists()
    if request.method == "POST" and not own:  # a supervisor reads a subordinate's checks, and files none there
        raise PermissionDenied(_("检查记录只能保存在本机关名下：请在本机关的监督页面发起检查。"))
    form = BulkCheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        folder = form.cleaned_data["folder"].strip()
        uploads = request.FILES.getlist("files")
        try:
            if folder:
                files, source = bulkcheck.files_from_folder(folder, actor=request.user), folder
            else:
                files = bulkcheck.files_from_uploads(uploads)
                source = "、".join(u.name for u in uploads)[:300] or _("上传的文件")
            started = bulkcheck.start_check(org, files, actor=request.user, source=source)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            if isinstance(started, BulkCheck):
                return redirect("annual:check", pk=started.pk)
            return redirect("tasks:job", pk=started.pk)  # a progress bar until the worker has checked them all
    return render(request, "annual/bulk_check.html", {
        "org": org, "form": form, "is_operator": request.user.is_superuser,
        "checks": BulkCheck.objects.filter(org=org).select_related("created_by")[:20],
        "jobs": Job.objects.filter(org=org, kind=bulkcheck.JOB_KIND)
        .exclude(state=JobState.DONE)[:20],  # running, waiting, or failed (with the reason on its page)
    })


def _visible_check(request: HttpRequest, pk: int) -> BulkCheck:
    check = BulkCheck.objects.visible_to(request.user).select_related("org").filter(pk=pk).first()
    if check is None:
        raise Http404
    return check


@staff_member_required
@require_GET
def check_result(request: HttpRequest, pk: int) -> HttpResponse:
    check = _visible_check(request, pk)
    return render(request, "annual/check_result.html", {"check": check, "org": check.org, "labels": SEVERITY_LABELS})


@staff_member_required
@require_GET
def check_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    check = _visible_check(request, pk)
    return _download(bulkcheck.results_xlsx(check), "xlsx", f"年度报告检查结果-{check.created_at:%Y%m%d-%H%M}")


# ------------------------------------------------------------------------------------------- public pages

def _published(org_id: int, year: int, number: int | None) -> ReportVersion:
    versions = ReportVersion.objects.filter(report__org_id=org_id, report__year=year, report__org__is_active=True)
    if number is not None:
        versions = versions.filter(number=number)
    version = versions.select_related("report", "report__org").order_by("-number").first()
    if version is None:
        raise Http404
    return version


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    versions = (
        ReportVersion.objects.filter(report__org__is_active=True)
        .select_related("report", "report__org").order_by("-report__year", "report__org__sort_order", "-number")
    )
    latest: dict[int, ReportVersion] = {}
    for version in versions:
        latest.setdefault(version.report_id, version)
    return render(request, "annual/public_list.html", {"versions": list(latest.values())})


@require_GET
def public_report(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    version = _published(org_id, year, params.integer(request.GET, "version"))
    response = HttpResponse(version.html, content_type=CONTENT_TYPES["html"])
    response["Content-Security-Policy"] = REPORT_PAGE_CSP
    return response


@require_GET
def public_document(request: HttpRequest, org_id: int, year: int, kind: str) -> HttpResponse:
    if kind not in ("docx", "pdf"):
        raise Http404
    version = _published(org_id, year, params.integer(request.GET, "version"))
    name = f"{version.report}" + (f"（第{version.number}版）" if version.number > 1 else "")
    return _download(services.document(version, kind), kind, name, inline=kind == "pdf")


@require_GET
def public_agency(request: HttpRequest, org_id: int) -> HttpResponse:
    org = Organisation.objects.filter(pk=org_id, is_active=True).first()
    if org is None:
        raise Http404
    versions = ReportVersion.objects.filter(report__org=org).select_related("report").order_by("-report__year",
                                                                                              "-number")
    return render(request, "annual/public_agency.html", {"org": org, "versions": versions})
