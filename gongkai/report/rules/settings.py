"""The thresholds of the rules: every one is a field here with its default, none is a constant in a rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleSettings:
    """Settings of `gongkai.report.rules.check`; a supervisor may tune them per batch."""

    # XY.repeated_text (雷同): flag a section when more than this share of its sentences repeats last year's
    repeated_text_threshold: float = 0.5
    # sentences shorter than this (after normalising) are not compared: "无。" or "一是" say nothing
    repeated_text_min_chars: int = 8
    # the text sections compared with last year's report (一、总体情况 and 五、存在的主要问题及改进情况)
    repeated_text_sections: tuple[str, ...] = ("overall", "problems")
    # PLAUS.no_disclosure: from this many requests handled, 予以公开 + 部分公开 = 0 is worth a second look
    no_disclosure_min_requests: int = 10
    # PLAUS.appeals_exceed: flag when appeals exceed this multiple of the requests handled
    appeals_exceed_ratio: float = 1.0
    # CELL.blank: how many blank cells a finding names before it says "等N个"
    blank_cells_named: int = 5


DEFAULT_SETTINGS = RuleSettings()
