"""Outcomes → table 三 rows (regulation-research §2.8), applicant types, and the settings for the
readings the format leaves open."""

from __future__ import annotations

import pytest

from gongkai.law.report_format import APPLICANT_COLUMNS, CURRENT_FORMAT
from gongkai.law.requests import (
    DEFAULT_SETTINGS,
    OUTCOMES,
    TABLE3_OUTCOME_ROWS,
    ApplicantType,
    RequestSettings,
    outcome,
)


def test_outcome_rows_are_the_outcome_rows_of_the_2021_format() -> None:  # 国办公开办函〔2021〕30号 表三
    table = CURRENT_FORMAT.table("applications")
    rows = [r.key for r in table.rows if r.key not in {"new", "carried_in", "total", "carried_out"}]
    assert list(TABLE3_OUTCOME_ROWS) == rows


def test_applicant_types_are_the_columns_of_table_3() -> None:
    assert [t.value for t in ApplicantType] == [c.key for c in APPLICANT_COLUMNS if c.key != "total"]
    assert ApplicantType.LEGAL_SERVICES.label == "法律服务机构"
    assert not ApplicantType.NATURAL_PERSON.is_organisation
    assert ApplicantType.OTHER_ORG.is_organisation


def test_every_outcome_row_is_reachable_from_an_outcome() -> None:
    reached = {o.row(DEFAULT_SETTINGS) for o in OUTCOMES}
    assert reached == set(TABLE3_OUTCOME_ROWS)


def test_every_outcome_has_a_legal_basis_and_a_known_row() -> None:
    for o in OUTCOMES:
        assert o.law and o.article, o.key
        assert o.table3_row in TABLE3_OUTCOME_ROWS, o.key
    assert len({o.key for o in OUTCOMES}) == len(OUTCOMES)


@pytest.mark.parametrize(
    ("key", "row", "article"),
    [
        ("granted", "granted", "第三十六条第（二）项"),
        ("already_published", "granted", "第三十六条第（一）项"),
        ("partial", "partial", "第三十七条"),  # 区分处理的，只计这一情形
        ("withheld_state_secret", "withheld.state_secret", "第十四条、第三十六条第（三）项"),
        ("withheld_third_party", "withheld.third_party", "第十五条、第三十六条第（三）项"),
        ("withheld_internal_affairs", "withheld.internal_affairs", "第十六条第一款、第三十六条第（三）项"),
        ("withheld_enforcement_file", "withheld.enforcement_file", "第十六条第二款、第三十六条第（三）项"),
        ("special_law", "withheld.query_matter", "第三十六条第（七）项"),
        ("not_exist", "unable.not_held", "第三十六条第（四）项"),
        ("not_responsible", "unable.not_held", "第三十六条第（五）项"),
        ("needs_creation", "unable.needs_creation", "第三十八条"),
        ("petition", "not_handled.petition", "第三十九条第一款"),
        ("repeat", "not_handled.repeat", "第三十六条第（六）项"),
        ("publication", "not_handled.publication", "第三十九条第二款"),
        ("excessive", "not_handled.excessive", "第三十五条"),
        ("no_correction", "other.no_correction", "第三十条"),
        ("unclear_after_correction", "unable.unclear_after_correction", "第三十条"),
    ],
)
def test_outcome_counts_in_the_row_of_the_mapping(key: str, row: str, article: str) -> None:
    o = outcome(key)
    assert o.row() == row
    assert o.article == article
    assert o.citation.startswith("《中华人民共和国政府信息公开条例》")


def test_refusals_are_the_withheld_and_partial_outcomes() -> None:  # 行政复议法 第二十三条第一款第（四）项
    refusals = {o.key for o in OUTCOMES if o.refusal}
    assert refusals == {"partial"} | {o.key for o in OUTCOMES if o.key.startswith("withheld_")}


def test_unconfirmed_mappings_follow_the_settings() -> None:
    settings = RequestSettings(not_responsible_row="other.other", already_published_row="other.other")
    assert outcome("not_responsible").row(settings) == "other.other"  # 第三十六条第（五）项
    assert outcome("already_published").row(settings) == "other.other"  # 第三十六条第（一）项
    assert outcome("not_exist").row(settings) == "unable.not_held"  # not a setting


def test_a_setting_must_name_a_table_3_row() -> None:
    with pytest.raises(ValueError):
        RequestSettings(special_law_row="withheld.nonsense")


def test_unknown_outcome_key_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="granted"):
        outcome("approved")
