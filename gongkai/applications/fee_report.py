"""Section 六 of the annual report on 信息处理费, from the fee records (国办函〔2020〕109号; 国办公开办函〔2021〕30号
六): the sentence drafted, and the rule that checks what the report says against the records.

The year's figures: the notices sent in the year (件 and 元), and what was actually collected in it (the
amounts of notices paid in the year; a waived notice collects nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Sum

from gongkai.report.findings import Finding, finding
from gongkai.report.rules.textutil import NUMBER, compact, parse_number

__all__ = ["FeeRecords", "check_fee_sentence", "fee_records_for_orgs", "fee_sentence"]


@dataclass(frozen=True)
class FeeRecords:
    notices: int = 0  # 收费通知 sent in the year
    amount: int = 0  # their total, 元
    collected: int = 0  # paid in the year, 元


def fee_records_for_orgs(org_ids: Iterable[int], year: int) -> dict[int, FeeRecords]:
    """Each agency's fee figures for `year`: two grouped queries whatever the number of agencies."""
    from gongkai.applications.models import FeeNotice

    ids = list(org_ids)
    if not ids:
        return {}
    sent = {
        row["request__org_id"]: row
        for row in FeeNotice.objects.filter(request__org_id__in=ids, sent__year=year)
        .order_by().values("request__org_id").annotate(n=Count("pk"), amount=Sum("amount"))
    }
    paid = dict(
        FeeNotice.objects.filter(request__org_id__in=ids, paid__year=year)
        .order_by().values("request__org_id").annotate(total=Sum("amount")).values_list("request__org_id", "total")
    )
    return {
        org_id: FeeRecords(
            notices=int(sent.get(org_id, {}).get("n") or 0),
            amount=int(sent.get(org_id, {}).get("amount") or 0),
            collected=int(paid.get(org_id) or 0),
        )
        for org_id in ids
    }


def fee_sentence(year: int, records: FeeRecords) -> str:
    """The report's sentence on 信息处理费, exactly what the records say."""
    basis = "（《政府信息公开信息处理费管理办法》）"
    if not records.notices and not records.collected:
        return f"{year}年，本机关未发出信息处理费收费通知，未收取信息处理费{basis}。"
    collected = f"实际收取{records.collected}元" if records.collected else "未收取"
    return f"{year}年，本机关共发出信息处理费收费通知{records.notices}件、金额{records.amount}元，{collected}{basis}。"


_NOTICES = re.compile(rf"收费通知{NUMBER}件")
_AMOUNT = re.compile(rf"收费通知{NUMBER}件[、，,]?(?:金额|共计|合计)?{NUMBER}元")
_COLLECTED = re.compile(rf"(?:实际)?收取(?:信息处理费)?{NUMBER}元")
_NONE_SENT = re.compile(r"未(?:发出|发)[^。；]{0,12}收费通知")
_NONE_COLLECTED = re.compile(r"未收取")


def check_fee_sentence(text: str, records: FeeRecords) -> list[Finding]:
    """TXT.fee_mismatch: the figures section 六 states against the fee records (only what it states)."""
    text = compact(text).replace("\n", "")
    stated: list[tuple[str, int, int]] = []  # (what, said, recorded)
    if match := _AMOUNT.search(text):
        stated += [("收费通知件数", _number(match.group(1)), records.notices),
                   ("收费通知金额（元）", _number(match.group(2)), records.amount)]
    elif match := _NOTICES.search(text):
        stated.append(("收费通知件数", _number(match.group(1)), records.notices))
    elif _NONE_SENT.search(text):
        stated.append(("收费通知件数", 0, records.notices))
    if match := _COLLECTED.search(text):
        stated.append(("实际收取金额（元）", _number(match.group(1)), records.collected))
    elif _NONE_COLLECTED.search(text):
        stated.append(("实际收取金额（元）", 0, records.collected))
    return [
        finding("TXT.fee_mismatch", f"“其他需要报告的事项”所述{what}为{said}，收费记录为{recorded}",
                expected=str(recorded), found=str(said))
        for what, said, recorded in stated
        if said != recorded
    ]


def _number(text: str) -> int:
    value = parse_number(text)
    return -1 if value is None else value
