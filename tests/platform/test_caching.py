"""Public pages from the cache (issue 17): changed at once when something is published, corrected or
withdrawn, never for a logged-in person, and a browser's second visit answered 304 Not Modified."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.orgs.models import Organisation
from gongkai.publishing import services
from tests.platform.publishing.helpers import draft, through_review, user

pytestmark = pytest.mark.django_db

CATALOGUE = "/publishing/catalogue/"


@pytest.fixture(autouse=True)
def _real_cache(settings, tmp_path):
    settings.GONGKAI_DATA_DIR = tmp_path
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "test-caching"}}
    from django.core.cache import cache

    cache.clear()


def test_second_visit_is_served_from_the_cache_and_answered_304(demo):
    client = Client()
    first = client.get(CATALOGUE)
    assert first["X-Gongkai-Cache"] == "miss" and first["ETag"] and first["Last-Modified"]
    again = client.get(CATALOGUE)
    assert again["X-Gongkai-Cache"] == "hit" and again.content == first.content.replace(
        _token(first).encode(), _token(again).encode())
    not_modified = client.get(CATALOGUE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    since = client.get(CATALOGUE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(CATALOGUE, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_publishing_and_withdrawing_change_the_pages_at_once(demo):
    client = Client()
    title = "大寨乡2024年秋季森林防火工作安排"
    client.get(CATALOGUE)
    etag = client.get(CATALOGUE)["ETag"]
    item = draft(title=title)  # a draft is not on the public side: the cached page stays
    assert client.get(CATALOGUE)["X-Gongkai-Cache"] == "hit"
    item = through_review(item)  # 终审 publishes it (条例 第二十六条)
    published = client.get(CATALOGUE, HTTP_IF_NONE_MATCH=etag)
    assert published.status_code == 200 and title in published.content.decode()
    page = f"/publishing/catalogue/{item.pk}/"
    assert client.get(page).status_code == 200 and client.get(page)["X-Gongkai-Cache"] == "hit"
    services.correct(item, actor=user("dazhai_head"), reason="标题有误",
                     data={"title": "大寨乡2024年冬季森林防火工作安排"})
    assert "冬季森林防火" in client.get(page).content.decode()
    services.withdraw(item, actor=user("dazhai_head"), reason="重复发布")
    assert client.get(page).status_code == 404
    assert "森林防火工作安排" not in client.get(CATALOGUE).content.decode()


def test_an_agency_change_reaches_the_home_page(demo):
    client = Client()
    assert "大寨乡" in client.get("/").content.decode()
    dazhai = Organisation.objects.get(name="大寨乡")
    dazhai.name = "大寨镇"
    dazhai.save()
    assert "大寨镇" in client.get("/").content.decode()


def test_logged_in_staff_never_get_a_cached_page(demo, client_for):
    Client().get(CATALOGUE)  # stored for anonymous visitors
    staff = client_for("dazhai_handler").get(CATALOGUE)
    assert "X-Gongkai-Cache" not in staff and "dazhai_handler" in staff.content.decode()


def test_each_visitor_gets_a_token_that_works_with_their_cookie(demo):
    Client().get(CATALOGUE)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(CATALOGUE)
    assert page["X-Gongkai-Cache"] == "hit"
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": CATALOGUE,
                                               "csrfmiddlewaretoken": _token(page)})
    assert switched.status_code == 302


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_an_application_is_submitted_from_the_cached_form(demo, org):
    """The online form (条例 第二十九条) from the cache still submits: the visitor's own CSRF token."""
    dazhai = org("大寨乡")
    url = f"/requests/apply/?org={dazhai.pk}"
    Client().get(url)
    applicant = Client(enforce_csrf_checks=True)
    form = applicant.get(url)
    assert form["X-Gongkai-Cache"] == "hit"
    data = {"applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
            "id_number": "110101199001011237", "phone": "13800000000", "email": "zhang@example.com",
            "description": "本乡2024年度惠民惠农财政补贴资金发放明细", "provision_form": "electronic",
            "delivery_way": "online", "org": str(dazhai.pk), "csrfmiddlewaretoken": _token(form)}
    done = applicant.post("/requests/apply/", data)
    assert done.status_code == 302 and done["Location"].endswith("/requests/apply/done/")


def test_public_reads_go_to_the_replica_when_one_is_configured(monkeypatch):
    from gongkai.publishing.models import Item
    from gongkai.web import routers

    router = routers.PublicReadRouter()
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    assert router.db_for_read(Item) is None  # staff pages, services: the primary
    with routers.public_reads():
        assert router.db_for_read(Item) == "replica"
        assert router.db_for_write(Item) == "default"  # never a write to the replica
    assert router.allow_migrate("replica", "publishing") is False
    monkeypatch.setattr(routers, "replica_configured", lambda: False)
    with routers.public_reads():
        assert router.db_for_read(Item) is None


def test_a_public_page_for_a_visitor_reads_publicly_and_staff_pages_do_not(demo, client_for, monkeypatch):
    from gongkai.publishing import queries
    from gongkai.web import routers

    seen: list[bool] = []
    years = queries.catalogue_years
    monkeypatch.setattr(queries, "catalogue_years", lambda items: seen.append(routers.reading_public()) or years(items))
    Client().get(CATALOGUE)
    client_for("dazhai_handler").get(CATALOGUE)
    assert seen == [True, False] and not routers.reading_public()
