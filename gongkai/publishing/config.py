"""Deployment choices of the publishing app: numbering patterns and the term rule of normative documents.

Each is read from a Django setting of the same name, else from the environment, else the default here:

- GONGKAI_INDEX_PATTERN (索引号), default ``{code}/{year}-{seq:05d}``: ``code`` is the agency's
  统一社会信用代码, ``year`` the item's year, ``seq`` the agency's running number in that year.
- GONGKAI_REGISTRATION_PATTERN (规范性文件登记编号, “三统一”), default ``{prefix}{kind}-{year}-{seq:04d}``:
  ``prefix`` is GONGKAI_REGISTRATION_PREFIX (e.g. a province's letters), ``kind`` GZ (规章) or GF
  (行政规范性文件), ``code`` the issuing agency's credit code if wanted. A number runs per distinct
  rendering of everything but ``seq``: per kind and year by default, per agency if ``{code}`` is used.
- GONGKAI_NORMATIVE_TERM_YEARS / GONGKAI_NORMATIVE_PROVISIONAL_TERM_YEARS (有效期): the longest term of
  a normative document and of a 暂行/试行 one; 0 means no term. Provinces differ; the common rule is
  5 and 2 years. GONGKAI_LAPSE_COUNTS_AS_ABOLISHED: whether a document that lapses at the end of its
  term is counted in 本年废止件数 (default no: it only leaves 现行有效).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from gongkai.web.env import env_bool, env_int, env_str

DEFAULT_INDEX_PATTERN = "{code}/{year}-{seq:05d}"
DEFAULT_REGISTRATION_PATTERN = "{prefix}{kind}-{year}-{seq:04d}"
KIND_CODES = {"rule": "GZ", "normative": "GF"}


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


@dataclass(frozen=True)
class TermRule:
    """The 有效期 rule of normative documents in force in this deployment's province."""

    regular_years: int | None
    provisional_years: int | None
    lapse_counts_as_abolished: bool = False

    def years_for(self, provisional: bool) -> int | None:
        return self.provisional_years if provisional else self.regular_years


def term_rule() -> TermRule:
    regular = _setting("GONGKAI_NORMATIVE_TERM_YEARS", env_int("GONGKAI_NORMATIVE_TERM_YEARS", 5))
    provisional = _setting(
        "GONGKAI_NORMATIVE_PROVISIONAL_TERM_YEARS", env_int("GONGKAI_NORMATIVE_PROVISIONAL_TERM_YEARS", 2)
    )
    lapse = _setting("GONGKAI_LAPSE_COUNTS_AS_ABOLISHED", env_bool("GONGKAI_LAPSE_COUNTS_AS_ABOLISHED", False))
    return TermRule(regular or None, provisional or None, bool(lapse))


def index_pattern() -> str:
    return str(_setting("GONGKAI_INDEX_PATTERN", env_str("GONGKAI_INDEX_PATTERN", DEFAULT_INDEX_PATTERN)))


def registration_pattern() -> str:
    default = env_str("GONGKAI_REGISTRATION_PATTERN", DEFAULT_REGISTRATION_PATTERN)
    return str(_setting("GONGKAI_REGISTRATION_PATTERN", default))


def registration_prefix() -> str:
    return str(_setting("GONGKAI_REGISTRATION_PREFIX", env_str("GONGKAI_REGISTRATION_PREFIX", "")))


class _Placeholder:
    """Formats as a fixed mark whatever the format spec: renders a pattern with its sequence left open."""

    def __format__(self, spec: str) -> str:
        return "#"


@dataclass(frozen=True)
class NumberPattern:
    """A numbering pattern with named fields, one of which is the running number ``seq``."""

    pattern: str

    def fields(self) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(self.pattern) if name}

    def render(self, seq: int, **values: Any) -> str:
        return self.pattern.format(seq=seq, **values)

    def scope(self, **values: Any) -> str:
        """Everything but the sequence: the key of the counter the number is drawn from."""
        return self.pattern.format(seq=_Placeholder(), **values)

    def regex(self, **values: Any) -> re.Pattern[str]:
        """A regular expression that numbers made by this pattern match (free fields as given in `values`)."""
        parts = []
        for literal, name, _spec, _conv in string.Formatter().parse(self.pattern):
            parts.append(re.escape(literal))
            if name is None:
                continue
            if name == "seq":
                parts.append(r"\d+")
            elif name == "year":
                parts.append(r"\d{4}")
            elif name in values:
                parts.append(re.escape(str(values[name])))
            else:
                parts.append(r"[0-9A-Za-z]+")
        return re.compile("".join(parts))

    def check(self) -> None:
        """Refuse a pattern without the running number (numbers would repeat)."""
        if "seq" not in self.fields():
            raise ValueError(f"numbering pattern {self.pattern!r} has no {{seq}}")
