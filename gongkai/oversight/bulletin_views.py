"""Pages of 通报: the office's bulletins, drafting from the records, the DOCX, publishing; the public pages."""

from __future__ import annotations

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
from gongkai.oversight import bulletins, forms
from gongkai.oversight.models import Bulletin
from gongkai.web import params


def _mine(request: HttpRequest) -> object:
    return Bulletin.objects.filter(office_id__in=permissions.visible_org_ids(request.user)).select_related("office")


def _bulletin(request: HttpRequest, pk: int) -> Bulletin:
    bulletin = _mine(request).filter(pk=pk).first()  # type: ignore[attr-defined]
    if bulletin is None:
        raise Http404
    return bulletin  # type: ignore[no-any-return]


@staff_member_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    offices = [o for o in permissions.visible_orgs(request.user).filter(pk__in=permissions.member_org_ids(request.user))
               if permissions.subordinate_ids([o.pk])]
    return render(request, "oversight/bulletins.html", {"rows": _mine(request), "offices": offices,
                                                        "year": timezone.localdate().year - 1})


@staff_member_required
@require_http_methods(["GET", "POST"])
def bulletin_new(request: HttpRequest, office_id: int) -> HttpResponse:
    office = permissions.get_visible_org_or_404(request.user, office_id)
    if not permissions.roles_in(request.user, office) and not request.user.is_superuser:
        raise Http404
    today = timezone.localdate()
    year = params.whole_number(request.GET.get("year"), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    year = year or today.year - 1
    initial = {"kind": "general", "title": f"关于{year}年度政府信息公开工作情况的通报", "signed_on": today,
               "addressees": "各下级机关", "body": bulletins.draft_body(office, year, today)}
    return _edit(request, office, year, None, initial)


@staff_member_required
@require_http_methods(["GET", "POST"])
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    initial = {name: getattr(bulletin, name) for name in bulletins.FIELDS}
    return _edit(request, bulletin.office, bulletin.year, bulletin, initial)


def _edit(request: HttpRequest, office: object, year: int, bulletin: Bulletin | None, initial: dict) -> HttpResponse:  # type: ignore[type-arg]
    form = forms.BulletinForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = bulletins.save_bulletin(office, actor=request.user, bulletin=bulletin,
                                            data={**form.cleaned_data, "year": year})
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("通报已保存。"))
            return redirect("oversight:bulletin", pk=saved.pk)
    return render(request, "oversight/bulletin_form.html", {"form": form, "office": office, "year": year,
                                                            "bulletin": bulletin})


@staff_member_required
def bulletin_page(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    can_edit = bool(request.user.is_superuser or permissions.roles_in(request.user, bulletin.office_id))
    return render(request, "oversight/bulletin.html", {"b": bulletin, "can_edit": can_edit})


@staff_member_required
def bulletin_docx(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    return _docx_response(bulletin)


def _docx_response(bulletin: Bulletin) -> HttpResponse:
    response = HttpResponse(bulletins.bulletin_docx(bulletin),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''bulletin-{bulletin.pk}.docx"
    return response


@staff_member_required
@require_POST
def bulletin_publish(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    try:
        bulletins.publish(bulletin, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("通报已在门户网站公布。"))
    return redirect("oversight:bulletin", pk=bulletin.pk)


def public_list(request: HttpRequest) -> HttpResponse:
    rows = Bulletin.objects.filter(published_at__isnull=False).select_related("office")
    return render(request, "oversight/public_bulletins.html", {"rows": rows})


def public_page(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = Bulletin.objects.filter(pk=pk, published_at__isnull=False).select_related("office").first()
    if bulletin is None:
        raise Http404
    return render(request, "oversight/public_bulletin.html", {"b": bulletin})


def public_docx(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = Bulletin.objects.filter(pk=pk, published_at__isnull=False).select_related("office").first()
    if bulletin is None:
        raise Http404
    return _docx_response(bulletin)
