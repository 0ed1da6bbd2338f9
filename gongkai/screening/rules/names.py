"""Personal names written next to personal data: "联系人：王小明，电话13812345678", "张三（身份证号：…）".

A name alone is not screened (officials' names are published on purpose); a name beside an identity,
phone or card number identifies the person the number belongs to, so it is reported with the number.
Two ways to see one, both looking back from the number along its line:
- a label (姓名、联系人、申请人 …) followed by two to four Chinese characters;
- two or three characters right before the number (a field label such as 电话 in between is skipped)
  that start with a common surname (``packs/surnames.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from gongkai.screening.findings import Category, Finding, Severity

__all__ = ["find_near", "mask", "surnames"]

_WINDOW = 40  # characters looked back from the number
_HAN = "\u4e00-\u9fff"
_LABELLED = re.compile(
    rf"(?:姓名|联系人|申请人|当事人|负责人|经办人|户主|法定代表人|被处罚人|举报人|投诉人|收件人|监护人|持卡人|开户人|户名)"
    rf"[ \t\u3000]*[：:]?[ \t\u3000]*([{_HAN}·]{{2,4}})"
)
# Words that end a name read greedily after a label ("联系人：王小明电话…").
_AFTER_NAME = re.compile(r"(?:电话|手机|联系|身份|证件|号码|住址|地址|邮箱|卡号|账号|帐号|同志|先生|女士).*")
_FIELD = (
    r"(?:公民身份号码|身份证号码|身份证号|身份证|证件号码|联系电话|手机号码|手机号|手机|电话|联系方式"
    r"|银行卡号|银行账号|卡号|账号|帐号|电子邮箱|邮箱|E-?mail|e-?mail)"
)
_SEPARATORS = r"[\s:：,，、(（]*"
_TRAILER = re.compile(rf"{_SEPARATORS}(?:{_FIELD}{_SEPARATORS})?$")
# Last characters of place and office names that a surname may start ("高新区", "江北局").
_NOT_NAME_END = frozenset("区县市省州镇乡村街路局委办处科室所站院校司部厅会组队")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common surnames from ``packs/surnames.txt`` (single and compound)."""
    text = resources.files("gongkai.screening.packs").joinpath("surnames.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def mask(name: str) -> str:
    """Keep the surname: 王**, 欧阳*."""
    keep = 2 if name[:2] in surnames() and len(name) > 2 else 1
    return name[:keep] + "*" * (len(name) - keep)


def _labelled(text: str, start: int, end: int) -> tuple[int, int] | None:
    last = None
    for match in _LABELLED.finditer(text, start, end):
        last = match
    if last is None:
        return None
    name = _AFTER_NAME.sub("", last.group(1))
    if len(name) < 2:
        return None
    return last.start(1), last.start(1) + len(name)


def _unlabelled(text: str, start: int, end: int) -> tuple[int, int] | None:
    trailer = _TRAILER.search(text, start, end)
    stop = trailer.start() if trailer else end
    known = surnames()
    for length in (3, 2):
        begin = stop - length
        if begin < start:
            continue
        candidate = text[begin:stop]
        if not re.fullmatch(f"[{_HAN}]+", candidate) or candidate[-1] in _NOT_NAME_END:
            continue
        if candidate[:1] in known or candidate[:2] in known:
            return begin, stop
    return None


def find_near(text: str, personal: Iterable[Finding]) -> list[Finding]:
    """Names on the same line just before each personal-data finding."""
    spans: dict[tuple[int, int], str] = {}
    for finding in personal:
        line_start = text.rfind("\n", 0, finding.start) + 1
        start = max(line_start, finding.start - _WINDOW)
        span = _unlabelled(text, start, finding.start) or _labelled(text, start, finding.start)
        if span:
            spans.setdefault(span, finding.rule)
    return [
        Finding(
            rule="personal.name",
            category=Category.PERSONAL,
            severity=Severity.WARNING,
            start=begin,
            end=stop,
            text=text[begin:stop],
            message="与个人信息相邻的姓名：公开时应一并遮盖或删除个人信息",
            suggestion=mask(text[begin:stop]),
            source="《政府信息公开条例》第十五条（个人隐私）",
        )
        for (begin, stop), _rule in sorted(spans.items())
    ]
