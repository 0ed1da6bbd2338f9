"""Staff pages of 投诉举报: the office's and the agency's lists, a complaint and its steps, registration."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.applications.forms import apply_errors
from gongkai.complaints import forms, services
from gongkai.complaints.constants import Status
from gongkai.complaints.models import Complaint
from gongkai.complaints.public_views import complainable_orgs
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required


@staff_member_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    rows = services.visible_complaints(request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    own = permissions.member_org_ids(request.user)
    can_register = request.user.is_superuser or complainable_orgs().filter(supervising_org_id__in=own).exists()
    return render(request, "complaints/list.html", {
        "rows": [(c, services.reads_all(request.user, c)) for c in rows[:500]],
        "statuses": Status.choices, "status": status, "can_register": can_register,
    })


def _visible(request: HttpRequest, pk: int) -> Complaint:
    complaint = services.visible_complaints(request.user).filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


@staff_member_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _visible(request, pk)
    return _render_detail(request, complaint)


def _render_detail(request: HttpRequest, complaint: Complaint, **bound: Any) -> HttpResponse:
    user = request.user
    handles = services.can_handle(user, complaint)
    answers = (complaint.status == Status.ASKED and permissions.can_edit(user, complaint.org_id)
               and not services.reads_all(user, complaint))
    open_ = complaint.status != Status.REPLIED
    return render(request, "complaints/detail.html", {
        "complaint": complaint, "handles": handles, "shows_identity": services.shows_identity(user, complaint),
        "attachments": complaint.attachments.all() if services.reads_all(user, complaint) else [],
        "ask_form": bound.get("ask_form") or (forms.AskForm() if handles and open_ else None),
        "assign_form": bound.get("assign_form") or (forms.AssignForm(office=complaint.office,
                                                                      initial={"assignee": complaint.assignee_id})
                                                     if handles and open_ else None),
        "reply_form": bound.get("reply_form") or (forms.ReplyForm() if handles and open_ else None),
        "explain_form": bound.get("explain_form") or (forms.ExplainForm() if answers else None),
    })


def _step(request: HttpRequest, complaint: Complaint, form: Any, key: str, action: Any, done: str) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied:
            raise
        else:
            messages.success(request, done)
            return redirect("complaints:detail", pk=complaint.pk)
    return _render_detail(request, complaint, **{key: form})


@staff_member_required
@require_POST
def complaint_ask(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _visible(request, pk)
    return _step(request, complaint, forms.AskForm(request.POST), "ask_form",
                 lambda d: services.ask_agency(complaint, actor=request.user, question=d["question"]),
                 _("已要求被投诉机关说明情况。"))


@staff_member_required
@require_POST
def complaint_explain(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _visible(request, pk)
    return _step(request, complaint, forms.ExplainForm(request.POST), "explain_form",
                 lambda d: services.explain(complaint, actor=request.user, explanation=d["explanation"]),
                 _("情况说明已提交监督机关。"))


@staff_member_required
@require_POST
def complaint_reply(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _visible(request, pk)
    return _step(request, complaint, forms.ReplyForm(request.POST), "reply_form",
                 lambda d: services.reply(complaint, actor=request.user, finding=d["finding"], text=d["reply"],
                                          correction=d["correction_ordered"]),
                 _("处理结论已作出，投诉人可凭查询码查看答复。"))


@staff_member_required
@require_POST
def complaint_assign(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _visible(request, pk)
    return _step(request, complaint, forms.AssignForm(request.POST, office=complaint.office), "assign_form",
                 lambda d: services.assign(complaint, actor=request.user, assignee=d["assignee"]),
                 _("承办人已指定。"))


@staff_member_required
@require_POST
def complaint_share(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _visible(request, pk)
    services.share_identity(complaint, actor=request.user)
    messages.success(request, _("已向被投诉机关提供投诉人信息。"))
    return redirect("complaints:detail", pk=complaint.pk)


@staff_member_required
def complaint_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply letter as Word: for those who may see the complainant's name it is addressed to."""
    from gongkai.complaints.public_views import docx_response

    complaint = _visible(request, pk)
    if complaint.status != Status.REPLIED or not services.shows_identity(request.user, complaint):
        raise Http404
    return docx_response(complaint)


@staff_member_required
@require_http_methods(["GET", "POST"])
def complaint_register(request: HttpRequest) -> HttpResponse:
    """A complaint received by letter, phone or in person, about an agency this office supervises."""
    own = permissions.member_org_ids(request.user)
    orgs = complainable_orgs() if request.user.is_superuser else complainable_orgs().filter(supervising_org_id__in=own)
    form = forms.RegisterForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.register(form.cleaned_data["org"], form.complaint_data(), actor=request.user,
                                          channel=form.cleaned_data["channel"],
                                          received_on=form.cleaned_data["received_on"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("投诉举报已登记，查询码 %(code)s。") % {"code": complaint.tracking_code})
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/register.html", {"form": form})


@staff_member_required
def rating_results(request: HttpRequest) -> HttpResponse:
    """社会评议 results per agency for a year, for the agencies the viewer may see (supervisors: all below)."""
    from gongkai.complaints import ratings
    from gongkai.complaints.models import Rating
    from gongkai.web import params

    year = params.whole_number(request.GET.get("year"), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    year = year or timezone.localdate().year
    orgs = list(permissions.visible_orgs(request.user))
    results = ratings.results_for_orgs([o.pk for o in orgs], year)
    comments = (Rating.objects.filter(org__in=orgs, submitted_on__year=year).exclude(comment="")
                .select_related("org")[:200])
    return render(request, "complaints/ratings.html", {
        "year": year, "rows": [(o, results[o.pk]) for o in orgs], "comments": comments})
