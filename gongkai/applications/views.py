"""Staff pages of the requests app: list, registration, one request with its actions, files, table 三,
letter templates and the register import. Thin: every change is a call to `services`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.applications import clock, forms, letters, services, stats
from gongkai.applications.constants import DraftStatus, LetterKind, RequestEvent, State
from gongkai.applications.import_task import start_import
from gongkai.applications.importer import RegisterImportError
from gongkai.applications.models import Attachment, LetterTemplate, Request
from gongkai.applications.overview import open_items
from gongkai.audit.services import record
from gongkai.calendar import HolidayScheduleError
from gongkai.law.report_format import CellRef
from gongkai.orgs import permissions
from gongkai.orgs.constants import Role
from gongkai.orgs.decorators import staff_member_required
from gongkai.orgs.models import User
from gongkai.spreadsheets import csv_writer
from gongkai.tasks.models import Job
from gongkai.web import xlsx
from gongkai.web.params import FIRST_YEAR, LAST_YEAR, integer, whole_number

PAGE_SIZE = 50


def get_request_or_404(user: Any, pk: int) -> Request:
    """A request the user may see (404 for any other, as for every org-scoped record)."""
    found = (
        Request.objects.visible_to(user).select_related("org__parent", "handler", "fee_notice").filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found  # type: ignore[no-any-return]


def _filtered_requests(request: HttpRequest) -> tuple[Any, str, str, str]:
    """The register (台账) as chosen on screen: (requests, query, state, org); the list and its XLSX
    export show the same requests."""
    requests = Request.objects.visible_to(request.user).select_related("org", "handler")
    query, state, org_id = request.GET.get("q", "").strip(), request.GET.get("state", ""), request.GET.get("org", "")
    if query:
        requests = requests.filter(
            Q(applicant_name__icontains=query) | Q(description__icontains=query) | Q(tracking_code=query.upper())
            | Q(serial=whole_number(query) or -1)
        )
    if state in State.values:
        requests = requests.filter(state=state)
    if (org_pk := integer(request.GET, "org")) is not None:
        requests = requests.filter(org_id=org_pk)
    return requests, query, state, org_id


@staff_member_required
def request_list(request: HttpRequest) -> HttpResponse:
    requests, query, state, org_id = _filtered_requests(request)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = {item.request.pk: item for item in open_items(Request.objects.filter(pk__in=[r.pk for r in page]))}
    rows = [(r, statuses.get(r.pk)) for r in page]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "applications/request_list.html", {
        "page": page, "rows": rows, "query": query, "state": state, "org_id": org_id, "states": State.choices,
        "orgs": permissions.visible_orgs(request.user), "params": params.urlencode(),
        "can_register": permissions.editable_orgs(request.user).exists(),
    })


MAX_EXPORT_ROWS = 5000
REGISTER_HEADER = (
    "编号", "申请人", "申请人类型", "申请方式", "收到申请之日", "所需信息", "经办人", "状态", "答复期限", "办结日期",
    "办理结果",
)


@staff_member_required
@require_GET
def register_xlsx(request: HttpRequest) -> HttpResponse:
    """The register (台账) as filtered on screen as an Excel workbook, at most MAX_EXPORT_ROWS rows; the
    open requests' status and reply date from the deadline engine, as the list shows them."""
    requests, _query, _state, _org = _filtered_requests(request)
    chosen = requests.select_related("org", "handler")[:MAX_EXPORT_ROWS]
    statuses = {item.request.pk: item for item in open_items(Request.objects.filter(pk__in=[r.pk for r in chosen]))}

    def row(r: Request) -> tuple[Any, ...]:
        item = statuses.get(r.pk)
        status = item.status if item else None
        state = (r.get_state_display() if r.closed else str(status.status.label) if status
                 else (item.problem if item and item.problem else r.get_state_display()))
        return (r.number, r.applicant_name, r.get_applicant_type_display(), r.get_channel_display(), r.received,
                r.description, str(r.handler or ""), state, status.due if status else None, r.closed,
                r.get_outcome_display() if r.closed else "")

    response = HttpResponse(xlsx.workbook("政府信息公开申请台账", REGISTER_HEADER, (row(r) for r in chosen)),
                            content_type=xlsx.XLSX_CONTENT_TYPE)
    name = quote(f"政府信息公开申请台账-{timezone.localdate():%Y%m%d}.xlsx")
    response["Content-Disposition"] = f"attachment; filename=\"register.xlsx\"; filename*=UTF-8''{name}"
    return response


