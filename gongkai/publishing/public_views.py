"""The public side: the catalogue (目录) with search, an item's page, and each agency's guide (指南).

Only published items are ever shown here (`Item.objects.public()`), whoever is logged in.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.orgs.models import Organisation
from gongkai.publishing import queries, search
from gongkai.publishing.constants import DisclosureMethod, Scheme
from gongkai.publishing.models import Attachment, Item
from gongkai.publishing.views import attachment_response


def _public_orgs() -> list[Organisation]:
    return list(Organisation.objects.filter(is_active=True))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    items = Item.objects.public().select_related("org", "topic", "genre", "normative_document")
    chosen = {name: _int(request.GET.get(name)) for name in ("org", "topic", "genre", "year")}
    if chosen["org"]:
        items = items.filter(org_id=chosen["org"])
    base = items
    if chosen["topic"]:
        items = items.filter(topic_id=chosen["topic"])
    if chosen["genre"]:
        items = items.filter(genre_id=chosen["genre"])
    if chosen["year"]:
        items = items.filter(published_at__year=chosen["year"])
    query = request.GET.get("q", "").strip()[:100]
    if query:
        items = search.search(query, items)
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "publishing/catalogue.html", {
        "page": page, "query": query, "chosen": chosen, "orgs": _public_orgs(),
        "topics": queries.catalogue_categories(base, Scheme.TOPIC),
        "genres": queries.catalogue_categories(base, Scheme.GENRE),
        "years": queries.catalogue_years(base), "params": params.urlencode(), "today": timezone.localdate(),
    })


@require_GET
def public_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Item.objects.public().select_related("org", "topic", "genre", "normative_document__org"), pk=pk)
    today = timezone.localdate()
    doc = item.normative_document
    return render(request, "publishing/public_item.html", {
        "item": item, "doc": doc, "validity": item.validity_label(today),
        "doc_validity": doc.validity_on(today) if doc else None,
        "attachments": item.attachments.all(), "amendments": doc.amendments.all() if doc else (),
    })


@require_GET
def public_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return attachment_response(get_object_or_404(Attachment.objects.filter(item__state="published"), pk=pk))


@require_GET
def guide(request: HttpRequest, org_id: int) -> HttpResponse:
    """政府信息公开指南 (条例 第十二条): categories and arrangement of the catalogue, how to obtain information,
    and the disclosure office's contacts."""
    org = next((o for o in _public_orgs() if o.pk == org_id), None)
    if org is None:
        raise Http404
    items = Item.objects.public().filter(org=org)
    return render(request, "publishing/guide.html", {
        "org": org, "topics": [row for row in queries.catalogue_categories(items, Scheme.TOPIC) if row[1]],
        "genres": [row for row in queries.catalogue_categories(items, Scheme.GENRE) if row[1]],
        "total": items.count(), "channels": DisclosureMethod.choices,
    })
