"""信息处理费: the progressive schedules of 国办函〔2020〕109号 第四条 (per request) and 第五条 (per page)."""

from __future__ import annotations

import pytest

from gongkai.law.fees import (
    PER_PAGE,
    PER_REQUEST,
    FeeMethod,
    fee_for_pages,
    fee_for_requests,
    fee_per_request,
    schedule_for,
)


@pytest.mark.parametrize(
    ("nth", "yuan"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (101, 900)],
)
def test_fee_per_request_by_its_place_in_the_month(nth: int, yuan: int) -> None:  # 国办函〔2020〕109号 第四条
    # 10件以下不收费; 11—30件 100元/件; 31件起每10件一档，每档提高100元/件
    assert fee_per_request(nth) == yuan


@pytest.mark.parametrize(
    ("count", "yuan"),
    [
        (10, 0),
        (11, 100),
        (30, 2000),  # 20 × 100
        (35, 3000),  # 20 × 100 + 5 × 200
        (40, 4000),  # 20 × 100 + 10 × 200
        (41, 4300),  # … + 1 × 300
        (50, 7000),  # 20 × 100 + 10 × 200 + 10 × 300
    ],
)
def test_fee_for_requests_in_a_month_is_progressive(count: int, yuan: int) -> None:  # 第三条、第四条
    assert fee_for_requests(count) == yuan


def test_fee_for_requests_after_earlier_ones_in_the_month() -> None:
    # Requests 29–33 of the month: 100 + 100 + 200 + 200 + 200
    assert fee_for_requests(5, already_in_month=28) == 800
    assert fee_for_requests(0, already_in_month=28) == 0


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 70 × 10 + 1 × 20
        (150, 1700),  # 70 × 10 + 50 × 20
        (200, 2700),  # 70 × 10 + 100 × 20
        (201, 2740),  # … + 1 × 40
        (250, 4700),  # 70 × 10 + 100 × 20 + 50 × 40
    ],
)
def test_fee_for_pages_is_progressive(pages: int, yuan: int) -> None:  # 国办函〔2020〕109号 第五条
    assert fee_for_pages(pages) == yuan


def test_breakdown_states_each_band_for_the_fee_notice() -> None:
    parts = PER_PAGE.breakdown(150)
    assert [(p.band.first, p.band.last, p.band.rate, p.units, p.amount) for p in parts] == [
        (1, 30, 0, 30, 0),
        (31, 100, 10, 70, 700),
        (101, 200, 20, 50, 1000),
    ]


def test_each_schedule_cites_its_article() -> None:
    assert PER_REQUEST.citation.endswith("国办函〔2020〕109号）第四条")
    assert PER_PAGE.citation.endswith("第五条")
    assert schedule_for(FeeMethod.PER_PAGE) is PER_PAGE
    assert FeeMethod.PER_REQUEST.label == "按件计收"


@pytest.mark.parametrize("bad", [0, -1])
def test_a_request_number_starts_at_one(bad: int) -> None:
    with pytest.raises(ValueError):
        fee_per_request(bad)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        fee_for_pages(-1)
