"""Requests to correct records about the applicant (条例 第四十一条) as data.

条例 第四十一条: 公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求
该行政机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；不属于本行政机关职能范围的，行政机关
可以转送有权更正的行政机关处理并告知申请人，或者告知申请人向有权更正的行政机关提出。

The Regulation sets no period for the answer, and the annual report format (国办公开办函〔2021〕30号) has
no row for these requests: they are not 政府信息公开申请 and are never counted in table 三.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.law.choices import LabelledChoice
from gongkai.law.requests import REGULATION

__all__ = ["ARTICLE", "CorrectionDecision", "DecisionRule", "decision_rule"]

ARTICLE = f"{REGULATION}第四十一条"


class CorrectionDecision(LabelledChoice):
    CORRECTED = "corrected", "审核属实，予以更正"
    ACCURATE = "accurate", "经审核，记录准确，不予更正"
    TRANSFERRED = "transferred", "不属于本机关职能范围，转送有权更正的行政机关处理"
    REFERRED = "referred", "不属于本机关职能范围，告知向有权更正的行政机关提出"


@dataclass(frozen=True)
class DecisionRule:
    """What the answer of a decision must say, and what it needs."""

    decision: CorrectionDecision
    sentence: str  # the answer's operative sentence; {agency} is the other agency where it needs one
    needs_other_agency: bool = False


_RULES = {
    CorrectionDecision.CORRECTED: DecisionRule(
        CorrectionDecision.CORRECTED, "经审核，{you}反映的情况属实，本机关已对该政府信息记录予以更正。"
    ),
    CorrectionDecision.ACCURATE: DecisionRule(
        CorrectionDecision.ACCURATE, "经审核，{you}提供的证据不能证明该政府信息记录不准确，本机关不予更正。"
    ),
    CorrectionDecision.TRANSFERRED: DecisionRule(
        CorrectionDecision.TRANSFERRED,
        "该政府信息记录的更正不属于本机关职能范围，本机关已将{you}的更正申请转送{agency}处理。",
        needs_other_agency=True,
    ),
    CorrectionDecision.REFERRED: DecisionRule(
        CorrectionDecision.REFERRED,
        "该政府信息记录的更正不属于本机关职能范围，请{you}向有权更正的{agency}提出。",
        needs_other_agency=True,
    ),
}


def decision_rule(decision: CorrectionDecision) -> DecisionRule:
    """The answer's wording and needs for a decision under 条例 第四十一条."""
    return _RULES[decision]
