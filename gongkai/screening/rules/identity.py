"""居民身份证号码 (citizen identity number), GB 11643-1999 公民身份号码.

18 characters: a 6-digit address code (GB/T 2260; the first two digits name the province), the birth
date YYYYMMDD, a 3-digit sequence and a check character computed by ISO 7064 MOD 11-2. A number whose
structure is right but whose check character is wrong is reported apart (``id_number_unverified``): it
is most likely a real number copied with a typo, and still personal data.
"""

from __future__ import annotations

import re
from datetime import date

from gongkai.screening.findings import Category, Finding, ScreeningContext, Severity

__all__ = ["check_character", "find", "is_valid", "mask"]

# GB 11643-1999 §8.2: weight of position i (1..17) is 2**(18-i) mod 11; the check character is
# "10X98765432"[sum mod 11].
WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
CHECK_CHARACTERS = "10X98765432"
# GB/T 2260 province-level codes; 83 is used for the residence permits of 台湾 residents (2018).
PROVINCES = frozenset(
    {
        *(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46),
        *(50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83),
    }
)
SOURCE = "GB 11643-1999 公民身份号码；永安 2023 通报的遮盖样式 [W8]"

# The first digit is consumed before the look-behind so that `re` can skip ahead to digits quickly.
_CANDIDATE = re.compile(r"\d(?<![0-9A-Za-z]\d)\d{16}[\dXx](?![0-9A-Za-z])")


def check_character(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("the check character needs exactly 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def has_structure(number: str, *, today: date | None = None) -> bool:
    """Province code known and birth date a real day between 1900 and today."""
    if len(number) != 18 or not number[:17].isdigit() or int(number[:2]) not in PROVINCES:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= (today or date.today())


def is_valid(number: str) -> bool:
    """A well-formed number whose check character is right."""
    return has_structure(number) and check_character(number[:17]) == number[17].upper()


def mask(number: str) -> str:
    """Keep the first two and last three characters: 35*************123 (永安 2023 通报 [W8])."""
    return number[:2] + "*" * (len(number) - 5) + number[-3:]


def find(text: str, context: ScreeningContext | None = None) -> list[Finding]:
    """Identity numbers with a right check character (error) or a wrong one (warning)."""
    findings: list[Finding] = []
    for match in _CANDIDATE.finditer(text):
        number = match.group()
        if not has_structure(number):
            continue
        if check_character(number[:17]) == number[17].upper():
            rule, severity, message = "personal.id_number", Severity.ERROR, "居民身份证号码（校验码正确）"
        else:
            rule, severity = "personal.id_number_unverified", Severity.WARNING
            message = "疑似居民身份证号码：地区码、出生日期合理但校验码不符，可能是抄录错误，仍应按个人信息处理"
        findings.append(
            Finding(
                rule=rule,
                category=Category.PERSONAL,
                severity=severity,
                start=match.start(),
                end=match.end(),
                text=number,
                message=message,
                suggestion=mask(number),
                source=SOURCE,
            )
        )
    return findings
