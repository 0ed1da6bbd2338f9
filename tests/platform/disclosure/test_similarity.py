"""Requests for the same information are found by the overlap of their wording (条例 第四十四条)."""

from __future__ import annotations

from gongkai.disclosure.similarity import bigrams, group, similarity

SAME = (
    (1, "大寨乡2025年耕地地力保护补贴发放名单及标准"),
    (2, "请公开大寨乡2025年度耕地地力保护补贴的发放名单和补贴标准"),
    (3, "2025年耕地地力保护补贴发放名单、标准（大寨乡）"),
)
OTHER = ((4, "某养殖场的环境影响评价批复"), (5, "大寨村道路硬化工程的招标文件"))


def test_requests_worded_differently_for_the_same_list_are_one_group() -> None:
    groups = group([*SAME, *OTHER], threshold=0.5)
    assert [g.keys for g in groups] == [(1, 2, 3)]
    assert {"耕地", "补贴", "名单"} <= set(groups[0].shared)  # what a person reads to see why
    assert 0.5 <= groups[0].score <= 1.0


def test_the_threshold_decides() -> None:
    assert group([*SAME, *OTHER], threshold=0.99) == []
    assert group(SAME, threshold=0.5, minimum=4) == []


def test_boilerplate_and_punctuation_do_not_make_requests_similar() -> None:
    a, b = bigrams("申请公开政府信息：关于某路段的文件"), bigrams("请求提供有关政府信息公开的文件，某学校")
    assert similarity(a, b) < 0.2
    assert similarity(frozenset(), b) == 0.0
