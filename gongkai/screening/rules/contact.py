"""Mobile phone numbers and e-mail addresses of people.

An inspection 通报 (永安 2023, [W8] in the research note) found mobile numbers in published documents and
asked for them to be masked as ``138****1234``. Landline numbers are not reported: an agency's guide must
publish its office telephone (《政府信息公开条例》第十二条). Addresses under ``.gov.cn`` are the agency's
own and are not reported either; the screener lets a deployment change that list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.screening.findings import Category, Finding, ScreeningContext, Severity

__all__ = ["INSTITUTIONAL_DOMAINS", "find", "find_emails", "find_mobiles", "mask_email", "mask_mobile"]

INSTITUTIONAL_DOMAINS = (".gov.cn",)
SOURCE = "永安 2023 通报：手机号码遮盖为 138****1234 [W8]"

# 11 digits from 13x to 19x, optionally after +86, in one piece or as 3-4-4 with one kind of separator;
# not part of a longer number and not an amount ("13500000000元"). Each branch consumes its first
# character before looking behind it, so that `re` can skip ahead to a candidate character quickly.
_MOBILE = re.compile(
    r"(?:(?:\+86|0(?<![0-9A-Za-z]0)086|8(?<![0-9A-Za-z]8)6)[ -]?1|1(?<![0-9A-Za-z]1))"
    r"([3-9]\d)([ -]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])"
    r"(?!\s*(?:元|万|亿|千|百|余|多|吨|人|户|件|次|个|平方|亩|米|公里|%|％))"
)
_EMAIL = re.compile(
    r"[A-Za-z0-9](?<![A-Za-z0-9._%+-][A-Za-z0-9])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})"
    r"(?![A-Za-z0-9-])"
)


def mask_mobile(digits: str) -> str:
    """Keep the first three and last four digits: 138****1234."""
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(address: str) -> str:
    """Keep the first character of the local part and the domain: z***@example.com."""
    local, _, domain = address.partition("@")
    return local[:1] + "*" * max(len(local) - 1, 3) + "@" + domain


def find_mobiles(text: str) -> list[Finding]:
    """Mainland mobile numbers."""
    findings = []
    for match in _MOBILE.finditer(text):
        digits = "1" + match.group(1) + match.group(3) + match.group(4)
        findings.append(
            Finding(
                rule="personal.mobile",
                category=Category.PERSONAL,
                severity=Severity.WARNING,
                start=match.start(),
                end=match.end(),
                text=match.group(),
                message="手机号码：公开前应遮盖，确需公开的工作号码请核实",
                suggestion=mask_mobile(digits),
                source=SOURCE,
            )
        )
    return findings


def find_emails(text: str, institutional_domains: Iterable[str] = INSTITUTIONAL_DOMAINS) -> list[Finding]:
    """E-mail addresses outside the institutional domains."""
    suffixes = tuple(domain.lower() for domain in institutional_domains)
    findings = []
    for match in _EMAIL.finditer(text):
        domain = match.group(1).lower()
        if suffixes and (domain.endswith(suffixes) or f".{domain}" in suffixes):
            continue
        findings.append(
            Finding(
                rule="personal.email",
                category=Category.PERSONAL,
                severity=Severity.WARNING,
                start=match.start(),
                end=match.end(),
                text=match.group(),
                message="电子邮箱：个人邮箱公开前应遮盖或删除",
                suggestion=mask_email(match.group()),
                source="《政府信息公开条例》第十五条（个人隐私）",
            )
        )
    return findings


def find(text: str, context: ScreeningContext | None = None) -> list[Finding]:
    """Mobile numbers and personal e-mail addresses."""
    return find_mobiles(text) + find_emails(text)
