"""Multi-pattern matching: every occurrence of a fixed set of terms in a text, in one pass.

Match semantics (the same for both back ends, and checked against each other by the tests and by
``benchmarks/bench_screening.py``): every occurrence of every distinct term, overlapping and nested
occurrences included, as ``(start, end, index)`` with ``text[start:end] == terms[index]`` (character
offsets into the Python string, end exclusive), sorted by ``(start, end, index)``. Matching is exact:
no case folding, no normalisation. A term given twice is reported once, with the index of its first
occurrence.

Back ends:
- ``hyperscan`` (Intel's regex engine, pinned ``hyperscan==0.9.1``): the terms are compiled as pure
  literals over UTF-16-LE code units and the text is scanned as UTF-16-LE bytes. UTF-16 keeps CJK at two
  bytes a character (UTF-8 needs three) and makes byte offsets plain arithmetic: a match whose end is at
  an odd byte is not aligned to a code unit and is dropped; offsets are converted back to characters
  only when the text has characters outside the BMP. Literals are written as ``\\xHH`` escapes because
  the binding's literal API measures patterns with ``strlen`` and UTF-16 is full of zero bytes.
- ``pyahocorasick``: a classic Aho–Corasick automaton over the string's characters; the fallback when
  hyperscan cannot be imported or compiled (for example on a CPU without SSSE3). The reason is kept in
  ``Automaton.fallback_reason`` and logged.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no type information

__all__ = ["Automaton", "Backend", "Match", "available_backends"]

logger = logging.getLogger(__name__)

Match = tuple[int, int, int]  # (start, end, term index); end exclusive, character offsets
Backend = Literal["hyperscan", "pyahocorasick"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_hs: Any
_HYPERSCAN_IMPORT_ERROR: str | None
try:  # the binding is a compiled extension: it may be missing, or built for another CPU
    import hyperscan
except Exception as exc:  # any failure to load means "use the fallback"
    _hs, _HYPERSCAN_IMPORT_ERROR = None, f"{type(exc).__name__}: {exc}"
else:
    _hs, _HYPERSCAN_IMPORT_ERROR = hyperscan, None


def available_backends() -> tuple[Backend, ...]:
    """The back ends this interpreter can use, best first."""
    return ("hyperscan", "pyahocorasick") if _hs is not None else ("pyahocorasick",)


class _Matcher(Protocol):
    def find_all(self, text: str) -> list[Match]: ...


class Automaton:
    """Finds all occurrences of ``terms`` in a text; build once, use for many texts (thread-safe)."""

    def __init__(self, terms: Iterable[str], *, backend: Backend | None = None) -> None:
        self.terms: tuple[str, ...] = tuple(terms)
        if any(not term for term in self.terms):
            raise ValueError("a term must not be empty")
        first: dict[str, int] = {}
        for index, term in enumerate(self.terms):
            first.setdefault(term, index)
        unique = sorted(first.items(), key=lambda item: item[1])
        self.fallback_reason: str | None = None
        self.backend: Backend
        self._matcher: _Matcher
        if backend == "pyahocorasick":
            self._use_aho_corasick(unique)
        elif _hs is None:
            if backend == "hyperscan":
                raise RuntimeError(f"hyperscan is not available: {_HYPERSCAN_IMPORT_ERROR}")
            self._fall_back(unique, f"hyperscan could not be imported ({_HYPERSCAN_IMPORT_ERROR})")
        else:
            try:
                self._matcher = _HyperscanMatcher(unique)
                self.backend = "hyperscan"
            except Exception as exc:
                if backend == "hyperscan":
                    raise
                self._fall_back(unique, f"hyperscan could not compile the terms ({type(exc).__name__}: {exc})")

    def _use_aho_corasick(self, unique: list[tuple[str, int]]) -> None:
        self._matcher = _AhoCorasickMatcher(unique)
        self.backend = "pyahocorasick"

    def _fall_back(self, unique: list[tuple[str, int]], reason: str) -> None:
        logger.warning("screening: falling back to pyahocorasick: %s", reason)
        self.fallback_reason = reason
        self._use_aho_corasick(unique)

    def __len__(self) -> int:
        return len(self.terms)

    def __repr__(self) -> str:
        return f"<Automaton {len(self.terms)} terms, backend={self.backend}>"

    def find_all(self, text: str) -> list[Match]:
        """Every occurrence of every term in ``text``, sorted (see the module docstring)."""
        return self._matcher.find_all(text)


class _AhoCorasickMatcher:
    def __init__(self, unique: list[tuple[str, int]]) -> None:
        self._automaton: Any = None
        if unique:
            automaton = ahocorasick.Automaton()
            for term, index in unique:
                automaton.add_word(term, (index, len(term)))
            automaton.make_automaton()
            self._automaton = automaton

    def find_all(self, text: str) -> list[Match]:
        if self._automaton is None or not text:
            return []
        matches = [(last + 1 - length, last + 1, index) for last, (index, length) in self._automaton.iter(text)]
        matches.sort()
        return matches


class _HyperscanMatcher:
    def __init__(self, unique: list[tuple[str, int]]) -> None:
        assert _hs is not None
        self._ids = [index for _, index in unique]
        # Length of each term in UTF-16 code units, to recover the start from the end of a match.
        self._units = [len(term.encode("utf-16-le", "surrogatepass")) // 2 for term, _ in unique]
        self._database: Any = None
        self._local = threading.local()
        if unique:
            patterns = [_escape(term.encode("utf-16-le", "surrogatepass")) for term, _ in unique]
            database = _hs.Database(mode=_hs.HS_MODE_BLOCK)
            database.compile(expressions=patterns, ids=list(range(len(patterns))), flags=0)
            self._database = database

    def _scratch(self) -> Any:
        # Hyperscan scratch space may be used by one scan at a time: one per thread.
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            assert _hs is not None
            scratch = self._local.scratch = _hs.Scratch(self._database)
        return scratch

    def find_all(self, text: str) -> list[Match]:
        if self._database is None or not text:
            return []
        data = text.encode("utf-16-le", "surrogatepass")
        matches: list[Match] = []
        append = matches.append
        ids, units = self._ids, self._units

        # Called once per match, so kept to the minimum: it is the cost per match.
        def on_match(pattern: int, _from: int, to: int, _flags: int, _context: object) -> None:
            if not to & 1:  # an odd end is not on a code-unit boundary: not a real match
                end = to >> 1
                append((end - units[pattern], end, ids[pattern]))

        self._database.scan(data, match_event_handler=on_match, scratch=self._scratch())
        if len(data) != 2 * len(text):  # characters outside the BMP take two code units
            matches = _units_to_characters(text, matches)
        matches.sort()
        return matches


def _escape(data: bytes) -> bytes:
    return b"".join(b"\\x%02x" % byte for byte in data)


def _units_to_characters(text: str, matches: Sequence[Match]) -> list[Match]:
    """Convert UTF-16 code-unit offsets to character offsets in a text with astral characters."""
    # The k-th astral character (k from 0) at character offset p ends at code unit p + k + 2.
    ends = [m.start() + k + 2 for k, m in enumerate(_ASTRAL.finditer(text))]

    def convert(unit: int) -> int:
        return unit - bisect.bisect_right(ends, unit)

    return [(convert(start), convert(end), index) for start, end, index in matches]
