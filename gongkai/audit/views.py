"""Audit pages: the log as a searchable table, one entry, and a CSV export — all scoped by organisation."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.audit import accounts
from gongkai.audit.filters import AuditFilterForm
from gongkai.audit.models import AuditEntry
from gongkai.orgs.decorators import staff_member_required
from gongkai.spreadsheets import csv_writer

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


def _entries(request: HttpRequest) -> tuple[AuditFilterForm, object]:
    form = AuditFilterForm(request.GET or None, user=request.user)
    entries = form.apply(AuditEntry.objects.visible_to(request.user).select_related("org"))
    return form, entries


@staff_member_required
def entry_list(request: HttpRequest) -> HttpResponse:
    form, entries = _entries(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/entry_list.html", {"form": form, "page": page, "query": query.urlencode()})


@staff_member_required
def entry_detail(request: HttpRequest, seq: int) -> HttpResponse:
    entry = AuditEntry.objects.visible_to(request.user).filter(seq=seq).select_related("org").first()
    if entry is None:
        raise Http404
    return render(
        request,
        "audit/entry_detail.html",
        {
            "entry": entry,
            "before": json.dumps(entry.before, ensure_ascii=False, indent=2) if entry.before is not None else "",
            "after": json.dumps(entry.after, ensure_ascii=False, indent=2) if entry.after is not None else "",
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@staff_member_required
def entry_export(request: HttpRequest) -> StreamingHttpResponse:
    """CSV (UTF-8 with BOM, so Excel opens it correctly) of exactly the entries the list would show."""
    _form, entries = _entries(request)
    writer = csv_writer(_Echo())  # a title or a message starting with “=” makes no formula
    header = ["序号", "时间", "事件", "机关", "操作人", "对象类型", "对象编号", "对象",
              "变更前", "变更后", "说明", "哈希"]

    def rows():  # type: ignore[no-untyped-def]
        yield "\ufeff" + writer.writerow(header)
        for e in entries[:EXPORT_LIMIT].iterator(chunk_size=1000):  # type: ignore[attr-defined]
            yield writer.writerow([
                e.seq,
                timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                e.event_label,
                e.org.name if e.org else "",
                e.actor_display,
                e.object_type,
                e.object_id,
                e.object_repr,
                json.dumps(e.before, ensure_ascii=False) if e.before is not None else "",
                json.dumps(e.after, ensure_ascii=False) if e.after is not None else "",
                e.message,
                e.hash,
            ])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response


class AuditedPasswordChangeView(auth_views.PasswordChangeView):
    """A person changing their own password (`/accounts/password/`): the change is audited."""

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            accounts.password_changed(form.user)
        return response


def admin_password_change(request: HttpRequest) -> HttpResponse:
    """The admin site's own "change my password" page, audited (mounted before the admin's URLs)."""
    with transaction.atomic():
        response = admin.site.password_change(request)
        if request.method == "POST" and response.status_code == 302:
            accounts.password_changed(request.user)
    return response
