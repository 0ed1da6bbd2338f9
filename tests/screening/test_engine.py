"""The automaton: hyperscan and pyahocorasick report exactly the same matches (all occurrences)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.screening.engine import Automaton, available_backends

needs_hyperscan = pytest.mark.skipif("hyperscan" not in available_backends(), reason="hyperscan not loadable here")


def brute_force(terms: list[str], text: str) -> list[tuple[int, int, int]]:
    """The definition of the match semantics, by brute force."""
    first: dict[str, int] = {}
    for index, term in enumerate(terms):
        first.setdefault(term, index)
    return sorted(
        (start, start + len(term), index)
        for term, index in first.items()
        for start in range(len(text) - len(term) + 1)
        if text.startswith(term, start)
    )


@pytest.mark.parametrize("backend", ["hyperscan", "pyahocorasick"])
def test_every_occurrence_including_overlapping_and_nested(backend: str) -> None:
    if backend not in available_backends():
        pytest.skip("hyperscan not loadable here")
    terms = ["中华", "华人", "中华人民共和国", "人民", "共和", "和国"]
    text = "中华人民共和国中华人民共和国"
    automaton = Automaton(terms, backend=backend)  # type: ignore[arg-type]
    assert automaton.find_all(text) == brute_force(terms, text)
    assert (0, 7, 2) in automaton.find_all(text)


@needs_hyperscan
def test_code_units_with_a_zero_byte_and_astral_characters() -> None:
    # 一 is U+4E00 (a zero byte in UTF-16-LE); 𠀀 is outside the BMP (two code units).
    terms = ["一", "一丁", "𠀀一", "a", "b𠀀", "丁"]
    text = "a𠀀一丁b𠀀一丁𠀀𠀀一"
    expected = brute_force(terms, text)
    assert Automaton(terms, backend="hyperscan").find_all(text) == expected
    assert Automaton(terms, backend="pyahocorasick").find_all(text) == expected


@needs_hyperscan
def test_a_match_across_two_characters_bytes_is_not_a_match() -> None:
    # UTF-16-LE: 中 = 2D 4E; "ⴀ乎" = 00 2D 4E 4E holds 2D 4E at an odd offset.
    assert Automaton(["中"], backend="hyperscan").find_all("ⴀ乎") == []


def test_duplicate_terms_are_reported_once_with_the_first_index() -> None:
    automaton = Automaton(["政府", "人民", "政府"])
    assert automaton.find_all("人民政府") == [(0, 2, 1), (2, 4, 0)]


def test_no_terms_and_empty_text() -> None:
    assert Automaton([]).find_all("任何文字") == []
    assert Automaton(["政府"]).find_all("") == []
    with pytest.raises(ValueError):
        Automaton(["政府", ""])


@needs_hyperscan
def test_hyperscan_is_preferred_and_the_fallback_says_why() -> None:
    assert Automaton(["政府"]).backend == "hyperscan"
    forced = Automaton(["政府"], backend="pyahocorasick")
    assert forced.backend == "pyahocorasick"
    assert forced.fallback_reason is None  # chosen, not fallen back to


def test_fallback_when_hyperscan_cannot_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.screening import engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("no SSSE3")

    monkeypatch.setattr(engine, "_HyperscanMatcher", broken)
    if engine._hs is None:
        pytest.skip("hyperscan not loadable here: the fallback is the normal path")
    automaton = Automaton(["政府"])
    assert automaton.backend == "pyahocorasick"
    assert "no SSSE3" in (automaton.fallback_reason or "")
    assert automaton.find_all("人民政府") == [(2, 4, 0)]


@needs_hyperscan
def test_random_cjk_dictionary_matches_the_baseline() -> None:
    rng = random.Random(11643)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 60)]  # few characters: many hits
    terms = ["".join(rng.choices(alphabet, k=rng.randint(2, 6))) for _ in range(2000)]
    text = "".join(rng.choices(alphabet, k=20_000))
    expected = Automaton(terms, backend="pyahocorasick").find_all(text)
    assert len(expected) > 1000
    assert Automaton(terms, backend="hyperscan").find_all(text) == expected


_CHARS = st.sampled_from(list("一丁中华人民国aZ0 \n𠀀𠀁ⴀ乎\u2d4e"))


@needs_hyperscan
@settings(max_examples=60, deadline=None)
@given(terms=st.lists(st.text(_CHARS, min_size=1, max_size=4), min_size=1, max_size=8), text=st.text(_CHARS))
def test_both_back_ends_follow_the_definition(terms: list[str], text: str) -> None:
    expected = brute_force(terms, text)
    assert Automaton(terms, backend="hyperscan").find_all(text) == expected
    assert Automaton(terms, backend="pyahocorasick").find_all(text) == expected
