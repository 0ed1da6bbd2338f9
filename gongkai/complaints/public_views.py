"""Public pages of 投诉举报: the form (no account), the tracking code, and the reply seen by that code."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.applications.forms import apply_errors
from gongkai.complaints import forms, services
from gongkai.complaints.constants import Status
from gongkai.complaints.models import Complaint
from gongkai.orgs.models import Organisation
from gongkai.web.params import whole_number
from gongkai.web.throttle import rate_limited

SESSION_KEY = "complaints.submitted"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def complainable_orgs() -> Any:
    """Agencies with a supervising office to complain to."""
    return Organisation.objects.filter(is_active=True, supervising_org__isnull=False)


@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (refused := rate_limited(request, "complain")):
        return refused
    initial: dict[str, Any] = {}
    if (org_id := whole_number(request.GET.get("org"))) is not None:
        initial["org"] = org_id
    data = (request.POST, request.FILES) if request.method == "POST" else (None,)
    form = forms.PortalComplaintForm(*data, orgs=complainable_orgs(), initial=initial)
    if request.method == "POST" and form.is_valid():
        uploads = [services.Upload(f.name, f.read()) for f in form.cleaned_data["files"]]
        try:
            complaint = services.submit_online(form.cleaned_data["org"], form.complaint_data(), uploads=uploads)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            request.session[SESSION_KEY] = complaint.tracking_code
            return redirect("complaints:submitted")
    return render(request, "complaints/public_form.html", {"form": form})


def submitted(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SESSION_KEY)
    complaint = Complaint.objects.select_related("org", "office").filter(tracking_code=code).first() if code else None
    if complaint is None:
        return redirect("complaints:complain")
    return render(request, "complaints/public_submitted.html", {"complaint": complaint})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (refused := rate_limited(request, "track")):
        return refused
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if Complaint.objects.filter(tracking_code=code).exists():
            return redirect("complaints:tracked", code=code)
        form.add_error("code", _("没有找到该查询码对应的投诉举报，请核对后重新输入。"))
    return render(request, "complaints/public_track.html", {"form": form})


def tracked(request: HttpRequest, code: str) -> HttpResponse:
    if refused := rate_limited(request, "track"):  # a code guessed in the address counts as a lookup
        return refused
    complaint = Complaint.objects.select_related("org", "office").filter(tracking_code=code.upper()).first()
    if complaint is None:
        raise Http404
    return render(request, "complaints/public_tracked.html", {"complaint": complaint})


def tracked_letter(request: HttpRequest, code: str) -> HttpResponse:
    """The reply letter as Word, for whoever holds the tracking code (as the reply on the page)."""
    if refused := rate_limited(request, "track"):
        return refused
    complaint = Complaint.objects.select_related("org", "office").filter(tracking_code=code.upper()).first()
    if complaint is None or complaint.status != Status.REPLIED:
        raise Http404
    return docx_response(complaint)


def docx_response(complaint: Complaint) -> HttpResponse:
    from gongkai.complaints import letters

    response = HttpResponse(letters.reply_docx(complaint), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, letters.reply_filename(complaint))
    return response


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest) -> HttpResponse:
    """社会评议: a score and a comment on an agency's disclosure work, no account needed."""
    from gongkai.complaints import ratings

    if request.method == "POST" and (refused := rate_limited(request, "complain")):
        return refused
    initial: dict[str, Any] = {}
    if (org_id := whole_number(request.GET.get("org"))) is not None:
        initial["org"] = org_id
    form = forms.RatingForm(request.POST or None, orgs=Organisation.objects.filter(is_active=True), initial=initial)
    if request.method == "POST" and form.is_valid():
        ratings.rate(form.cleaned_data["org"], score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
        return render(request, "complaints/public_rated.html", {"org": form.cleaned_data["org"]})
    return render(request, "complaints/public_rate.html", {"form": form})
