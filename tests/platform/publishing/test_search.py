"""Full-text Chinese search of the public catalogue, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from gongkai.publishing import search, services
from gongkai.publishing.models import Item
from gongkai.web.demo import DemoContext

from .helpers import draft, through_review, user

pytestmark = pytest.mark.usefixtures("county")


@pytest.fixture
def catalogue(county: DemoContext) -> dict[str, Item]:
    items = {
        "subsidy": through_review(draft()),
        "dibao": through_review(draft(title="大寨乡城乡居民最低生活保障对象公示",
                                      body="经入户调查、民主评议，现将2024年第二季度低保对象名单公示。")),
        "flood": through_review(draft(title="大寨乡防汛应急预案", body="做好汛期值班值守，确保群众生命财产安全。")),
    }
    items["draft"] = draft(title="大寨乡低保资金发放情况（草稿）", body="低保资金尚未核定。")
    return items


def ids(found: object) -> set[int]:
    return {item.pk for item in found}  # type: ignore[attr-defined]


def test_two_character_words_are_found_in_titles_and_bodies(catalogue: dict[str, Item]) -> None:
    assert ids(search.search("低保")) == {catalogue["dibao"].pk}  # in the body only, and never the draft
    assert ids(search.search("补贴")) == {catalogue["subsidy"].pk}
    assert ids(search.search("应急预案")) == {catalogue["flood"].pk}
    assert ids(search.search("大寨乡")) == {catalogue[k].pk for k in ("subsidy", "dibao", "flood")}


def test_every_term_must_occur_and_adjacent_bigrams_are_not_enough(catalogue: dict[str, Item]) -> None:
    assert ids(search.search("大寨乡 公示")) == {catalogue["subsidy"].pk, catalogue["dibao"].pk}
    assert ids(search.search("公示 汛期")) == set()
    # 低保 and 保障 both occur in the 低保 item, but “低保障” does not
    assert ids(search.search("低保障")) == set()


def test_one_character_and_full_width_queries(catalogue: dict[str, Item]) -> None:
    assert catalogue["flood"].pk in ids(search.search("汛"))
    assert ids(search.search("２０２４年第二季度")) == {catalogue["dibao"].pk}


def test_title_hits_come_first(catalogue: dict[str, Item]) -> None:
    in_title = through_review(draft(title="低保对象动态管理政策解读", body="本文解读有关政策。"))
    in_body_newer = through_review(draft(title="大寨乡民政工作提示", body="请各村按时完成低保年审。"))
    assert [item.pk for item in search.search("低保")][:2] == [in_title.pk, in_body_newer.pk]


def test_withdrawn_items_leave_the_index(catalogue: dict[str, Item]) -> None:
    services.withdraw(catalogue["flood"], actor=user("dazhai_head"), reason="重复发布")
    assert ids(search.search("应急预案")) == set()
