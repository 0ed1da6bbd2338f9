"""密级标志: a state-secret marking in a text meant for publication.

A marked document is classified and must not be published: 《政府信息公开条例》第十四条 (国家秘密不予公开);
保守国家秘密法 (2024) 第三十五条 (拟公开信息须先经保密审查). The marking's form is GB/T 9704-2012 7.2.2
(密级和保密期限): the level, "★", and the period in Arabic numerals, e.g. "秘密★1年"; GB/T 9704-1999 wrote a
level on its own with a space between the two characters ("机　密").
"""

from __future__ import annotations

import re

from gongkai.screening.findings import Category, Finding, ScreeningContext, Severity

__all__ = ["find"]

_LEVEL = r"(?:绝|机|秘)密"
_SPACE = r"[ \t\u3000]"
_PERIOD = r"(?:\d{1,2}\s*(?:年|个月)|长期|启用前)"
# "秘密★1年", "机密★", "绝密★启用前" (exam papers); a star or a look-alike between level and period.
_MARKING = re.compile(rf"{_LEVEL}{_SPACE}*[★☆＊*]{_SPACE}*{_PERIOD}?")
# "密级：机密" in a form or a file list.
_FIELD = re.compile(rf"密级{_SPACE}*[：:]{_SPACE}*{_LEVEL}")
# A level alone on its line, as printed at the top of a document: "秘密", "机　密".
_ALONE = re.compile(rf"^{_SPACE}*(?:绝|机|秘){_SPACE}?密{_SPACE}*$", re.MULTILINE)

SOURCE = "条例第十四条；保守国家秘密法第三十五条；GB/T 9704-2012 7.2.2"


def find(text: str, context: ScreeningContext | None = None) -> list[Finding]:
    """Every secrecy marking in ``text``."""
    findings: list[Finding] = []
    for pattern in (_MARKING, _FIELD, _ALONE):
        for match in pattern.finditer(text):
            start, end = _strip(text, match.start(), match.end())
            marking = text[start:end]
            findings.append(
                Finding(
                    rule="secrecy.marking",
                    category=Category.SECRECY,
                    severity=Severity.ERROR,
                    start=start,
                    end=end,
                    text=marking,
                    message=f"密级标志“{marking}”：涉密信息不得公开，须经保密审查确认",
                    suggestion="核实是否涉密；涉密则不予公开，误标则删除标志",
                    source=SOURCE,
                )
            )
    return findings


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
