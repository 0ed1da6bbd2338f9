"""Section 六 of the annual report states the 信息处理费 from the fee records (国办函〔2020〕109号; 国办公开办函
〔2021〕30号 六), and a text that disagrees with the records is flagged (TXT.fee_mismatch)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.annual import drafting
from gongkai.applications import services
from gongkai.applications.fee_report import FeeRecords, check_fee_sentence, fee_sentence

pytestmark = pytest.mark.django_db


def test_the_drafted_sentence_states_the_records(register, users, dazhai) -> None:
    handler = users("dazhai_handler")
    paid, unpaid = register(date(2025, 9, 1)), register(date(2025, 9, 1))
    services.issue_fee_notice(paid, actor=handler, method="per_page", pages=40, sent=date(2025, 9, 3))  # 100元
    services.record_payment(paid, actor=handler, on=date(2025, 9, 10))
    services.issue_fee_notice(unpaid, actor=handler, method="per_page", pages=150, sent=date(2025, 9, 3))  # 1700元
    report = drafting.draft(dazhai, 2025)
    assert "2025年，本机关共发出信息处理费收费通知2件、金额1800元，实际收取100元" in report.sections["other"]
    assert not [f for f in drafting.check_draft(report, None) if f.rule == "TXT.fee_mismatch"]
    report.sections["other"] = "2025年，本机关未收取信息处理费。"
    [mismatch] = [f for f in drafting.check_draft(report, None) if f.rule == "TXT.fee_mismatch"]
    assert mismatch.message == "“其他需要报告的事项”所述实际收取金额（元）为0，收费记录为100"


def test_no_notice_and_nothing_collected() -> None:
    assert fee_sentence(2025, FeeRecords()) == (
        "2025年，本机关未发出信息处理费收费通知，未收取信息处理费（《政府信息公开信息处理费管理办法》）。")
    assert fee_sentence(2025, FeeRecords(1, 100, 0)).endswith(
        "收费通知1件、金额100元，未收取（《政府信息公开信息处理费管理办法》）。")
    assert check_fee_sentence(fee_sentence(2025, FeeRecords(1, 100, 0)), FeeRecords(1, 100, 0)) == []
    found = check_fee_sentence("共发出收费通知三件、金额300元，实际收取300元。", FeeRecords(1, 100, 100))
    assert [f.found for f in found] == ["3", "300", "300"]
