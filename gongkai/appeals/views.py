"""Pages of the appeals register: an agency's cases by year (with table 四 as counted), add, change, delete."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.appeals import services, stats
from gongkai.appeals.forms import AppealForm
from gongkai.appeals.models import Appeal
from gongkai.dashboard.services import default_org
from gongkai.law.report_format import APPEAL_GROUPS, APPEAL_RESULTS, CellRef
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.web import params


def _year(request: HttpRequest) -> int:
    year = params.whole_number(request.GET.get("year"), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    return dt.date.today().year - 1 if year is None else year


def _apply_errors(form: AppealForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@staff_member_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    org = default_org(request.user, request.session.get("dashboard_org"))
    if org is None:
        raise Http404
    return redirect("appeals:org", org_id=org.pk)


@staff_member_required
def org_appeals(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    year = _year(request)
    end = dt.date(year, 12, 31)
    cases = Appeal.objects.visible_to(request.user).filter(org=org, filed_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=dt.date(year, 1, 1)) | Q(filed_on__year=year)
    )
    cells = stats.table4(org, year)
    groups = [
        {
            "label": "·".join(path),
            "values": [
                (label, cells[CellRef(stats.TABLE, stats.ROW, f"{key}.{result}")]) for result, label in APPEAL_RESULTS
            ],
        }
        for key, path in APPEAL_GROUPS
    ]
    return render(request, "appeals/org_appeals.html", {
        "org": org, "year": year, "cases": cases, "groups": groups, "counting": stats.counting(),
        "can_edit": permissions.can_edit(request.user, org), "years": range(dt.date.today().year, 2019, -1),
    })


@staff_member_required
@require_http_methods(["GET", "POST"])
def appeal_add(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org)
    form = AppealForm(request.POST if request.method == "POST" else None, org=org)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.create_appeal(org, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("案件已登记。"))
            return redirect(f"{_org_url(org.pk)}?year={appeal.filed_on.year}")
    return render(request, "appeals/appeal_form.html", {"org": org, "form": form, "appeal": None})


def _org_url(org_id: int) -> str:
    return reverse("appeals:org", args=[org_id])


def _visible_appeal(request: HttpRequest, pk: int) -> Appeal:
    appeal = Appeal.objects.visible_to(request.user).select_related("org").filter(pk=pk).first()
    if appeal is None:
        raise Http404
    return appeal


@staff_member_required
@require_http_methods(["GET", "POST"])
def appeal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _visible_appeal(request, pk)
    permissions.require_edit(request.user, appeal.org)
    data = request.POST if request.method == "POST" else None
    form = AppealForm(data, instance=Appeal.objects.get(pk=pk), org=appeal.org)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_appeal(appeal, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("案件已保存。"))
            return redirect(f"{_org_url(appeal.org_id)}?year={form.cleaned_data['filed_on'].year}")
    return render(request, "appeals/appeal_form.html", {"org": appeal.org, "form": form, "appeal": appeal})


@staff_member_required
@require_POST
def appeal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _visible_appeal(request, pk)
    permissions.require_edit(request.user, appeal.org)
    services.delete_appeal(appeal, actor=request.user)
    messages.success(request, _("案件已删除。"))
    return redirect("appeals:org", org_id=appeal.org_id)
