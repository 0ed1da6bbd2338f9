"""Reading query parameters safely: whole numbers are checked (ASCII digits, in range) before a query sees them.

A bad value raises `BadParameter`; `gongkai.web.middleware.InputGuardMiddleware` answers it with 400 and
the message (JSON under /api/, the error page elsewhere).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # the largest key a 64-bit integer column holds (SQLite and PostgreSQL bigint)
FIRST_YEAR, LAST_YEAR = 2008, 2100  # 条例 in force since 1 May 2008; the platform's horizon


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message says what was expected, in Chinese."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def whole_number(text: str | None, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """`text` as an int when it is ASCII digits within [minimum, maximum], else None."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def integer(params: Mapping[str, str], name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """The parameter as an int, None when absent or empty; `BadParameter` when not a whole number in range."""
    text = (params.get(name) or "").strip()
    if not text:
        return None
    value = whole_number(text, minimum=minimum, maximum=maximum)
    if value is None:
        raise BadParameter(name, _("参数“%(name)s”应为 %(minimum)d 至 %(maximum)d 之间的整数。")
                           % {"name": name, "minimum": minimum, "maximum": maximum})
    return value


def year(params: Mapping[str, str], name: str = "year") -> int | None:
    """A year parameter between 2008 and 2100, None when absent; `BadParameter` otherwise."""
    return integer(params, name, minimum=FIRST_YEAR, maximum=LAST_YEAR)
