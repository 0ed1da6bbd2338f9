"""政策解读: an interpretation linked to its normative document, reviewed in the same 三审 and published with
it (国办 “同步起草、同步审签、同步发布”); the register and the catalogue show the pair."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.orgs.models import Organisation
from gongkai.publishing import interpretation, register, services

from .helpers import draft, user

pytestmark = pytest.mark.django_db
REVIEWERS = ("dazhai_reviewer1", "dazhai_reviewer2", "dazhai_reviewer3")


@pytest.fixture
def document(county):  # type: ignore[no-untyped-def]
    dazhai = Organisation.objects.get(name="大寨乡")
    doc = register.register_document(dazhai, actor=None, title="大寨乡村级公益事业建设一事一议筹资筹劳管理办法",
                                     document_number="大寨乡发〔2026〕2号", signed_on=dt.date(2026, 3, 2),
                                     effective_on=dt.date(2026, 4, 1))
    return draft(title=doc.title, made_on=dt.date(2026, 3, 2), normative_document=doc)


def _to_final(item):  # type: ignore[no-untyped-def]
    item = services.submit(item, actor=item.created_by)
    for name in REVIEWERS[:2]:
        item = services.approve(item, actor=user(name))
    return item


def test_the_interpretation_is_published_with_its_document_and_not_before(document, client_for) -> None:
    explained = interpretation.draft_interpretation(document, actor=user("dazhai_handler"),
                                                    title="《一事一议筹资筹劳管理办法》政策解读",
                                                    body="一、制定背景。二、主要内容。三、适用范围。")
    assert explained.interprets == document and explained.state == "draft"
    with pytest.raises(ValidationError, match="尚未通过复审"):  # the document is not published alone
        _to_final(document) and services.approve(document, actor=user("dazhai_reviewer3"))
    explained = _to_final(explained)
    with pytest.raises(ValidationError, match="同步发布"):  # nor the interpretation ahead of it
        services.approve(explained, actor=user("dazhai_reviewer3"))
    document.refresh_from_db()
    services.approve(document, actor=user("dazhai_reviewer3"))
    explained.refresh_from_db()
    assert explained.state == "published" and explained.published_at is not None
    assert explained.reviews.filter(stage="final", reviewer=user("dazhai_reviewer3")).exists()
    from gongkai.annual.drafting import draft as draft_report

    year = explained.published_at.year
    assert "发布政策解读1篇，与所解读的文件同步发布。" in draft_report(document.org, year).sections["overall"]

    public = client_for("dazhai_handler").get(reverse("publishing:public_item", args=[document.pk])).content.decode()
    assert "《一事一议筹资筹劳管理办法》政策解读" in public
    catalogue = client_for("dazhai_handler").get(reverse("publishing:catalogue")).content.decode()
    assert f'href="{reverse("publishing:public_item", args=[document.pk])}">政策解读 · 查看所解读的文件' in catalogue
    listed = client_for("dazhai_handler").get(reverse("publishing:register")).content.decode()
    assert "政策解读" in listed and "《一事一议筹资筹劳管理办法》政策解读" in listed


def test_only_a_registered_document_is_interpreted_and_the_page_asks_for_a_body(county, document, client_for) -> None:
    plain = draft()
    with pytest.raises(ValidationError) as caught:
        interpretation.draft_interpretation(plain, actor=user("dazhai_handler"), title="解读", body="正文")
    assert "规范性文件" in caught.value.message_dict["interprets"][0]
    page = client_for("dazhai_handler").post(reverse("publishing:interpretation_new", args=[document.pk]),
                                             {"title": "解读", "body": ""})
    assert page.status_code == 200 and "请填写政策解读的正文。" in page.content.decode()
    page = client_for("dazhai_handler").post(reverse("publishing:interpretation_new", args=[document.pk]),
                                             {"title": "解读", "body": "一、背景"})
    assert page.status_code == 302 and document.interpretations.get().body == "一、背景"
