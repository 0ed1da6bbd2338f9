"""督促整改 and 通报 (条例 第四十七条) name what the agency's own records show: requests answered after their
reply period or still unanswered past it (条例 第三十三条), and items not published within 20 working days of
their making (条例 第二十六条), each suggested for the notice and counted in the 通报's draft."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services as requests
from gongkai.orgs.models import Organisation
from gongkai.oversight import bulletins, services
from gongkai.oversight.constants import ItemKind
from gongkai.publishing import vocabularies
from tests.platform.applications.conftest import PERSON
from tests.platform.publishing.helpers import draft, through_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_records(dazhai, users):  # type: ignore[no-untyped-def]
    """At 大寨乡 on 2026-12-05: one request answered late, one unanswered since October, one answered in time;
    an item made in September still a draft, one made in October published today, one published in time."""
    handler = users("dazhai_handler")

    def registered(received: date, description: str):  # type: ignore[no-untyped-def]
        return requests.register(dazhai, {**PERSON, "description": description}, actor=handler,
                                 channel="in_person", handed_in=received)

    def answered(request, on: date) -> None:  # type: ignore[no-untyped-def]
        reply = requests.save_draft(request, actor=handler, outcome_key="granted", facts="现向您提供该信息。")
        requests.submit_draft(reply, actor=handler)
        requests.approve_draft(reply, actor=users("dazhai_reviewer3"), on=on)

    answered(registered(date(2026, 9, 1), "本乡2026年度道路养护经费明细"), date(2026, 11, 20))
    registered(date(2026, 10, 9), "大寨村集体土地流转合同")
    answered(registered(date(2026, 11, 2), "本乡低保名单"), date(2026, 11, 10))
    vocabularies.ensure_defaults()
    draft(title="大寨乡2026年秋季森林防火工作方案", made_on=date(2026, 9, 1))
    through_review(draft(title="大寨乡2026年冬季供暖补贴发放公示", made_on=date(2026, 10, 8)))
    through_review(draft(title="大寨乡2026年12月集市安排", made_on=date(2026, 12, 1)))


def test_late_and_unanswered_requests_and_late_items_are_suggested(dazhai, late_records) -> None:
    found = services.suggestions(dazhai, 2026, date(2026, 12, 5))
    late = [text for kind, text in found if kind == ItemKind.OVERDUE_REQUEST]
    assert len(late) == 2
    assert late[0].startswith("申请大寨乡依申请〔2026〕1号逾期答复：答复期限2026-09-29，2026-11-20答复")
    # received Friday 9 October; Saturday 10 October is a working day (国务院办公厅 2026 年放假安排)
    assert late[1] == "申请大寨乡依申请〔2026〕2号已逾期21个工作日未答复：答复期限2026-11-05（条例第三十三条）。"
    assert all("条例第三十三条" in text for text in late)
    items = [text for kind, text in found if kind == ItemKind.NOT_PUBLISHED]
    assert items == [
        "“大寨乡2026年秋季森林防火工作方案”成文于2026-09-01，超过20个工作日仍未公开：公开期限2026-09-29（条例第二十六条）。",
        "“大寨乡2026年冬季供暖补贴发放公示”成文于2026-10-08，2026-12-05才公开，超过20个工作日：公开期限2026-11-04"
        "（条例第二十六条）。",
    ]


def test_a_year_with_nothing_late_suggests_nothing_of_either_kind(dazhai, late_records) -> None:
    found = services.suggestions(dazhai, 2024, date(2026, 12, 5))
    assert not [text for kind, text in found if kind in (ItemKind.OVERDUE_REQUEST, ItemKind.NOT_PUBLISHED)]


def test_the_issue_page_offers_them_and_the_notice_names_them(dazhai, late_records, client_for) -> None:
    office = Organisation.objects.get(name="某县人民政府")
    url = reverse("oversight:issue", args=[office.pk, dazhai.pk]) + "?year=2026"
    page = client_for("county_supervisor").get(url).content.decode()
    assert "已逾期" in page and "超过20个工作日仍未公开" in page
    found = services.suggestions(dazhai, 2026, date(2026, 12, 5))
    chosen = [str(i) for i, (kind, _t) in enumerate(found) if kind == ItemKind.OVERDUE_REQUEST]
    response = client_for("county_supervisor").post(url, {"found": chosen, "due_on": "2026-12-31"})
    assert response.status_code == 302, response.content.decode()[-600:]
    from gongkai.oversight.models import Notice

    notice = Notice.objects.get(org=dazhai)
    assert list(notice.items.values_list("kind", flat=True)) == [ItemKind.OVERDUE_REQUEST] * 2


def test_the_bulletin_counts_late_requests_and_late_items_per_agency(dazhai, late_records) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    body = bulletins.draft_body(county, 2026, date(2026, 12, 5))
    assert "三、依申请公开答复情况。逾期答复或逾期未答复政府信息公开申请的（条例第三十三条）：大寨乡2件。" in body
    assert "四、主动公开时限情况。未在信息形成或者变更之日起20个工作日内公开的（条例第二十六条）：大寨乡2条。" in body
    quiet = bulletins.draft_body(county, 2024, date(2026, 12, 5))
    assert "没有逾期答复或逾期未答复的政府信息公开申请" in quiet and "没有发现超过20个工作日未公开的信息" in quiet
