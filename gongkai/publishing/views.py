"""Staff pages of the publishing app: items and their review, the register, dictionaries, what needs fixing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.publishing import deadline, register, screen, services, stats
from gongkai.publishing.constants import ItemState
from gongkai.publishing.forms import (
    AttachmentForm,
    CorrectionForm,
    DictionaryForm,
    EndDocumentForm,
    ItemForm,
    NormativeDocumentForm,
)
from gongkai.publishing.models import Attachment, Finding, Item, NormativeDocument, ScreeningDictionary
from gongkai.web import params


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _message_of(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("您没有进行此项操作的权限。")


def _visible_item(request: HttpRequest, pk: int) -> Item:
    item = Item.objects.visible_to(request.user).select_related("org", "topic", "genre", "created_by").filter(pk=pk)
    found = item.first()
    if found is None:
        raise Http404
    return found


@staff_member_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = Item.objects.visible_to(request.user).select_related("org", "topic", "genre")
    state = request.GET.get("state", "")
    if state in ItemState.values:
        items = items.filter(state=state)
    query = request.GET.get("q", "").strip()
    if query:
        items = items.filter(Q(title__icontains=query) | Q(index_number__icontains=query))
    page = Paginator(items.order_by("-updated_at", "-pk"), 30).get_page(request.GET.get("page"))
    schedule = deadline.holiday_schedule()
    rows = [{"item": i, "clock": deadline.clock_for(i.made_on, i.published_at, schedule=schedule)} for i in page]
    return render(request, "publishing/item_list.html", {
        "rows": rows, "page": page, "state": state, "query": query, "states": ItemState.choices,
        "can_write": bool(permissions.editable_org_ids(request.user)),
    })


@staff_member_required
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest) -> HttpResponse:
    orgs = permissions.editable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("您没有可以编写信息的机关。"))
    form = ItemForm(request.POST if request.method == "POST" else None, org_choices=orgs,
                    initial={"made_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.ITEM_FIELDS}
        if not data["publisher"]:
            data.pop("publisher")
        try:
            item = services.create_item(form.cleaned_data["org"], actor=request.user, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已保存草稿。"))
            return redirect("publishing:item", pk=item.pk)
    return render(request, "publishing/item_form.html", {"form": form, "title": _("编写信息")})


@staff_member_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    permissions.require_edit(request.user, item.org)
    form = ItemForm(request.POST if request.method == "POST" else None, instance=Item.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item, actor=request.user, data={f: form.cleaned_data[f] for f in services.ITEM_FIELDS})
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("publishing:item", pk=item.pk)
    return render(request, "publishing/item_form.html", {"form": form, "item": item, "title": _("修改信息")})


@staff_member_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    user = request.user
    may_review, why_not = services.can_review(user, item)
    editable = permissions.can_edit(user, item.org)
    return render(request, "publishing/item_detail.html", {
        "item": item,
        "clock": deadline.clock_for(item.made_on, item.published_at, schedule=deadline.holiday_schedule()),
        "findings": screen.in_context(item, item.findings.select_related("resolved_by")),
        "open_count": item.findings.filter(resolved_at__isnull=True).count(),
        "can_mask": _may_mask(user, item),
        "reviews": item.reviews.select_related("reviewer"),
        "corrections": item.corrections.select_related("actor"),
        "attachments": item.attachments.all(),
        "can_edit": editable and item.state in (ItemState.DRAFT, ItemState.RETURNED),
        "can_review": may_review,
        "why_not": why_not if item.stage and not may_review else "",
        "can_resolve": permissions.has_role(user, item.org, *services.RESOLVING_ROLES),
        "can_keep": item.is_public and permissions.has_role(user, item.org, *services.KEEPING_ROLES),
        "attachment_form": AttachmentForm(),
        "max_mb": services.max_attachment_bytes() // (1024 * 1024),
        "read_only": not editable,
    })


def _may_mask(user: Any, item: Item) -> bool:
    """Whether the page offers the one-click mask (the service checks again)."""
    if item.state in (ItemState.DRAFT, ItemState.RETURNED):
        return permissions.can_edit(user, item.org)
    if item.state == ItemState.PUBLISHED:
        return permissions.has_role(user, item.org, *services.KEEPING_ROLES)
    return item.stage is not None and permissions.has_role(user, item.org, *services.RESOLVING_ROLES)


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


def _act(request: HttpRequest, item: Item, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _message_of(exc))
    else:
        messages.success(request, success)
    return redirect("publishing:item", pk=item.pk)


@staff_member_required
@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    return _act(request, item, lambda: services.submit(item, actor=request.user), _("已提交审核，并完成发布前筛查。"))


@staff_member_required
@require_POST
def item_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    comment = request.POST.get("comment", "")
    if request.POST.get("decision") == "return":
        return _act(request, item, lambda: services.send_back(item, actor=request.user, comment=comment),
                    _("已退回修改。"))
    seen = _ids(request.POST.getlist("seen")) if "findings_shown" in request.POST else None
    return _act(request, item, lambda: services.approve(item, actor=request.user, comment=comment, seen=seen),
                _("审核通过。"))


@staff_member_required
@require_POST
def finding_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("item__org"), pk=pk)
    item = _visible_item(request, finding.item_id)
    reason = request.POST.get("reason", "")
    return _act(request, item, lambda: services.resolve_finding(finding, actor=request.user, reason=reason),
                _("已确认该筛查问题。"))


@staff_member_required
@require_POST
def finding_mask(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("item__org"), pk=pk)
    item = _visible_item(request, finding.item_id)
    return _act(request, item, lambda: services.apply_mask(finding, actor=request.user),
                _("已按建议遮盖，并重新筛查。"))


@staff_member_required
@require_http_methods(["GET", "POST"])
def item_correct(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    if not (item.is_public and permissions.has_role(request.user, item.org, *services.KEEPING_ROLES)):
        permissions.require_edit(request.user, item.org, False)
    form = CorrectionForm(request.POST if request.method == "POST" else None, instance=Item.objects.get(pk=item.pk))
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.ITEM_FIELDS}
        try:
            services.correct(item, actor=request.user, reason=form.cleaned_data["reason"], data=data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已更正，并记录了更正理由。"))
            return redirect("publishing:item", pk=item.pk)
    return render(request, "publishing/item_form.html", {"form": form, "item": item, "title": _("更正已发布信息")})


@staff_member_required
@require_POST
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    reason = request.POST.get("reason", "")
    return _act(request, item, lambda: services.withdraw(item, actor=request.user, reason=reason),
                _("已撤回，公开目录中不再显示。"))


@staff_member_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("publishing:item", pk=item.pk)
    upload = form.cleaned_data["file"]
    return _act(request, item, lambda: services.add_attachment(item, actor=request.user, upload=upload),
                _("附件已上传。"))


@staff_member_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user).select_related("item__org"), pk=pk)
    return _act(request, attachment.item, lambda: services.remove_attachment(attachment, actor=request.user),
                _("附件已删除。"))


def attachment_response(attachment: Attachment) -> FileResponse:
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@staff_member_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    return attachment_response(get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk))


# --- the register -----------------------------------------------------------------------------------------


@staff_member_required
def register_list(request: HttpRequest) -> HttpResponse:
    docs = NormativeDocument.objects.visible_to(request.user).select_related("org").prefetch_related("amendments")
    year = params.whole_number(request.GET.get("year"), minimum=params.FIRST_YEAR, maximum=params.LAST_YEAR)
    year = year or timezone.localdate().year - 1
    orgs = list(permissions.visible_orgs(request.user))
    figures = stats.art20_1_many(orgs, year)
    table = [{"org": org, "values": [figures[org.pk][cell] for cell in stats.ART20_1_CELLS]} for org in orgs]
    today = timezone.localdate()
    return render(request, "publishing/register_list.html", {
        "rows": [{"doc": d, "validity": d.validity_on(today)} for d in docs], "year": year, "table": table,
        "years": range(today.year, 2018, -1), "editable": permissions.editable_org_ids(request.user),
        "can_write": bool(permissions.editable_org_ids(request.user)),
    })


@staff_member_required
@require_http_methods(["GET", "POST"])
def register_new(request: HttpRequest) -> HttpResponse:
    orgs = permissions.editable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("您没有可以登记文件的机关。"))
    form = NormativeDocumentForm(request.POST if request.method == "POST" else None, org_choices=orgs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        org = data.pop("org")
        try:
            register.register_document(org, actor=request.user, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已登记。"))
            return redirect("publishing:register")
    return render(request, "publishing/simple_form.html", {"form": form, "title": _("登记规范性文件")})


@staff_member_required
@require_http_methods(["GET", "POST"])
def register_end(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument.objects.visible_to(request.user).select_related("org"), pk=pk)
    permissions.require_edit(request.user, doc.org)
    form = EndDocumentForm(request.POST if request.method == "POST" else None, initial={"on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            register.end_document(doc, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("已登记废止（失效）。"))
            return redirect("publishing:register")
    return render(request, "publishing/simple_form.html", {"form": form, "title": _("废止或宣布失效"), "doc": doc})


# --- dictionaries and what needs fixing -----------------------------------------------------------------------


def _dictionary_orgs(user: Any) -> Any:
    return permissions.visible_orgs(user).filter(pk__in=[
        org.pk for org in permissions.visible_orgs(user) if services.can_edit_dictionary(user, org)])


@staff_member_required
def dictionary_list(request: HttpRequest) -> HttpResponse:
    visible = permissions.visible_org_ids(request.user)
    rows = ScreeningDictionary.objects.filter(Q(org__isnull=True) | Q(org_id__in=visible)).select_related("org")
    return render(request, "publishing/dictionary_list.html", {
        "rows": rows, "can_add": request.user.is_superuser or _dictionary_orgs(request.user).exists()})


@staff_member_required
@require_http_methods(["GET", "POST"])
def dictionary_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    visible = permissions.visible_org_ids(request.user)
    row = None
    if pk is not None:
        row = get_object_or_404(ScreeningDictionary.objects.filter(Q(org__isnull=True) | Q(org_id__in=visible)), pk=pk)
        if not services.can_edit_dictionary(request.user, row.org):
            raise PermissionDenied(_("您无权修改该词典。"))
    orgs = _dictionary_orgs(request.user)
    form = DictionaryForm(request.POST if request.method == "POST" else None, instance=row, org_choices=orgs)
    if not request.user.is_superuser:
        form.fields["org"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            _saved, count = services.save_dictionary(row, actor=request.user, data=dict(form.cleaned_data))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("词典已保存，已对 %(n)s 条已发布信息重新筛查。") % {"n": count})
            return redirect("publishing:fixes")
    return render(request, "publishing/simple_form.html", {"form": form, "title": _("错敏词词典")})


@staff_member_required
def fixes(request: HttpRequest) -> HttpResponse:
    items = services.needing_fixes(Item.objects.visible_to(request.user)).select_related("org")
    rows = [{"item": item, "open": list(item.findings.filter(resolved_at__isnull=True))} for item in items]
    return render(request, "publishing/fixes.html", {"rows": rows})
