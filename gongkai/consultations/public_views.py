"""Public pages: drafts open for comment (and the 采纳情况 of closed ones), the comment form, and the
responses to public concern (回应关切)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.consultations import forms, services
from gongkai.consultations.models import ConcernResponse, Consultation
from gongkai.consultations.views import apply_errors, org_filter
from gongkai.web.throttle import rate_limited


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    rows = Consultation.objects.public().select_related("org")
    if (org_id := org_filter(request)) is not None:
        rows = rows.filter(org_id=org_id)
    return render(request, "consultations/public_list.html", {"rows": rows[:200], "today": timezone.localdate()})


@require_http_methods(["GET", "POST"])
def consultation_page(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.public().select_related("org"), pk=pk)
    today = timezone.localdate()
    if request.method == "POST" and (refused := rate_limited(request, "comment")):
        return refused
    form = forms.CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_comment(consultation, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("您的意见已提交，感谢参与。"))
            return redirect("consultations:public_detail", pk=pk)
    published = consultation.result_published_at is not None
    return render(request, "consultations/public_detail.html", {
        "c": consultation, "form": form, "open": consultation.is_open(today), "today": today,
        "tally": services.tally(consultation) if published else None,
        "answered": consultation.comments.exclude(adoption="") if published else (),
    })


@require_GET
def concern_list(request: HttpRequest) -> HttpResponse:
    rows = ConcernResponse.objects.public().select_related("org")
    if (org_id := org_filter(request)) is not None:
        rows = rows.filter(org_id=org_id)
    return render(request, "consultations/public_concerns.html", {"rows": rows[:200]})


@require_GET
def concern_page(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(ConcernResponse.objects.public().select_related("org"), pk=pk)
    return render(request, "consultations/public_concern.html", {"r": response})