@staff_member_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    orgs = permissions.editable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("只能查看，不能修改。"))
    data = (request.POST, request.FILES) if request.method == "POST" else (None,)
    form = forms.RegisterForm(*data, orgs=orgs, initial={"handed_in": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            created = services.register(
                c["org"], form.applicant_data(), actor=request.user, channel=c["channel"], handed_in=c["handed_in"],
                signed_for=c["signed_for"], confirmed=c["confirmed"], arrived=c["arrived"],
                uploads=forms.uploads(c["files"]), oral=c["oral"], assistance=c["assistance"],
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("已登记申请 %(number)s。") % {"number": created.number})
            return redirect("applications:detail", pk=created.pk)
    return render(request, "applications/request_new.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# one request and its actions


@dataclass
class Action:
    name: str
    title: str
    form: Any
    open: bool = False
    note: str = ""


def _handlers(req: Request) -> Any:
    return User.objects.filter(memberships__org=req.org, memberships__role=Role.HANDLER, is_active=True).distinct()


def _latest_draft(req: Request) -> Any:
    return req.drafts.order_by("-version").first()


def _actions(user: Any, req: Request, *, bound: str = "", bound_form: Any = None) -> list[Action]:
    """The actions this person can take on the request now, each with its form."""
    if not permissions.can_edit(user, req.org):
        return []
    today = timezone.localdate()

    def form(name: str, cls: Any, **kwargs: Any) -> Any:
        return bound_form if name == bound else cls(**kwargs)

    actions: list[Action] = []
    roles = permissions.roles_in(user, req.org)
    if req.closed is None:
        if req.received is None:
            actions.append(Action("confirm", _("确认收到申请"),
                                  form("confirm", forms.ConfirmForm, initial={"on": today}),
                                  note=_("网上申请以双方确认之日为收到申请之日（条例 第三十一条第（三）项）。")))
        else:
            actions.append(Action("assign", _("分办"), form("assign", forms.AssignForm, handlers=_handlers(req))))
            if req.correction_requested is None:
                actions.append(Action("correction", _("告知补正"), form("correction", forms.CorrectionForm,
                                                                     initial={"on": today})))
            elif req.correction_received is None:
                actions.append(Action("corrected", _("收到补正"), form("corrected", forms.CorrectedForm,
                                                                    initial={"on": today})))
            actions.append(Action("consult", _("征求意见"),
                                  form("consult", forms.ConsultForm, initial={"sent": today})))
            for c in req.consultations.filter(answered__isnull=True):
                name = f"opinion-{c.pk}"
                actions.append(Action(name, _("收到意见：%(party)s") % {"party": c.party},
                                      form(name, forms.OpinionForm, initial={"answered": today})))
            fee = getattr(req, "fee_notice", None)
            if fee is None:
                actions.append(Action("fee", _("收费通知"), form("fee", forms.FeeForm, initial={"sent": today})))
            elif fee.settled is None:
                actions.append(Action("paid", _("已缴费"), form("paid", forms.DateForm, initial={"on": today})))
                if Role.OFFICE_HEAD in roles:
                    actions.append(Action("waive", _("减免信息处理费"), form("waive", forms.WaiverForm,
                                                                         initial={"on": today})))
            if Role.OFFICE_HEAD in roles and not req.extension:
                actions.append(Action("extend", _("延长答复期限（负责人批准）"),
                                      form("extend", forms.ExtendForm, initial={"on": today})))
            if req.reasons_requested is None:
                actions.append(Action("reasons", _("要求申请人说明理由（第三十五条）"),
                                      form("reasons", forms.ReasonsForm, initial={"on": today})))
            if fee is None:
                actions.append(Action("split", _("按一事一申请拆分计件（国办函〔2020〕109号 第四条）"),
                                      form("split", forms.SplitForm, initial={"units": req.units,
                                                                             "reason": req.split_reason})))
            if Role.OFFICE_HEAD in roles:
                for c in req.consultations.filter(kind="third_party", answered__isnull=False,
                                                  disclosure_decided__isnull=True).exclude(opinion=""):
                    name = f"disclose-{c.pk}"
                    title = _("不顾异议决定公开并告知：%(party)s（第三十二条）") % {"party": c.party}
                    actions.append(Action(name, title, form(name, forms.DisclosureForm, initial={"on": today})))
            if Role.OFFICE_HEAD in roles and req.deferred_to is None:
                actions.append(Action("defer", _("确定合理的延迟答复期限（第三十五条）"),
                                      form("defer", forms.DeferForm)))
            draft = _latest_draft(req)
            if draft is None or draft.status != DraftStatus.SUBMITTED:
                initial = {}
                if draft is not None and draft.status in (DraftStatus.DRAFT, DraftStatus.RETURNED):
                    initial = {"outcome": draft.outcome, "facts": draft.facts, "reasons": draft.reasons,
                               "responsible_agency": draft.responsible_agency}
                actions.append(Action("draft", _("起草答复"), form("draft", forms.DraftForm, initial=initial)))
            if draft is not None and draft.status == DraftStatus.SUBMITTED and draft.author_id != user.pk and (
                set(services.REVIEW_ROLES) & roles
            ):
                actions.append(Action("review", _("审核答复草稿"), form("review", forms.ReviewForm), open=True))
            actions.append(Action("close", _("不经答复办结（逾期不补正、逾期未缴费、撤回）"),
                                  form("close", forms.CloseForm, initial={"on": today})))
    actions.append(Action("assistance", _("记录为申请人提供的帮助（第四十三条）"),
                          form("assistance", forms.AssistanceForm, initial={"assistance": req.assistance,
                                                                            "oral": req.oral})))
    actions.append(Action("attach", _("上传材料"), form("attach", forms.AttachForm)))
    for action in actions:
        action.open = action.open or action.name == bound
    return actions


def _perform(name: str, user: Any, req: Request, form: Any) -> str:
    """Carry out the action through the services; the message to show."""
    c = form.cleaned_data
    today = timezone.localdate()
    if name == "confirm":
        services.confirm_receipt(req, actor=user, on=c["on"])
        return _("已确认收到申请，答复期限自%(day)s起计算。") % {"day": letters.chinese_date(req.received)}
    if name == "assign":
        services.assign(req, c["handler"], actor=user)
        return _("已分办给%(name)s。") % {"name": c["handler"]}
    if name == "correction":
        services.request_correction(req, actor=user, items=c["items"], period=c["period"], on=c["on"],
                                    delivered=c["delivered"])
        return _("已生成补正告知书。")
    if name == "corrected":
        services.record_correction(req, actor=user, on=c["on"], uploads=forms.uploads(c["files"]))
        return _("已记录补正，答复期限重新计算。")
    if name == "consult":
        services.consult(req, actor=user, kind=c["kind"], party=c["party"], matter=c["matter"], sent=c["sent"],
                         delivered=c["delivered"], party_address=c["party_address"])
        return _("已生成征求意见书；征求意见的时间不计算在答复期限内。")
    if name.startswith("opinion-"):
        consultation = req.consultations.get(pk=int(name.removeprefix("opinion-")))
        services.record_opinion(consultation, actor=user, answered=c["answered"], opinion=c["opinion"],
                                delivered=c["delivered"])
        return _("已记录意见。")
    if name == "fee":
        services.issue_fee_notice(req, actor=user, method=c["method"], pages=c["pages"] or 0, sent=c["sent"],
                                  delivered=c["delivered"])
        return _("已生成收费通知书；缴费前的时间不计算在答复期限内。")
    if name == "paid":
        services.record_payment(req, actor=user, on=c["on"])
        return _("已记录缴费。")
    if name == "waive":
        services.waive_fee(req, actor=user, on=c["on"], reason=c["reason"])
        return _("已减免信息处理费。")
    if name == "extend":
        services.extend(req, actor=user, days=c["days"], reason=c["reason"], on=c["on"])
        return _("已延长答复期限并生成延期答复告知书。")
    if name == "defer":
        services.defer(req, actor=user, to=c["to"], reason=c["reason"])
        return _("已确定延迟答复的期限并生成延迟答复告知书。")
    if name == "reasons":
        services.ask_reasons(req, actor=user, items=c["items"], due=c["due"], on=c["on"])
        return _("已生成说明理由告知书。")
    if name == "split":
        services.split_units(req, actor=user, units=c["units"], reason=c["reason"])
        return _("已按%(n)d件计。") % {"n": c["units"]}
    if name == "assistance":
        services.record_assistance(req, actor=user, assistance=c["assistance"], oral=c["oral"])
        return _("已记录提供的帮助。")
    if name.startswith("disclose-"):
        consultation = req.consultations.get(pk=int(name.removeprefix("disclose-")))
        services.decide_disclosure(consultation, actor=user, reason=c["reason"], on=c["on"])
        return _("已决定公开并生成给第三方的决定公开告知书。")
    if name == "draft":
        draft = services.save_draft(req, actor=user, outcome_key=c["outcome"], facts=c["facts"], reasons=c["reasons"],
                                    responsible_agency=c["responsible_agency"])
        if "submit" in form.data:
            services.submit_draft(draft, actor=user)
            return _("答复草稿已提交审核。")
        return _("答复草稿已保存。")
    if name == "review":
        draft = _latest_draft(req)
        if c["decision"] == "approve":
            services.approve_draft(draft, actor=user, comment=c["comment"], on=today)
            return _("已签发答复，申请已办结。")
        services.return_draft(draft, actor=user, comment=c["comment"])
        return _("已退回答复草稿。")
    if name == "close":
        services.close(req, actor=user, outcome_key=c["outcome"], on=c["on"], reasons=c["reasons"])
        return _("申请已办结。")
    if name == "attach":
        upload = c["file"]
        services.add_attachment(req, services.Upload(upload.name, upload.read()), actor=user, kind=c["kind"])
        return _("已上传材料。")
    raise Http404


_FORMS: dict[str, Callable[..., Any]] = {
    "confirm": forms.ConfirmForm, "correction": forms.CorrectionForm, "corrected": forms.CorrectedForm,
    "consult": forms.ConsultForm, "fee": forms.FeeForm, "paid": forms.DateForm, "waive": forms.WaiverForm,
    "extend": forms.ExtendForm, "defer": forms.DeferForm, "draft": forms.DraftForm, "review": forms.ReviewForm,
    "close": forms.CloseForm, "attach": forms.AttachForm, "reasons": forms.ReasonsForm, "split": forms.SplitForm,
    "assistance": forms.AssistanceForm,
}


def _bind(name: str, req: Request, http: HttpRequest) -> Any:
    if name == "assign":
        return forms.AssignForm(http.POST, handlers=_handlers(req))
    if name.startswith("opinion-"):
        return forms.OpinionForm(http.POST)
    if name.startswith("disclose-"):
        return forms.DisclosureForm(http.POST)
    if name not in _FORMS:
        raise Http404
    return _FORMS[name](http.POST, http.FILES)


def _detail_context(user: Any, req: Request, actions: list[Action]) -> dict[str, Any]:
    schedule_problem, dated, status = "", None, None
    try:  # 暂定 dates for a year whose notice is not entered; only a date beyond 2100 is a problem
        schedule = clock.holiday_schedule()
        dated = clock.dated_for(req, schedule=schedule)
        status = clock.status_for(req, schedule=schedule)
    except HolidayScheduleError as exc:
        schedule_problem = str(exc)
    return {
        "req": req, "deadlines": dated.plain if dated else None, "dated": dated, "status": status,
        "schedule_problem": schedule_problem,
        "actions": actions, "read_only": not permissions.can_edit(user, req.org),
        "letters": req.attachments.filter(kind="letter"), "files": req.attachments.exclude(kind="letter"),
        "drafts": req.drafts.select_related("author", "reviewer"), "consultations": req.consultations.all(),
        "fee": getattr(req, "fee_notice", None),
    }


@staff_member_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int, action: str = "") -> HttpResponse:
    req = get_request_or_404(request.user, pk)
    if request.method == "POST":
        permissions.require_edit(request.user, req.org)
        form = _bind(action, req, request)
        if form.is_valid():
            try:
                with transaction.atomic():
                    message = _perform(action, request.user, req, form)
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, message)
                return redirect("applications:detail", pk=req.pk)
        req = get_request_or_404(request.user, pk)
        actions = _actions(request.user, req, bound=action, bound_form=form)
        return render(request, "applications/request_detail.html", _detail_context(request.user, req, actions),
                      status=400)
    return render(request, "applications/request_detail.html",
                  _detail_context(request.user, req, _actions(request.user, req)))


@staff_member_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    req = get_request_or_404(request.user, pk)
    attachment = req.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return file_response(attachment)


def file_response(attachment: Attachment) -> FileResponse:
    """The file as a download; the caller has checked that the person may see it."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


# ---------------------------------------------------------------------------------------------
# table 三


@staff_member_required
def table3_view(request: HttpRequest) -> HttpResponse:
    orgs = permissions.visible_orgs(request.user)
    org_pk = integer(request.GET, "org")
    org = permissions.get_visible_org_or_404(request.user, org_pk) if org_pk is not None else orgs.first()
    if org is None:
        raise Http404
    year = whole_number(request.GET.get("year"), minimum=FIRST_YEAR, maximum=LAST_YEAR) or timezone.localdate().year
    fmt = stats.format_for_year(year)
    cells = stats.table3(org, year)
    table = fmt.table(stats.TABLE)
    rows = [(row, [cells[CellRef(stats.TABLE, row.key, c.key)] for c in table.columns]) for row in table.rows]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="table3-{org.pk}-{year}.csv"'
        response.write("\ufeff")
        writer = csv_writer(response)
        writer.writerow(["", *(c.label for c in table.columns)])
        for row, values in rows:
            writer.writerow([row.label, *values])
        return response
    return render(request, "applications/table3.html", {
        "org": org, "orgs": orgs, "year": year, "table": table, "rows": rows, "format": fmt,
        "years": range(timezone.localdate().year, 2018, -1),
    })


# ---------------------------------------------------------------------------------------------
# letter templates (an agency's administrators; the site-wide ones are the superuser's)


def _template_org(user: Any, org_id: int | None) -> Any:
    if org_id is None:
        if not user.is_superuser:
            raise PermissionDenied(_("全平台通用模板由平台管理员维护。"))
        return None
    org = permissions.get_visible_org_or_404(user, org_id)
    permissions.require_edit(user, org, permissions.has_role(user, org, Role.ADMIN) or user.is_superuser)
    return org


@staff_member_required
def template_list(request: HttpRequest) -> HttpResponse:
    admin_orgs = [o for o in permissions.editable_orgs(request.user)
                  if permissions.has_role(request.user, o, Role.ADMIN) or request.user.is_superuser]
    custom = {(t.org_id, t.kind) for t in LetterTemplate.objects.filter(
        Q(org__in=admin_orgs) | Q(org__isnull=True))}
    rows = [(org, [(k, label, (getattr(org, "pk", None), k) in custom) for k, label in LetterKind.choices])
            for org in ([None] if request.user.is_superuser else []) + admin_orgs]
    return render(request, "applications/template_list.html", {"rows": rows})


@staff_member_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, kind: str, org_id: int | None = None) -> HttpResponse:
    if kind not in LetterKind.values:
        raise Http404
    org = _template_org(request.user, org_id)
    title, body = letters.template_for(kind, org)
    form = forms.TemplateForm(request.POST or None, kind=kind, initial={"title": title, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            letters.validate_template(kind, form.cleaned_data["title"], form.cleaned_data["body"])
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            with transaction.atomic():
                template, _created = LetterTemplate.objects.update_or_create(
                    org=org, kind=kind,
                    defaults={"title": form.cleaned_data["title"], "body": form.cleaned_data["body"],
                              "updated_by": request.user},
                )
                record(RequestEvent.TEMPLATE_CHANGED, actor=request.user, obj=template, org=org,
                       before={"title": title, "body": body},
                       after={"title": template.title, "body": template.body})
            messages.success(request, _("模板已保存。"))
            return redirect("applications:templates")
    return render(request, "applications/template_edit.html", {"form": form, "org": org})


# ---------------------------------------------------------------------------------------------
# the register import


@staff_member_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    orgs = permissions.editable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("只能查看，不能修改。"))
    form = forms.ImportForm(request.POST or None, request.FILES or None, orgs=orgs)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = start_import(form.cleaned_data["org"], upload.name, upload.read(), actor=request.user)
        except RegisterImportError as exc:
            problems = exc.problems
            form.add_error("file", _("台账有%(n)d处问题，未导入任何记录。") % {"n": len(problems)})
        else:
            if isinstance(created, Job):  # a large register: the job's page follows the worker
                return redirect("tasks:job", pk=created.pk)
            messages.success(request, _("已导入%(n)d件申请。") % {"n": len(created)})
            return redirect(f"{redirect('applications:list').url}?org={form.cleaned_data['org'].pk}")
    return render(request, "applications/import.html", {"form": form, "problems": problems})
