"""统一社会信用代码 (unified social credit code), GB 32100-2015: structure and check character.

Pure Python, no Django: the publishing app builds 索引号 from it, and a supervisor's scripts may use it.
"""

from __future__ import annotations

import unicodedata

# GB 32100-2015 §4: the 31 characters of the code (no I, O, Z, S, V), valued 0..30 in this order.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015 §5 (check character): weight of position i is 3**(i-1) mod 31.
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18


class CreditCodeError(ValueError):
    """A code that is not a well-formed 统一社会信用代码; the message tells the user what is wrong."""


def normalize(code: str) -> str:
    """Full-width characters to half-width, spaces removed, letters upper-cased."""
    return "".join(unicodedata.normalize("NFKC", code).split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the first 17: C18 = 31 − (Σ Ci·Wi mod 31), 31 written as 0."""
    if len(first17) != LENGTH - 1 or any(ch not in ALPHABET for ch in first17):
        raise CreditCodeError("需要17位有效字符才能计算校验码")
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(code: str) -> str:
    """Return the normalised code, or raise CreditCodeError with a message in Chinese."""
    value = normalize(code)
    if len(value) != LENGTH:
        raise CreditCodeError(f"统一社会信用代码应为18位，现为{len(value)}位。")
    bad = sorted({ch for ch in value if ch not in ALPHABET})
    if bad:
        raise CreditCodeError(
            f"含有不允许的字符“{'、'.join(bad)}”：代码只用数字和除 I、O、Z、S、V 以外的大写字母。"
        )
    if not value[2:8].isdigit():
        raise CreditCodeError("第3至8位应为登记管理机关的行政区划码（6位数字）。")
    expected = check_character(value[:17])
    if value[17] != expected:
        raise CreditCodeError(f"校验码不符：按 GB 32100-2015 计算，最后一位应为“{expected}”，请核对。")
    return value


def is_valid(code: str) -> bool:
    try:
        validate(code)
    except CreditCodeError:
        return False
    return True
