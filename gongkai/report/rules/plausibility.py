"""Plausibility (warnings): figures that are possible but worth a second look."""

from __future__ import annotations

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport
from gongkai.report.rules.labels import cell_title, show
from gongkai.report.rules.settings import RuleSettings

_HANDLED = CellRef("applications", "total", "total")  # 三、本年度办理结果（七）总计
_GRANTED = (CellRef("applications", "granted", "total"), CellRef("applications", "partial", "total"))
# A suit after review (复议后起诉) is the same matter as a review, so appeals = reviews + direct suits.
_APPEALS = (CellRef("appeals", "cases", "review.total"), CellRef("appeals", "cases", "direct_suit.total"))


def check_plausibility(report: AnnualReport, previous: AnnualReport | None, settings: RuleSettings) -> list[Finding]:
    return _no_disclosure(report, settings) + _appeals_exceed(report, previous, settings)


def _no_disclosure(report: AnnualReport, settings: RuleSettings) -> list[Finding]:
    """PLAUS.no_disclosure: many requests handled and not one 予以公开 or 部分公开."""
    handled = report.cells[_HANDLED]
    granted = [report.cells[r] for r in _GRANTED]
    if handled is None or any(v is None for v in granted) or handled < settings.no_disclosure_min_requests:
        return []
    if sum(v for v in granted if v is not None) != 0:
        return []
    fmt = report.format
    return [
        finding(
            "PLAUS.no_disclosure",
            f"{cell_title(fmt, _HANDLED)}为{show(handled)}，而{cell_title(fmt, _GRANTED[0])}与"
            f"{cell_title(fmt, _GRANTED[1])}都为0：请核对办理结果是否归入了正确的行",
            cells=(_HANDLED, *_GRANTED),
            expected=f"予以公开或部分公开 > 0（办理{show(handled)}件）",
            found="0",
        )
    ]


def _appeals_exceed(report: AnnualReport, previous: AnnualReport | None, settings: RuleSettings) -> list[Finding]:
    """PLAUS.appeals_exceed: more appeals than requests handled this year (and last year, when known)."""
    appeals = [report.cells[r] for r in _APPEALS]
    handled = report.cells[_HANDLED]
    if handled is None or any(v is None for v in appeals):
        return []
    basis = handled
    scope = f"本年办理的申请（{cell_title(report.format, _HANDLED)}）{show(handled)}件"
    if previous is not None and previous.year == report.year - 1:
        earlier = previous.cells.get(_HANDLED)
        if earlier is not None:
            basis += earlier
            scope = f"本年与{previous.year}年办理的申请共{show(basis)}件"
    total = sum(v for v in appeals if v is not None)
    if total <= basis * settings.appeals_exceed_ratio:
        return []
    names = "与".join(cell_title(report.format, r) for r in _APPEALS)
    return [
        finding(
            "PLAUS.appeals_exceed",
            f"{names}共{show(total)}件，多于{scope}：请核对表四是否只填了政府信息公开的复议诉讼",
            cells=(*_APPEALS, _HANDLED),
            expected=f"<= {show(basis)}",
            found=show(total),
        )
    ]
