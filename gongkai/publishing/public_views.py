"""The public side: the catalogue (目录) with search, an item's page, and each agency's guide (指南).

Only published items are ever shown here (`Item.objects.public()`), whoever is logged in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.orgs.models import Organisation
from gongkai.portal.links import apply_url
from gongkai.publishing import queries, search, snippets
from gongkai.publishing.constants import DisclosureMethod, Scheme
from gongkai.publishing.models import Attachment, Item
from gongkai.publishing.views import attachment_response
from gongkai.web import cache as public_version
from gongkai.web import routers, xlsx
from gongkai.web.params import whole_number


def _public_orgs() -> list[Organisation]:
    return list(Organisation.objects.filter(is_active=True))


def _filtered(request: HttpRequest) -> tuple[QuerySet[Item], QuerySet[Item], dict[str, int | None], str]:
    """The catalogue as chosen on screen: (items, the agency's items before the other filters, the
    choices, the search query). The page and its XLSX export show the same items."""
    items = Item.objects.public().select_related("org", "topic", "genre", "normative_document")
    # a value that is no key (or no calendar year) chooses nothing, as an unknown key would
    chosen = {name: whole_number(request.GET.get(name)) for name in ("org", "topic", "genre")}
    chosen["year"] = whole_number(request.GET.get("year"), minimum=1, maximum=9999)
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
    return items, base, chosen, query


def _menus(base: QuerySet[Item], org_id: int | None) -> dict[str, Any]:
    """The catalogue's menus with their counts (主题, 体裁, years) for the whole catalogue or one agency's, kept
    in the cache under the public pages' version: counted again only once something is published, changed or
    withdrawn, not for each page of results or search (three passes over 200,000 items)."""
    source = "replica" if routers.reading_public() else "primary"  # staff never see the replica's counts
    key = f"gongkai:catalogue:menus:{public_version.current()}:{source}:{org_id or 0}"
    menus = cache.get(key)
    if menus is None:
        menus = {"topics": queries.catalogue_categories(base, Scheme.TOPIC),
                 "genres": queries.catalogue_categories(base, Scheme.GENRE), "years": queries.catalogue_years(base)}
        cache.set(key, menus, timeout=24 * 3600)
    return menus  # type: ignore[no-any-return]


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    items, base, chosen, query = _filtered(request)
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    terms = search.terms_of(query)
    results = [
        (item, snippets.highlight(item.title, terms), snippets.snippet(f"{item.summary} {item.body}", terms))
        for item in page.object_list
    ]
    params = request.GET.copy()
    params.pop("page", None)
    orgs = _public_orgs()
    return render(request, "publishing/catalogue.html", {
        "page": page, "results": results, "query": query, "chosen": chosen, "orgs": orgs,
        "chosen_org": next((o for o in orgs if o.pk == chosen["org"]), None),
        **_menus(base, chosen["org"]), "params": params.urlencode(), "today": timezone.localdate(),
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
        "catalogue_url": f"{reverse('publishing:catalogue')}?org={item.org_id}",
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
        "total": items.count(), "channels": DisclosureMethod.choices, "apply_url": apply_url(request, org),
    })


MAX_EXPORT_ROWS = 5000
CATALOGUE_HEADER = (
    "索引号", "标题", "发布机构", "文号", "成文日期", "发布日期", "主题分类", "体裁分类", "有效性", "网址",
)


@require_GET
def catalogue_xlsx(request: HttpRequest) -> HttpResponse:
    """The catalogue as filtered on screen (agency, 主题, 体裁, year, search) as an Excel workbook, at most
    MAX_EXPORT_ROWS rows."""
    items, _base, _chosen, _query = _filtered(request)
    today = timezone.localdate()
    rows = (
        (item.index_number, item.title, item.publisher, item.document_number, item.made_on,
         timezone.localtime(item.published_at).date() if item.published_at else None,
         item.topic.name if item.topic else "", item.genre.name if item.genre else "",
         item.validity_label(today), request.build_absolute_uri(reverse("publishing:public_item", args=[item.pk])))
        for item in items[:MAX_EXPORT_ROWS]
    )
    response = HttpResponse(xlsx.workbook("政府信息公开目录", CATALOGUE_HEADER, rows),
                            content_type=xlsx.XLSX_CONTENT_TYPE)
    name = quote(f"政府信息公开目录-{today:%Y%m%d}.xlsx")
    response["Content-Disposition"] = f"attachment; filename=\"catalogue.xlsx\"; filename*=UTF-8''{name}"
    return response
