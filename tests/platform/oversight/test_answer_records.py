"""督促整改 (条例 第四十七条): the agency answers a notice with what it changed — in words, and by naming the
information it published since the notice and the corrected version of its report — which the office sees
linked on the notice; anything else is refused with a Chinese message naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.orgs.models import Organisation
from gongkai.oversight import services
from gongkai.oversight.constants import ItemKind, NoticeStatus, OversightEvent
from gongkai.publishing import vocabularies
from tests.platform.oversight.test_notices import _publish
from tests.platform.publishing.helpers import draft, through_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(dazhai, users):  # type: ignore[no-untyped-def]
    office = Organisation.objects.get(name="某县人民政府")
    vocabularies.ensure_defaults()
    return services.issue(dazhai, actor=users("county_supervisor"), office=office, year=2025,
                          items=[(ItemKind.REPORT_LATE, "2025年度报告逾期未公开。"),
                                 (ItemKind.NOT_PUBLISHED, "“冬季供暖补贴发放公示”超过20个工作日仍未公开。")],
                          due_on=date(2026, 12, 31))


def test_the_agency_names_the_published_item_and_report_version(notice, users, client_for, dazhai) -> None:
    item = through_review(draft(title="大寨乡2026年冬季供暖补贴发放公示", made_on=date(2026, 10, 8)))
    version = _publish(dazhai, users, 2025)
    url = reverse("oversight:detail", args=[notice.pk])
    form = client_for("dazhai_handler").get(url).content.decode()
    assert "大寨乡2026年冬季供暖补贴发放公示" in form and "2025年度报告第1版" in form
    response = client_for("dazhai_handler").post(reverse("oversight:answer", args=[notice.pk]), {
        "answer": "已公开2025年度报告和供暖补贴公示。", "items": [str(item.pk)], "version": str(version.pk)})
    assert response.status_code == 302, response.content.decode()[-800:]
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.ANSWERED and notice.answered_version == version
    assert list(notice.answered_items.all()) == [item]
    page = client_for("county_supervisor").get(url).content.decode()
    assert reverse("publishing:public_item", args=[item.pk]) in page
    assert reverse("annual:public_report", args=[dazhai.pk, 2025]) in page and "2025年度报告第1版" in page
    entry = AuditEntry.objects.get(event=OversightEvent.ANSWERED, object_id=str(notice.pk))
    assert entry.after["version"] == "2025年度报告第1版"
    assert "大寨乡2026年冬季供暖补贴发放公示" in entry.after["items"][0]


def test_an_unpublished_item_or_a_report_of_another_year_is_refused(notice, users, dazhai) -> None:
    unpublished = draft(title="大寨乡2026年冬季供暖补贴发放公示", made_on=date(2026, 10, 8))
    with pytest.raises(ValidationError) as caught:
        services.answer(notice, actor=users("dazhai_handler"), text="已整改。", items=[unpublished])
    assert "只能列出本机关在通知发出后公开的信息" in caught.value.message_dict["items"][0]
    other_year = _publish(dazhai, users, 2024)
    with pytest.raises(ValidationError) as caught:
        services.answer(notice, actor=users("dazhai_handler"), text="已整改。", version=other_year)
    assert "只能选择本机关该年度已公开的年度报告版本" in caught.value.message_dict["version"][0]


def test_the_page_names_a_tampered_choice_in_chinese(notice, client_for) -> None:
    page = client_for("dazhai_handler").post(reverse("oversight:answer", args=[notice.pk]),
                                             {"answer": "已整改。", "items": ["999999"], "version": "abc"})
    text = page.content.decode()
    assert page.status_code == 200 and "只能列出本机关在通知发出后公开的信息" in text
    assert "只能选择本机关该年度已公开的年度报告版本" in text


def test_the_api_answers_with_the_records(notice, users, api_for) -> None:
    item = through_review(draft(title="大寨乡2026年冬季供暖补贴发放公示", made_on=date(2026, 10, 8)))
    bad = api_for("dazhai_handler").post(f"/api/rectification-notices/{notice.pk}/answer/",
                                         {"text": "已整改。", "items": [999999]}, format="json")
    assert bad.status_code == 400 and "items" in bad.json()
    done = api_for("dazhai_handler").post(f"/api/rectification-notices/{notice.pk}/answer/",
                                          {"text": "已公开供暖补贴公示。", "items": [item.pk]}, format="json")
    assert done.status_code == 200 and done.json()["answered_items"] == [item.pk]
