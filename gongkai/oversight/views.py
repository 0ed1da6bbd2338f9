"""Pages of 督促整改: issue a notice from the supervisors' view, the notices, one notice and its steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.applications.forms import apply_errors
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.oversight import forms, services
from gongkai.oversight.constants import ItemKind, NoticeStatus
from gongkai.oversight.models import Notice
from gongkai.web import params


@staff_member_required
def notice_list(request: HttpRequest) -> HttpResponse:
    return render(request, "oversight/list.html", {"rows": services.visible_notices(request.user)[:500]})


def _visible(request: HttpRequest, pk: int) -> Notice:
    notice = services.visible_notices(request.user).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def _detail(request: HttpRequest, notice: Notice, **bound: Any) -> HttpResponse:
    office = services.is_office(request.user, notice.office)
    agency = permissions.can_edit(request.user, notice.org_id) and not office
    return render(request, "oversight/detail.html", {
        "notice": notice, "items": notice.items.all(), "office": office,
        "answer_form": bound.get("answer_form") or (forms.AnswerForm(notice=notice)
                                                    if agency and notice.status == NoticeStatus.SENT else None),
        "reopen_form": bound.get("reopen_form") or (forms.ReopenForm()
                                                    if office and notice.status != NoticeStatus.SENT else None),
    })


@staff_member_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible(request, pk))


@staff_member_required
@require_http_methods(["GET", "POST"])
def notice_issue(request: HttpRequest, office_id: int, org_id: int) -> HttpResponse:
    """From the supervisors' view: the year's findings about `org` offered as the notice's items."""
    office = permissions.get_visible_org_or_404(request.user, office_id)
    org = permissions.get_visible_org_or_404(request.user, org_id)
    year = params.whole_number(request.GET.get("year"), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    suggestions = services.suggestions(org, year, timezone.localdate()) if year is not None else []
    return _issue_page(request, office, org, year, suggestions)


@staff_member_required
@require_http_methods(["GET", "POST"])
def notice_from_check(request: HttpRequest, check_id: int, index: int) -> HttpResponse:
    """From a bulk check: the agency its file names, the file's errors and warnings offered as the items."""
    from gongkai.annual.models import BulkCheck

    check = BulkCheck.objects.visible_to(request.user).select_related("org").filter(pk=check_id).first()
    if check is None or not 0 <= index < len(check.results):
        raise Http404
    result = check.results[index]
    org = services.agency_named(check.org, result.get("agency") or "")
    if org is None or not permissions.can_view(request.user, org):
        messages.error(request, _("未能从报告确定被检查机关“%(name)s”，请从下级机关年度报告页面发出整改通知。")
                       % {"name": result.get("agency") or "—"})
        return redirect("annual:check", pk=check.pk)
    year = result.get("year")
    suggestions = [(ItemKind.REPORT_ERROR, f"{year}年度报告：{f['message']}（{f['rule']}）"[:500])
                   for f in result.get("findings", []) if f.get("severity") in ("error", "warning")]
    return _issue_page(request, check.org, org, year if isinstance(year, int) else None, suggestions)


def _issue_page(request: HttpRequest, office: Any, org: Any, year: int | None,
                suggestions: list[tuple[str, str]]) -> HttpResponse:
    if not services.is_office(request.user, office):
        raise Http404
    form = forms.IssueForm(request.POST or None, suggestions=suggestions,
                           initial={"due_on": services.default_due(timezone.localdate()),
                                    "found": [str(i) for i in range(len(suggestions))]})
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.issue(org, actor=request.user, office=office, items=form.items(),
                                    due_on=form.cleaned_data["due_on"], year=year, note=form.cleaned_data["note"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "items" in exc.error_dict:
                exc = ValidationError({"other": exc.error_dict["items"]})
            apply_errors(form, exc)
        else:
            messages.success(request, _("整改通知已发出。"))
            return redirect("oversight:detail", pk=notice.pk)
    return render(request, "oversight/issue.html", {"form": form, "org": org, "office": office, "year": year})


def _step(request: HttpRequest, notice: Notice, form: Any, key: str, run: Any, done: str) -> HttpResponse:
    if form is None or form.is_valid():
        try:
            run(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            if form is None:
                messages.error(request, "；".join(exc.messages))
                return redirect("oversight:detail", pk=notice.pk)
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("oversight:detail", pk=notice.pk)
    return _detail(request, notice, **{key: form})


@staff_member_required
@require_POST
def notice_answer(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _visible(request, pk)
    return _step(request, notice, forms.AnswerForm(request.POST, notice=notice), "answer_form",
                 lambda d: services.answer(notice, actor=request.user, text=d["answer"], items=list(d["items"]),
                                           version=d["version"]), _("整改情况已报送。"))


@staff_member_required
@require_POST
def notice_close(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _visible(request, pk)
    return _step(request, notice, None, "", lambda d: services.close(notice, actor=request.user),
                 _("整改通知已销号。"))


@staff_member_required
@require_POST
def notice_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _visible(request, pk)
    return _step(request, notice, forms.ReopenForm(request.POST), "reopen_form",
                 lambda d: services.reopen(notice, actor=request.user, note=d["reopen_note"]),
                 _("已退回整改机关重新整改。"))

