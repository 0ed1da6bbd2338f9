"""The receipt date by channel (条例 第三十一条) and the periods as data."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.errors import GongkaiError
from gongkai.law.requests import (
    CORRECTION_NOTICE,
    EXTENSION_MAX,
    PERIODS,
    REPLY,
    DayUnit,
    MissingReceiptEventError,
    ReceiptChannel,
    ReceiptEvent,
    RequestSettings,
    receipt_date,
    receipt_rule,
)

D1, D2, D3 = date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        (ReceiptChannel.IN_PERSON, D1),  # 第三十一条第（一）项: 提交之日
        (ReceiptChannel.POST, D2),  # 第三十一条第（二）项: 签收之日
        (ReceiptChannel.ORDINARY_MAIL, D3),  # 第三十一条第（二）项: 确认之日
        (ReceiptChannel.ONLINE, D3),  # 第三十一条第（三）项: 双方确认之日
        (ReceiptChannel.FAX, D3),  # 第三十一条第（三）项: 双方确认之日
    ],
)
def test_receipt_date_follows_the_channel(channel: ReceiptChannel, expected: date) -> None:  # 条例 第三十一条
    assert receipt_date(channel, handed_in=D1, signed_for=D2, confirmed=D3) == expected


def test_email_counts_from_arrival_by_default_or_from_confirmation_by_setting() -> None:
    assert receipt_date(ReceiptChannel.EMAIL, arrived=D1, confirmed=D3) == D1  # 国办公开办函〔2015〕207号
    settings = RequestSettings(email_receipt_event=ReceiptEvent.CONFIRMED)
    assert receipt_date(ReceiptChannel.EMAIL, arrived=D1, confirmed=D3, settings=settings) == D3
    assert receipt_rule(ReceiptChannel.EMAIL, settings).article == "第三十一条第（三）项"


def test_a_missing_date_names_the_rule() -> None:
    with pytest.raises(MissingReceiptEventError, match="第三十一条第（二）项") as info:
        receipt_date(ReceiptChannel.ORDINARY_MAIL, signed_for=D2)
    assert isinstance(info.value, GongkaiError)
    assert "确认" in str(info.value)


def test_periods_carry_their_numbers_and_articles() -> None:
    assert (REPLY.length, REPLY.unit, REPLY.article) == (20, DayUnit.WORKING_DAYS, "第三十三条第二款")
    assert (CORRECTION_NOTICE.length, CORRECTION_NOTICE.article) == (7, "第三十条")
    assert EXTENSION_MAX.length == 20
    assert str(REPLY) == "20个工作日"
    by_key = {p.key: p for p in PERIODS}
    assert by_key["third_party_opinion"].length == by_key["co_maker_opinion"].length == 15
    assert by_key["fee_payment"].length == by_key["proactive_publication"].length == 20
    assert (by_key["administrative_review"].length, by_key["administrative_review"].unit) == (60, DayUnit.DAYS)
    assert (by_key["direct_litigation"].length, by_key["direct_litigation"].unit) == (6, DayUnit.MONTHS)
    assert by_key["litigation_after_review"].length == 15
