"""Organisation pages: the list, one organisation with its people, and the forms its administrators use."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.orgs import permissions, services
from gongkai.orgs.decorators import staff_member_required
from gongkai.orgs.forms import OrganisationForm, PersonForm, RolesForm
from gongkai.orgs.models import Membership, Organisation, User


def _apply_errors(form: object, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)  # type: ignore[attr-defined]
    else:
        form.add_error(None, exc)  # type: ignore[attr-defined]


@staff_member_required
def org_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    orgs = permissions.visible_orgs(request.user).select_related("supervising_org", "parent")
    if query:
        orgs = orgs.filter(Q(name__icontains=query) | Q(short_name__icontains=query) | Q(credit_code__icontains=query))
    member_ids = permissions.member_org_ids(request.user)
    rows = [{"org": org, "depth": depth, "member": org.pk in member_ids} for org, depth in services.tree(orgs)]
    return render(request, "orgs/org_list.html", {"rows": rows, "query": query})


@staff_member_required
def org_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    visible = permissions.visible_org_ids(request.user)
    return render(
        request,
        "orgs/org_detail.html",
        {
            "org": org,
            "people": services.people_of(org),
            "subordinates": [o for o in org.supervised.all() if o.pk in visible],
            "can_manage_org": permissions.can_manage_org(request.user, org),
            "can_manage_people": permissions.can_manage_people(request.user, org),
            "read_only": not permissions.can_edit(request.user, org),
        },
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def org_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org, permissions.can_manage_org(request.user, org))
    data = request.POST if request.method == "POST" else None
    form = OrganisationForm(data, instance=Organisation.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_org(org, actor=request.user, data={f: form.cleaned_data[f] for f in form.fields})
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("机关信息已保存。"))
            return redirect("orgs:detail", org_id=org.pk)
    return render(request, "orgs/org_edit.html", {"org": org, "form": form})


@staff_member_required
@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, org_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org, permissions.can_manage_people(request.user, org))
    form = PersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_person(org, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已添加人员 %(name)s。") % {"name": form.cleaned_data["full_name"]})
            return redirect("orgs:detail", org_id=org.pk)
    return render(request, "orgs/person_form.html", {"org": org, "form": form})


@staff_member_required
@require_http_methods(["GET", "POST"])
def person_roles(request: HttpRequest, org_id: int, user_id: int) -> HttpResponse:
    org = permissions.get_visible_org_or_404(request.user, org_id)
    permissions.require_edit(request.user, org, permissions.can_manage_people(request.user, org))
    current = list(Membership.objects.filter(org=org, user_id=user_id).values_list("role", flat=True))
    if not current:
        raise Http404
    person = User.objects.get(pk=user_id)
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(org, person, form.cleaned_data["roles"], actor=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s 的角色已更新。") % {"name": person})
            return redirect("orgs:detail", org_id=org.pk)
    return render(request, "orgs/person_roles.html", {"org": org, "person": person, "form": form})
