"""Staff pages: requests to consider for proactive publication, and the register of withheld information."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.dashboard.services import default_org
from gongkai.disclosure import conversions, withheld
from gongkai.disclosure.forms import ConversionForm, ReviewForm
from gongkai.disclosure.models import Conversion, WithheldEntry
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required


def _apply_errors(form: Form, exc: ValidationError) -> None:
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
    return redirect("disclosure:conversions", org_id=org.pk)


@staff_member_required
@require_http_methods(["GET", "POST"])
def conversion_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    can_edit = permissions.can_edit(request.user, org)
    form = None
    if request.method == "POST":
        permissions.require_edit(request.user, org)
        form = ConversionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["action"] == "convert":
                    conversion = conversions.convert(org, actor=request.user, request_ids=data["requests"],
                                                     title=data["title"], topic=data["topic"], genre=data["genre"])
                    messages.success(request, _("已起草待公开的信息，请补充正文后提交三审。"))
                    return redirect("publishing:item", conversion.item_id)
                conversions.decline(org, actor=request.user, request_ids=data["requests"], reason=data["reason"])
                messages.success(request, _("已记录不转为主动公开的决定。"))
                return redirect("disclosure:conversions", org_id=org.pk)
            except ValidationError as exc:
                _apply_errors(form, exc)
    decided = Conversion.objects.filter(org=org).select_related("item").prefetch_related("requests")[:50]
    return render(request, "disclosure/conversions.html", {
        "org": org, "proposals": conversions.proposals(org), "decided": decided, "can_edit": can_edit,
        "form": form, "blank": ConversionForm(), "posted": request.POST.get("requests", ""),
    })


@staff_member_required
@require_GET
def withheld_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    entries = WithheldEntry.objects.filter(org=org).select_related("request", "item")
    return render(request, "disclosure/withheld_list.html", {
        "org": org, "entries": entries, "due_ids": set(withheld.due(org).values_list("pk", flat=True)),
    })


@staff_member_required
@require_http_methods(["GET", "POST"])
def withheld_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entries = WithheldEntry.objects.visible_to(request.user).select_related("org", "request", "item")
    entry = entries.filter(pk=pk).first()
    if entry is None:
        raise Http404
    can_review = withheld.can_review(request.user, entry) and entry.state == "withheld"
    form = ReviewForm(request.POST if request.method == "POST" else None, initial={"title": entry.information})
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied(_("不予公开信息的评估审查须由本机关的公开工作机构负责人、终审人或管理员进行。"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                withheld.review(entry, actor=request.user, decision=data["decision"], reason=data["reason"],
                                on=data["on"], title=data["title"], topic=data["topic"], genre=data["genre"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("评估审查结论已记录。"))
                return redirect("disclosure:withheld_entry", pk=entry.pk)
    return render(request, "disclosure/withheld_entry.html", {
        "entry": entry, "org": entry.org, "reviews": entry.reviews.select_related("reviewer"),
        "form": form, "can_review": can_review,
    })
