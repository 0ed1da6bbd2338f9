"""The public pages: apply online without an account, and follow a request by its tracking code.

They go through the same services as the staff pages; the tracking code is the applicant's key to the
request's progress and to the letters sent to them, and to nothing else.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.applications import clock, forms, services
from gongkai.applications.constants import AttachmentKind
from gongkai.applications.models import Request
from gongkai.applications.views import file_response
from gongkai.calendar import DerivedDate, HolidayScheduleError
from gongkai.calendar.provisional import chinese_date
from gongkai.law.requests import outcome
from gongkai.orgs.models import Organisation
from gongkai.web.params import whole_number
from gongkai.web.throttle import rate_limited

SESSION_KEY = "applications.submitted"


def _orgs() -> Any:
    return Organisation.objects.filter(is_active=True)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (refused := rate_limited(request, "apply")):
        return refused
    initial: dict[str, Any] = {}
    if (org_id := whole_number(request.GET.get("org"))) is not None:
        initial["org"] = org_id
    data = (request.POST, request.FILES) if request.method == "POST" else (None,)
    form = forms.PortalApplicationForm(*data, orgs=_orgs(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.submit_online(form.cleaned_data["org"], form.applicant_data(),
                                             uploads=forms.uploads(form.cleaned_data["files"]), user=request.user,
                                             assistance_needed=form.cleaned_data["assistance_needed"])
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            request.session[SESSION_KEY] = created.tracking_code
            return redirect("applications:applied")
    return render(request, "applications/portal_apply.html", {"form": form})


def applied(request: HttpRequest) -> HttpResponse:
    code = request.session.get(SESSION_KEY)
    req = Request.objects.select_related("org").filter(tracking_code=code).first() if code else None
    if req is None:
        return redirect("applications:apply")
    return render(request, "applications/portal_applied.html", {"req": req})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and (refused := rate_limited(request, "track")):
        return refused
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if Request.objects.filter(tracking_code=code).exists():
            return redirect("applications:tracked", code=code)
        form.add_error("code", _("没有找到该查询码对应的申请，请核对后重新输入。"))
    return render(request, "applications/portal_track.html", {"form": form})


def _by_code(code: str) -> Request:
    req = Request.objects.select_related("org", "fee_notice").filter(tracking_code=code.upper()).first()
    if req is None:
        raise Http404
    return req  # type: ignore[no-any-return]


def reply_period_text(req: Request, reply_due: DerivedDate) -> str:
    """The reply period in the statutory wording, its date in brackets: 自收到申请之日起20个工作日内
    （暂定2027年1月5日）; an extended or deferred period by its date alone."""
    if reply_due.value is None:
        if req.correction_requested and not req.correction_received:
            return _("自收到补正后的申请之日起20个工作日内")
        return _("暂停计算中（征求意见或待缴费）")
    if req.extension or req.deferred_to:
        return reply_due.public_text
    start = "收到补正后的申请" if req.correction_received else "收到申请"
    day = chinese_date(reply_due.value)
    return f"自{start}之日起20个工作日内（{'暂定' + day if reply_due.provisional else day + '前'}）"


def tracked(request: HttpRequest, code: str) -> HttpResponse:
    if refused := rate_limited(request, "track"):  # a code guessed in the address counts as a lookup
        return refused
    req = _by_code(code)
    dated, reply = None, ""
    try:
        dated = clock.dated_for(req)
    except HolidayScheduleError:  # beyond 2100: nothing an applicant can act on
        reply = _("另行告知")
    if dated is not None:
        reply = reply_period_text(req, dated.reply_due)
    return render(request, "applications/portal_tracked.html", {
        "req": req, "dated": dated, "reply_text": reply,
        "outcome": outcome(req.outcome) if req.outcome else None,
        "letters": req.attachments.filter(kind=AttachmentKind.LETTER),
    })


def tracked_letter(request: HttpRequest, code: str, attachment_id: int) -> FileResponse:
    req = _by_code(code)
    attachment = req.attachments.filter(pk=attachment_id, kind=AttachmentKind.LETTER).first()
    if attachment is None:
        raise Http404
    return file_response(attachment)
