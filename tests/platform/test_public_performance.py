"""The public side under load (issue 17): `gongkai demo --items N` and the queries each public page needs.

Every public page is counted at 2,000 published items: the number of SQL queries must not grow with the
catalogue (no N+1), whatever page of results is shown.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from gongkai.orgs.models import Organisation
from gongkai.publishing import config, services
from gongkai.publishing.demo_items import add_items
from gongkai.publishing.models import Attachment, Item, SearchGram
from gongkai.publishing.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    add_items(2000)
    return demo


def test_demo_items_are_published_numbered_and_searchable(demo, settings, tmp_path, org):
    settings.MEDIA_ROOT = tmp_path / "files"
    before = Item.objects.public().count()
    result = add_items(300)
    assert result.created == 300 and Item.objects.public().count() == before + 300
    assert result.attachments == 30 and Attachment.objects.count() >= 30
    items = list(Item.objects.public())
    # 索引号 unique and of the publishing app's pattern: the agency's code, the year made, a running number
    assert len({i.index_number for i in items}) == len(items)
    pattern = config.NumberPattern(config.index_pattern())
    for item in items:
        assert pattern.regex(code=item.org.index_code, year=item.made_on.year).fullmatch(item.index_number)
    assert len({i.topic_id for i in items}) > 10 and len({i.genre_id for i in items}) > 10
    assert len({i.made_on.year for i in items}) >= 5
    assert len({len(i.body) // 200 for i in items}) > 3  # short and long bodies
    assert SearchGram.objects.filter(item__in=items).exists()
    generated = next(i for i in items if i.title.endswith("公示") or "通知" in i.title)
    word = generated.title[-6:]
    assert generated in search(word)
    # the next item published through the 三审 continues the agency's sequence of that year
    dazhai = org("大寨乡")
    year = max(i.made_on.year for i in items if i.org_id == dazhai.pk)
    used = [int(re.search(r"(\d+)$", i.index_number).group(1)) for i in items
            if i.org_id == dazhai.pk and i.made_on.year == year]
    fresh = Item(org=dazhai, made_on=items[0].made_on.replace(year=year))
    number = services.index_number_for(fresh)
    assert int(re.search(r"(\d+)$", number).group(1)) == max(used) + 1


PUBLIC_PAGES = {
    # page: the most queries it may make at 2,000 items (sessions and the like included); the catalogue's are
    # with its menus' counts not yet cached (the tests' cache keeps nothing): 3 once they are
    "home": ("/", 3),
    "agency": ("/agencies/{org}/", 3),
    "catalogue": ("/publishing/catalogue/", 10),
    "catalogue page 7": ("/publishing/catalogue/?page=7", 10),
    "catalogue of an agency": ("/publishing/catalogue/?org={org}&topic={topic}", 10),
    "search": ("/publishing/catalogue/?q=低保", 10),
    "search two terms": ("/publishing/catalogue/?q=救助+通知&org={org}", 10),
    "item": ("/publishing/catalogue/{item}/", 5),
    "guide": ("/publishing/guide/{org}/", 7),
    "annual reports": ("/annual/reports/", 3),
    "annual reports of an agency": ("/annual/reports/agency/{org}/", 4),
    "annual report page": ("/annual/reports/{org}/2023/", 3),
    "application form": ("/requests/apply/?org={org}", 3),
    "tracking": ("/requests/track/", 2),
}


def test_public_pages_queries_do_not_grow_with_the_catalogue(catalogue, org, django_assert_max_num_queries):
    dazhai = org("大寨乡")
    item = Item.objects.public().filter(org=dazhai, attachments__isnull=False).first()
    values = {"org": dazhai.pk, "item": item.pk, "topic": item.topic_id}
    client = Client()
    for name, (url, most) in PUBLIC_PAGES.items():
        with django_assert_max_num_queries(most):
            response = client.get(url.format(**values))
        assert response.status_code == 200, name
    assert Organisation.objects.count() > 5


def test_catalogue_years_are_the_site_s_local_years(catalogue, org):
    """An item published at 20:00 UTC on 31 December is in the next year's menu entry (Asia/Shanghai)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from gongkai.publishing import queries

    item = Item.objects.public().first()
    Item.objects.filter(pk=item.pk).update(published_at=dt.datetime(2024, 12, 31, 20, tzinfo=dt.UTC))
    items = Item.objects.public()
    extracted = items.order_by().annotate(y=ExtractYear("published_at")).values_list("y").annotate(n=Count("pk"))
    assert queries.catalogue_years(items) == sorted(((y, n) for y, n in extracted if y), reverse=True)
    assert 2025 in dict(queries.catalogue_years(Item.objects.public().filter(pk=item.pk)))


def test_catalogue_menus_are_counted_once_per_version(catalogue, settings, django_assert_max_num_queries):
    """Each page of results or search reuses the menus' counts until something public changes."""
    from gongkai.web import cache as public_version

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "menus"}}
    settings.GONGKAI_PUBLIC_PAGES = ()  # the whole-page cache off: the view itself
    client = Client()
    client.get("/publishing/catalogue/")
    with django_assert_max_num_queries(3):
        assert client.get("/publishing/catalogue/?page=2").status_code == 200
    public_version.bump()
    with django_assert_max_num_queries(10):
        response = client.get("/publishing/catalogue/?page=2")
    assert response.context["years"] and response.context["topics"]
