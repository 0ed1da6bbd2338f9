"""A citizen finds every public service from the home page by following links, as in a browser: the
catalogue and its search, each agency's 公开指南 (条例 第十二条), the application form, tracking and the
annual reports (条例 第四十九条、第五十条). Nothing is typed into the address bar."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from gongkai.orgs.models import Organisation
from gongkai.publishing import services
from gongkai.publishing.models import Item
from tests.platform.publishing import helpers

pytestmark = pytest.mark.django_db

# Every page the public may open. `applications:applied` and `applications:tracked*` are left out: they
# open after submitting the form or entering a tracking code, not by a link.
PUBLIC_URL_NAMES = {
    "portal:home",
    "portal:agency",
    "publishing:catalogue",
    "publishing:catalogue_xlsx",
    "publishing:public_item",
    "publishing:public_attachment",
    "publishing:guide",
    "applications:apply",
    "applications:track",
    "annual:public_list",
    "annual:public_agency",
    "annual:public_report",
    "annual:public_document",
}
STAFF_PREFIXES = ("/accounts/", "/admin/", "/dashboard/", "/api/", "/i18n/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_of(page_url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [urljoin(page_url, href) for href in parser.hrefs]


def crawl(client: Client, limit: int = 1500) -> dict[str, int]:
    """Every same-site URL reachable from `/` by links (a page's query string kept), with its status."""
    seen: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for link in links_of(url, response.content.decode()):
            parts = urlsplit(link)
            if parts.netloc not in ("", "testserver") or parts.path.startswith(STAFF_PREFIXES):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen and "page=" not in parts.query:
                queue.append(target)
    return seen


def view_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def test_every_public_page_is_reachable_from_the_home_page_by_links(demo):
    with_file = helpers.draft()
    services.add_attachment(with_file, actor=with_file.created_by,
                            upload=SimpleUploadedFile("公示名单.pdf", b"%PDF-1.4\n%%EOF\n"))
    helpers.through_review(with_file)
    seen = crawl(Client())
    assert {url: status for url, status in seen.items() if status >= 400} == {}
    reached = {view_name(url) for url in seen}
    assert PUBLIC_URL_NAMES - reached == set()


def test_every_agency_s_services_are_linked_from_the_home_page_its_page_and_its_guide(demo):
    client = Client()
    home = set(links_of("/", client.get("/").content.decode()))
    for org in Organisation.objects.filter(is_active=True):
        services = {
            f"{reverse('publishing:catalogue')}?org={org.pk}",
            f"{reverse('publishing:guide', args=[org.pk])}",
            f"{reverse('applications:apply')}?org={org.pk}",
            f"{reverse('annual:public_agency', args=[org.pk])}",
        }
        track = f"{reverse('applications:track')}"
        assert services - home == set(), org.name
        for page in (reverse("portal:agency", args=[org.pk]), reverse("publishing:guide", args=[org.pk])):
            links = set(links_of(page, client.get(page).content.decode()))
            assert (services | {track}) - links - {page} == set(), (org.name, page)


def test_the_guide_gives_the_application_form_as_the_online_channel(demo):
    """条例 第十二条 第（三）项: the guide names the channel for applying; here it is the form's address."""
    org = Organisation.objects.get(name="大寨乡")
    html = Client().get(reverse("publishing:guide", args=[org.pk])).content.decode()
    form_url = f"http://testserver{reverse('applications:apply')}?org={org.pk}"
    channel = html.split("网上申请渠道", 1)[1].split("</dd>", 1)[0]
    assert form_url in channel
    assert "—" not in channel


def test_pages_carry_breadcrumbs_back_to_the_home_page(demo):
    org = Organisation.objects.get(name="大寨乡")
    item = Item.objects.public().filter(org=org).first()
    for url in (reverse("publishing:guide", args=[org.pk]), reverse("publishing:public_item", args=[item.pk]),
                reverse("publishing:catalogue"), reverse("applications:apply"), reverse("annual:public_list")):
        html = Client().get(url).content.decode()
        crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        assert f'href="{reverse("portal:home")}"' in crumbs, url
        assert 'aria-current="page"' in crumbs, url


def test_search_results_show_a_snippet_with_the_matched_words_marked(demo):
    item = Item.objects.public().exclude(body="").first()
    word = next(run for run in item.body.split() if len(run) >= 4)[:2]
    html = Client().get(reverse("publishing:catalogue"), {"q": word}).content.decode()
    assert f"<mark>{word}</mark>" in html
    assert 'class="snippet"' in html


def test_search_highlighting_escapes_the_text_around_the_match():
    from gongkai.publishing.snippets import highlight, snippet

    assert highlight("<b>低保</b>标准", ["低保"]) == "&lt;b&gt;<mark>低保</mark>&lt;/b&gt;标准"
    text = "甲" * 200 + "宅基地" + "乙" * 200
    assert snippet(text, ["宅基地"]).startswith("…") and "<mark>宅基地</mark>" in snippet(text, ["宅基地"])


def test_the_login_page_shows_the_site_name_not_the_host(settings, db):
    html = Client().get(reverse("login"), HTTP_HOST="gongkai.example.org").content.decode()
    assert settings.GONGKAI_SITE_NAME in html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "gongkai.example.org" not in html


def test_the_catalogue_exports_to_excel_as_filtered_on_screen(demo):
    import io

    from openpyxl import load_workbook

    page = Client().get(reverse("publishing:catalogue"), {"q": "低保"}).content.decode()
    link = next(href for href in links_of(reverse("publishing:catalogue"), page) if "catalogue.xlsx" in href)
    response = Client().get(link)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:3] == ("索引号", "标题", "发布机构")
    shown = [item.title for item in search_results("低保")]
    assert [row[1] for row in rows] == shown and shown


def search_results(query: str) -> list[Item]:
    from gongkai.publishing import search

    return list(search.search(query))


def test_excel_cells_that_look_like_formulas_stay_text():
    import io

    from openpyxl import load_workbook

    from gongkai.web.xlsx import workbook

    sheet = load_workbook(io.BytesIO(workbook("目录", ["标题"], [["=HYPERLINK(\"http://x\")"]]))).active
    cell = sheet["A2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
