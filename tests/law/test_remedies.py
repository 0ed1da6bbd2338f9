"""Remedies stated in a reply (条例 第五十一条; 行政复议法 第二十条、第二十三条、第二十四条、第二十七条;
行政诉讼法 第四十五条、第四十六条)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.law.remedies import AgencyKind, UnsupportedReplyDateError, remedies_for, review_body
from gongkai.law.requests import RequestSettings, outcome


def test_refusal_since_2024_must_go_to_review_first() -> None:  # 行政复议法 第二十三条第一款第（四）项
    r = remedies_for(outcome("withheld_process_info"), date(2024, 1, 2), AgencyKind.TOWNSHIP_GOVERNMENT)
    assert r.review_first
    assert r.direct_litigation is None
    text = r.text(review_body_name="××县人民政府")
    assert "应当自收到本答复之日起60日内向××县人民政府申请行政复议" in text
    assert "15日内依法向人民法院提起行政诉讼" in text
    assert "6个月" not in text


def test_partial_disclosure_is_a_refusal_for_the_withheld_part() -> None:  # 条例 第三十七条
    assert remedies_for(outcome("partial"), date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT).review_first


def test_refusal_before_2024_could_be_sued_directly() -> None:
    r = remedies_for(outcome("withheld_third_party"), date(2023, 12, 29), AgencyKind.COUNTY_DEPARTMENT)
    assert not r.review_first
    assert r.direct_litigation is not None


def test_replies_giving_the_information_offer_review_or_a_direct_lawsuit() -> None:
    # 行政复议法 第二十条; 行政诉讼法 第四十六条
    r = remedies_for(outcome("granted"), date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT)
    assert not r.review_first
    text = r.text()
    assert "可以自收到本答复之日起60日内向县级人民政府（本级人民政府）申请行政复议" in text
    assert "6个月内依法向人民法院提起行政诉讼" in text
    assert "第五十一条" in r.text(with_complaint=True)


@pytest.mark.parametrize(
    "key", ["not_exist", "not_responsible", "needs_creation", "unclear_after_correction", "petition", "repeat",
            "publication", "excessive", "confirm_or_reissue", "no_correction", "no_payment", "other"],
)
def test_every_reply_providing_no_information_goes_to_review_first_by_default(key: str) -> None:
    # 行政复议法 第二十三条第一款第（四）项: 无法提供 and 不予处理 read as 不予公开, the reading that costs nothing
    r = remedies_for(outcome(key), date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT)
    assert r.review_first
    assert "6个月" not in r.text()
    assert "应当自收到本答复之日起60日内" in r.text()


def test_review_first_is_a_setting_per_outcome() -> None:  # 行政复议法 第二十三条第一款第（四）项
    narrow = RequestSettings(review_first_outcomes=frozenset({"partial", "withheld_process_info"}))
    assert remedies_for(outcome("partial"), date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT,
                        settings=narrow).review_first
    direct = remedies_for(outcome("not_exist"), date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT, settings=narrow)
    assert not direct.review_first
    assert "6个月内依法向人民法院提起行政诉讼" in direct.text()
    with pytest.raises(ValueError, match="未知的办理结果"):
        RequestSettings(review_first_outcomes=frozenset({"nonsense"}))


def test_special_law_reply_review_first_is_a_setting() -> None:  # 条例 第三十六条第（七）项
    special = outcome("special_law")
    assert remedies_for(special, date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT).review_first
    off = RequestSettings(special_law_requires_review_first=False)
    assert not remedies_for(special, date(2025, 5, 6), AgencyKind.COUNTY_DEPARTMENT, settings=off).review_first


@pytest.mark.parametrize(
    ("kind", "body", "article"),
    [
        (AgencyKind.TOWNSHIP_GOVERNMENT, "县级人民政府", "第二十四条第一款第（二）项"),
        (AgencyKind.COUNTY_DEPARTMENT, "县级人民政府", "第二十四条第一款第（一）项"),
        (AgencyKind.SUBDISTRICT_OFFICE, "设立该街道办事处的人民政府", "第二十四条第一款第（三）项"),
        (AgencyKind.PROVINCIAL_GOVERNMENT, "本机关", "第二十四条第二款"),
        (AgencyKind.STATE_COUNCIL_DEPARTMENT, "本部门", "第二十五条第（一）项"),
        (AgencyKind.VERTICALLY_MANAGED, "上一级主管部门", "第二十七条"),
    ],
)
def test_review_body_by_kind_of_agency(kind: AgencyKind, body: str, article: str) -> None:  # 行政复议法
    rb = review_body(kind)
    assert rb.description.startswith(body)
    assert rb.article == article
    assert rb.citation.startswith("《中华人民共和国行政复议法》")


def test_every_agency_kind_has_a_review_body() -> None:
    for kind in AgencyKind:
        assert review_body(kind).article


def test_remedy_deadlines_from_the_day_the_applicant_learnt_of_the_reply() -> None:
    # 60 days from 2025-08-05 is 10-04, inside 国庆节、中秋节 10/1–10/8 (国办发明电〔2024〕12号) → 10-09.
    r = remedies_for(outcome("granted"), date(2025, 8, 4), AgencyKind.COUNTY_DEPARTMENT)
    assert r.review_due(date(2025, 8, 5)) == date(2025, 10, 9)
    # 6 months from 2025-08-19 is 2026-02-19, inside 春节 2/15–2/23 (2026 notice) → 02-24.
    assert r.litigation_due(date(2025, 8, 19)) == date(2026, 2, 24)
    refusal = remedies_for(outcome("withheld_state_secret"), date(2025, 8, 4), AgencyKind.COUNTY_DEPARTMENT)
    assert refusal.litigation_due(date(2025, 8, 5)) is None


def test_a_reply_before_the_2019_regulation_is_refused() -> None:
    with pytest.raises(UnsupportedReplyDateError, match="2019年5月15日"):
        remedies_for(outcome("granted"), date(2019, 5, 14), AgencyKind.COUNTY_DEPARTMENT)
