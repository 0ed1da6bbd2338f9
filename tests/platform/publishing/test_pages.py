"""Pages and API of the publishing app: the public side shows published items only; staff pages follow the
organisation permissions (not visible → 404, visible but not changeable → 403)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.law.report_format import CellRef
from gongkai.orgs.models import Organisation
from gongkai.publishing import services, stats
from gongkai.publishing.constants import ItemState
from gongkai.publishing.models import Item, NormativeDocument, ScreeningDictionary
from gongkai.web.demo import DemoContext

from .helpers import draft, user


def test_demo_dazhai_made_no_normative_documents_and_shows_the_abolition_mark(demo: DemoContext) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    assert stats.art20_1(dazhai, 2023) == dict.fromkeys(stats.ART20_1_CELLS, 0)  # its real report: all 0
    county = Organisation.objects.get(name="某县人民政府")
    by_year = {y: stats.art20_1(county, y)[CellRef("art20_1", "normative_documents", "issued")]
               for y in range(2021, 2025)}
    assert by_year == {2021: 2, 2022: 2, 2023: 2, 2024: 1}
    # the township relays the county's documents; the one the county later abolished carries the mark
    relayed = Item.objects.public().get(org=dazhai, normative_document__ended_on__isnull=False)
    page = Client().get(f"/publishing/catalogue/{relayed.pk}/").content.decode()
    assert "【已废止】" in page and "某政发〔2024〕9号" in page


def test_public_catalogue_lists_published_items_only(demo: DemoContext) -> None:
    waiting = Item.objects.get(state=ItemState.SECOND_REVIEW)
    page = Client().get("/publishing/catalogue/").content.decode()
    assert "耕地地力保护补贴" in page and waiting.title not in page
    assert Client().get(f"/publishing/catalogue/{waiting.pk}/").status_code == 404
    # even its own reviewer, logged in, sees nothing more on the public side
    reviewer = Client()
    reviewer.force_login(user("dazhai_reviewer2"))
    assert reviewer.get(f"/publishing/catalogue/{waiting.pk}/").status_code == 404
    found = Client().get("/publishing/catalogue/", {"q": "低保"}).content.decode()
    assert "最低生活保障" in found and "耕地地力" not in found


def test_browse_by_topic_genre_and_year(demo: DemoContext) -> None:
    item = Item.objects.public().get(title__contains="耕地地力")
    page = Client().get("/publishing/catalogue/", {"topic": item.topic_id, "year": item.published_at.year,
                                                   "genre": item.genre_id}).content.decode()
    results = page.split('<ol class="results">', 1)[1].split("</ol>", 1)[0]
    assert item.title in results and "年度报告" not in results
    assert Client().get("/publishing/catalogue/", {"topic": "x", "year": "abc"}).status_code == 200


def test_the_catalogue_keeps_every_filter_chosen_for_the_next_search(demo: DemoContext) -> None:
    item = Item.objects.public().get(title__contains="耕地地力")
    chosen = {"org": item.org_id, "topic": item.topic_id, "genre": item.genre_id, "year": item.published_at.year}
    page = Client().get("/publishing/catalogue/", chosen).content.decode()
    for name, value in chosen.items():
        menu = page.split(f'<select id="{name}"', 1)[1].split("</select>", 1)[0]
        assert f'<option value="{value}" selected>' in menu, name  # the search form sends them again


def test_guide_page_of_an_agency(demo: DemoContext) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    page = Client().get(f"/publishing/guide/{dazhai.pk}/").content.decode()
    assert "大寨乡政府信息公开指南" in page and dazhai.office_name in page and "农业、林业、水利" in page
    assert Client().get("/publishing/guide/999999/").status_code == 404


def test_staff_pages_follow_organisation_permissions(demo: DemoContext, client_for: Callable[[str], Client]) -> None:
    waiting = Item.objects.get(state=ItemState.SECOND_REVIEW)
    assert client_for("dazhai_reviewer2").get(f"/publishing/items/{waiting.pk}/").status_code == 200
    assert client_for("shiqiao_handler").get(f"/publishing/items/{waiting.pk}/").status_code == 404
    supervisor = client_for("county_supervisor")
    assert supervisor.get(f"/publishing/items/{waiting.pk}/").status_code == 200
    assert supervisor.get(f"/publishing/items/{waiting.pk}/edit/").status_code == 403
    for url in ("/publishing/items/", "/publishing/register/", "/publishing/dictionaries/", "/publishing/fixes/",
                "/publishing/items/new/", "/publishing/register/new/"):
        assert client_for("dazhai_handler").get(url).status_code == 200, url
    assert Client().get("/publishing/items/").status_code == 302


def test_review_through_the_pages_refuses_a_second_stage(
    demo: DemoContext, client_for: Callable[[str], Client]
) -> None:
    item = services.submit(draft(), actor=user("dazhai_handler"))
    reviewer = client_for("dazhai_reviewer1")
    reviewer.post(f"/publishing/items/{item.pk}/review/", {"decision": "approve", "comment": "同意"})
    item.refresh_from_db()
    assert item.state == ItemState.SECOND_REVIEW
    response = reviewer.post(f"/publishing/items/{item.pk}/review/", {"decision": "approve"}, follow=True)
    assert "复审须由本机关的复审人" in response.content.decode()


def test_dashboard_panels_show_my_reviews_and_overdue_items(demo: DemoContext, rf) -> None:
    """条例 第二十六条: the demo's item made on 2024-05-20 and still in review is past its 20 working days."""
    from django.template.loader import render_to_string

    from gongkai.dashboard.registry import PanelContext
    from gongkai.publishing import dashboard

    dazhai = Organisation.objects.get(name="大寨乡")
    request = rf.get("/")
    ctx = PanelContext(request, user("dazhai_reviewer2"), dazhai, frozenset({"reviewer_second"}), False)
    awaiting = dashboard._awaiting(ctx)
    assert [i.title for i in awaiting["items"]] == ["大寨乡2024年度防汛抗旱应急预案"]
    assert dashboard._awaiting(PanelContext(request, user("dazhai_reviewer1"), dazhai, frozenset(), False)) is None
    overdue = dashboard._overdue(ctx)
    assert [row.clock.due.isoformat() for row in overdue["rows"]] == ["2024-06-18"]
    html = render_to_string("publishing/panels/overdue.html", {"panel": overdue})
    assert "2024-06-18" in html and "防汛抗旱" in html


