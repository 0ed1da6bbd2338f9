"""Staff pages of 意见征集 and 回应关切: draft, publish, answer comments, publish the 采纳情况."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.consultations import forms, services
from gongkai.consultations.models import Comment, ConcernResponse, Consultation
from gongkai.dashboard.services import default_org
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.web.params import whole_number


def apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@staff_member_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    org = default_org(request.user, request.session.get("dashboard_org"))
    if org is None:
        raise Http404
    return redirect("consultations:org", org_id=org.pk)


@staff_member_required
@require_GET
def org_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    return render(request, "consultations/org_list.html", {
        "org": org, "consultations": Consultation.objects.filter(org=org), "today": timezone.localdate(),
        "concerns": ConcernResponse.objects.filter(org=org), "can_edit": permissions.can_edit(request.user, org),
    })


def _create(request: HttpRequest, org_id: int, form_class: Any, create: Any, url: str, template: str) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = create(org, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已保存草稿。"))
            return redirect(url, pk=made.pk)
    return render(request, template, {"org": org, "form": form})


@staff_member_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest, org_id: int) -> HttpResponse:
    return _create(request, org_id, forms.ConsultationForm, services.create_consultation, "consultations:detail",
                   "consultations/consultation_form.html")


@staff_member_required
@require_http_methods(["GET", "POST"])
def concern_new(request: HttpRequest, org_id: int) -> HttpResponse:
    return _create(request, org_id, forms.ConcernForm, services.create_concern, "consultations:concern",
                   "consultations/concern_form.html")


def _visible(request: HttpRequest, model: Any, pk: int) -> Any:
    found = model.objects.visible_to(request.user).select_related("org").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@staff_member_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, Consultation, pk)
    org = consultation.org
    result_form = forms.ResultForm(request.POST if request.POST.get("action") == "result" else None)
    error = ""
    if request.method == "POST":
        permissions.require_edit(request.user, org)
        action = request.POST.get("action")
        try:
            if action == "open":
                services.open_consultation(consultation, actor=request.user)
                messages.success(request, _("征求意见稿已发布。"))
                return redirect("consultations:detail", pk=pk)
            if action == "result" and result_form.is_valid():
                services.publish_result(consultation, actor=request.user, text=result_form.cleaned_data["result"])
                messages.success(request, _("意见采纳情况已公布。"))
                return redirect("consultations:detail", pk=pk)
        except ValidationError as exc:
            if action == "result":
                apply_errors(result_form, exc)
            else:
                error = "；".join(exc.messages)
    can_publish = permissions.has_role(request.user, org, *services.PUBLISHING_ROLES)
    return render(request, "consultations/consultation_detail.html", {
        "c": consultation, "org": org, "comments": consultation.comments.select_related("replied_by"),
        "tally": services.tally(consultation), "today": timezone.localdate(), "error": error,
        "can_edit": permissions.can_edit(request.user, org), "can_publish": can_publish,
        "result_form": result_form, "reply_form": forms.ReplyForm(),
    })


@staff_member_required
@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    comment = Comment.objects.filter(
        pk=pk, consultation__org_id__in=permissions.visible_org_ids(request.user)).select_related(
        "consultation__org").first()
    if comment is None:
        raise Http404
    form = forms.ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[f].label}：{'、'.join(e)}" for f, e in form.errors.items()))
    else:
        try:
            services.reply(comment, actor=request.user, adoption=form.cleaned_data["adoption"],
                           text=form.cleaned_data["reply"])
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("答复已保存。"))
    return redirect(f"{_detail_url(comment.consultation_id)}#comment-{comment.pk}")


def _detail_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("consultations:detail", args=[pk])


@staff_member_required
@require_http_methods(["GET", "POST"])
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = _visible(request, ConcernResponse, pk)
    error = ""
    if request.method == "POST":
        try:
            services.publish_concern(response, actor=request.user)
        except ValidationError as exc:
            error = "；".join(exc.messages)
        else:
            messages.success(request, _("回应已发布。"))
            return redirect("consultations:concern", pk=pk)
    return render(request, "consultations/concern_detail.html", {
        "r": response, "org": response.org, "error": error,
        "can_publish": permissions.has_role(request.user, response.org, *services.PUBLISHING_ROLES),
    })


def org_filter(request: HttpRequest) -> int | None:
    return whole_number(request.GET.get("org"))
