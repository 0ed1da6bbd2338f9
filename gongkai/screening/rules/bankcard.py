"""Bank card numbers: 16 to 19 digits whose last digit is the Luhn check digit (ISO/IEC 7812-1).

Luhn alone lets one random number in ten pass, so a number is an error only when a card word
(卡号、银行卡、账号 …) stands just before it; otherwise it is a warning for the reviewer.
"""

from __future__ import annotations

import re

from gongkai.screening.findings import Category, Finding, ScreeningContext, Severity

__all__ = ["find", "luhn_valid", "mask"]

# In one piece, or in groups of four with one kind of separator ("6222 0212 3456 7890 123").
# (The first digit is consumed before the look-behind so that `re` can skip ahead to digits quickly.)
_CANDIDATE = re.compile(
    r"\d(?<![0-9A-Za-z]\d)(?:\d{15,18}|\d{3}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)(?![0-9A-Za-z])"
)
_CARD_WORDS = re.compile(r"(?:卡号|银行卡|储蓄卡|信用卡|借记卡|社保卡|账号|帐号|账户|帐户|开户)")
_CONTEXT = 12  # characters before the number searched for a card word
SOURCE = "《政府信息公开条例》第十五条（个人隐私）；Luhn 校验（ISO/IEC 7812-1）"


def luhn_valid(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the others."""
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def mask(digits: str) -> str:
    """Keep the first four and last four digits: 6222***********1234."""
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def find(text: str, context: ScreeningContext | None = None) -> list[Finding]:
    """Luhn-valid card numbers."""
    findings = []
    for match in _CANDIDATE.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits):
            continue
        named = _CARD_WORDS.search(text, max(0, match.start() - _CONTEXT), match.start()) is not None
        findings.append(
            Finding(
                rule="personal.bank_card",
                category=Category.PERSONAL,
                severity=Severity.ERROR if named else Severity.WARNING,
                start=match.start(),
                end=match.end(),
                text=match.group(),
                message="银行卡号（Luhn 校验通过）" if named else "疑似银行卡号（Luhn 校验通过，前文未见卡号字样）",
                suggestion=mask(digits),
                source=SOURCE,
            )
        )
    return findings