def test_item_form_errors_are_per_field(demo: DemoContext, client_for: Callable[[str], Client]) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    response = client_for("dazhai_handler").post("/publishing/items/new/", {"org": dazhai.pk, "title": "",
                                                                            "made_on": "2024-13-01"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "这个字段是必填项" in body or "必填" in body


def test_attachments_have_type_and_size_limits(demo: DemoContext, settings) -> None:
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 10
    item = draft()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="不支持"):
        services.add_attachment(item, actor=user("dazhai_handler"), upload=SimpleUploadedFile("x.exe", b"MZ"))
    with pytest.raises(ValidationError, match="文件过大"):
        services.add_attachment(item, actor=user("dazhai_handler"), upload=SimpleUploadedFile("a.txt", b"x" * 11))
    attachment = services.add_attachment(item, actor=user("dazhai_handler"),
                                         upload=SimpleUploadedFile("../名单.txt", "身份证".encode()))
    assert attachment.name == "名单.txt" and ".." not in attachment.file.name


def test_changing_a_dictionary_rescreens_published_items(
    demo: DemoContext, client_for: Callable[[str], Client]
) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    response = client_for("dazhai_admin").post("/publishing/dictionaries/new/", {
        "org": dazhai.pk, "slug": "dazhai", "name": "大寨乡自定词表", "source": "本乡整理",
        "content": "耕地地力\t\tsensitive\t示例", "is_active": "on"})
    assert response.status_code == 302
    listed = client_for("dazhai_admin").get("/publishing/fixes/").content.decode()
    assert "耕地地力保护补贴" in listed
    bad = client_for("dazhai_admin").post("/publishing/dictionaries/new/", {
        "org": dazhai.pk, "slug": "bad", "name": "坏", "source": "x", "content": "词\t\t不存在的类别"})
    assert "类别“不存在的类别”无效" in bad.content.decode()
    assert not ScreeningDictionary.objects.filter(slug="bad").exists()
    assert client_for("dazhai_handler").get("/publishing/dictionaries/new/").status_code == 200


def test_api_catalogue_is_public_and_items_are_scoped(demo: DemoContext, api_for) -> None:
    from rest_framework.test import APIClient

    public = APIClient().get("/api/publishing/catalogue/", {"q": "补贴"}).json()
    assert [row["title"] for row in public["results"]] == ["大寨乡2024年耕地地力保护补贴发放情况公示"]
    waiting = Item.objects.get(state=ItemState.SECOND_REVIEW)
    assert APIClient().get(f"/api/publishing/catalogue/{waiting.pk}/").status_code == 404
    assert api_for("shiqiao_handler").get(f"/api/publishing/items/{waiting.pk}/").status_code == 404
    reviewer = api_for("dazhai_reviewer2")
    assert reviewer.post(f"/api/publishing/items/{waiting.pk}/review/", {"decision": "approve"}).status_code == 200
    assert reviewer.post(f"/api/publishing/items/{waiting.pk}/review/", {"decision": "approve"}).status_code == 403
    county = Organisation.objects.get(name="某县人民政府")
    figures = api_for("county_supervisor").get("/api/publishing/register/art20_1/",
                                               {"org": county.pk, "year": 2023}).json()
    assert figures["art20_1.normative_documents.issued"] == 2
    assert api_for("dazhai_handler").get("/api/publishing/register/art20_1/",
                                         {"org": county.pk, "year": 2023}).status_code == 404
    assert NormativeDocument.objects.count() == 7


def test_flagged_item_page_lets_a_reviewer_resolve(demo: DemoContext, client_for: Callable[[str], Client]) -> None:
    item = services.submit(draft(body="内部资料 注意保存"), actor=user("dazhai_handler"))
    finding = item.findings.get(blocking=True)
    client_for("dazhai_reviewer1").post(f"/publishing/findings/{finding.pk}/resolve/", {"reason": "误报：标题用语"})
    finding.refresh_from_db()
    assert finding.resolved_by.username == "dazhai_reviewer1"


def test_default_vocabularies_fill_only_an_empty_scheme(db: None) -> None:
    """A fresh database holds no publishing rows (restore needs it empty); the first form fills the lists."""
    from gongkai.publishing import vocabularies
    from gongkai.publishing.constants import Scheme
    from gongkai.publishing.models import Category

    assert not Category.objects.exists()
    vocabularies.ensure_defaults()
    assert Category.objects.filter(scheme=Scheme.TOPIC).count() == len(vocabularies.TOPICS)
    Category.objects.filter(scheme=Scheme.GENRE).exclude(name="通知").delete()
    vocabularies.ensure_defaults()
    assert list(Category.objects.filter(scheme=Scheme.GENRE).values_list("name", flat=True)) == ["通知"]
