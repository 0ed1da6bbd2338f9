"""Which requests ask for the same information: character-bigram overlap of their wording (no Django).

Explainable on purpose: two texts are similar when the share of bigrams they have in common (Jaccard,
|A∩B| / |A∪B|) reaches the threshold; the shared bigrams are what a person reads to see why. Requests are
grouped transitively (A~B and B~C puts A, B, C together), each compared only with those sharing a bigram.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

__all__ = ["Group", "bigrams", "group", "similarity"]

# punctuation, spaces and the words every request uses carry no information about what is asked for
_NOISE = re.compile(r"[\s\W_]+")
_STOP_GRAMS = frozenset(
    {"申请", "公开", "政府", "信息", "府信", "息公", "关于", "相关", "文件", "请求", "提供", "有关"}
)


def bigrams(text: str) -> frozenset[str]:
    """The distinct character bigrams of `text` after dropping punctuation and spaces (a single character
    counts as itself); the boilerplate bigrams of requests (申请、公开、信息 …) are left out."""
    parts = [p for p in _NOISE.split(text.lower()) if p]
    grams = {p[i : i + 2] for p in parts for i in range(len(p) - 1)}
    grams |= {p for p in parts if len(p) == 1}
    return frozenset(grams - _STOP_GRAMS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two bigram sets, 0.0 … 1.0."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Group:
    """Requests found to ask for the same information, with the lowest pairwise score that joined them and
    the bigrams all of them share (the explanation)."""

    keys: tuple[Hashable, ...]
    score: float
    shared: tuple[str, ...]


def group(texts: Sequence[tuple[Hashable, str]], *, threshold: float, minimum: int = 2) -> list[Group]:
    """Group `(key, text)` pairs whose wording overlaps at least `threshold`; groups of fewer than
    `minimum` are dropped. Largest groups first, then by first key."""
    grams = [bigrams(text) for _key, text in texts]
    parent = list(range(len(texts)))
    weakest: dict[int, float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # the same wording sent many times (a campaign of identical letters) is compared once: a copy joins the
    # first request worded so (score 1.0), and only the first is compared with the others — n² otherwise
    first_worded: dict[frozenset[str], int] = {}
    for i, g in enumerate(grams):
        if g:
            parent[i] = first_worded.setdefault(g, i)
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        if parent[i] != i:
            continue
        candidates: set[int] = set()
        for gram in g:
            candidates.update(index[gram])
            index[gram].append(i)
        for j in candidates:
            score = similarity(g, grams[j])
            if score >= threshold:
                ri, rj = root(i), root(j)
                if ri != rj:
                    weakest[rj] = min(score, weakest.get(ri, 1.0), weakest.get(rj, 1.0))
                    parent[ri] = rj
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        members[root(i)].append(i)
    groups = []
    for r, idx in members.items():
        if len(idx) < max(minimum, 1):
            continue
        shared = frozenset.intersection(*(grams[i] for i in idx))
        groups.append(Group(tuple(texts[i][0] for i in idx), round(weakest.get(r, 1.0), 2), tuple(sorted(shared))))
    return sorted(groups, key=lambda g: (-len(g.keys), str(g.keys[0])))

