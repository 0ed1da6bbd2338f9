"""The screener: dictionaries through the automaton, then the rule detectors, then one list of findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from gongkai.screening.dictionaries import Dictionary, Entry, builtin_dictionaries, merge_entries
from gongkai.screening.engine import Automaton, Backend
from gongkai.screening.findings import Finding, ScreeningContext
from gongkai.screening.rules import bankcard, contact, dates, identity, names, secrecy

__all__ = ["Screener", "default_screener", "screen_text"]

# When two findings of one category overlap and one lies inside the other, the first by this order
# (then the longer) is kept: a valid identity number is not also a bank card.
_PRIORITY = {
    "personal.id_number": 0,
    "personal.id_number_unverified": 1,
    "personal.bank_card": 2,
    "secrecy.marking": 0,
    "date.impossible": 0,
    "date.weekday": 1,
}


class Screener:
    """Screens texts with a fixed set of dictionaries; build once (compiling the automaton), reuse.

    ``dictionaries`` defaults to the built-in packs; pass ``[*builtin_dictionaries(), mine]`` to extend
    them or ``[mine]`` to replace them. When several dictionaries list a term, the last one wins.
    """

    def __init__(
        self,
        dictionaries: Iterable[Dictionary] | None = None,
        *,
        institutional_email_domains: Sequence[str] = contact.INSTITUTIONAL_DOMAINS,
        backend: Backend | None = None,
    ) -> None:
        self.dictionaries: tuple[Dictionary, ...] = tuple(
            builtin_dictionaries() if dictionaries is None else dictionaries
        )
        self.institutional_email_domains = tuple(institutional_email_domains)
        self._entries: dict[str, tuple[Dictionary, Entry]] = {
            term: found[-1] for term, found in merge_entries(self.dictionaries).items()
        }
        self._terms = list(self._entries)
        self.automaton = Automaton(self._terms, backend=backend)

    @property
    def backend(self) -> str:
        return self.automaton.backend

    def screen(self, text: str, *, context: ScreeningContext | None = None) -> list[Finding]:
        """All findings in ``text``, sorted by position."""
        personal = (
            identity.find(text)
            + bankcard.find(text)
            + contact.find_mobiles(text)
            + contact.find_emails(text, self.institutional_email_domains)
        )
        findings = [
            *self._dictionary_findings(text),
            *secrecy.find(text),
            *personal,
            *names.find_near(text, personal),
            *dates.find(text, context),
        ]
        return _resolve_overlaps(findings)

    def _dictionary_findings(self, text: str) -> list[Finding]:
        findings = []
        for start, end, index in self.automaton.find_all(text):
            dictionary, entry = self._entries[self._terms[index]]
            kind = entry.kind
            message = f"{kind.label}：“{entry.term}”"
            if entry.replacement:
                message += f"应为“{entry.replacement}”"
            if entry.note:
                message += f"（{entry.note}）"
            findings.append(
                Finding(
                    rule=dictionary.rule,
                    category=kind.category,
                    severity=kind.severity,
                    start=start,
                    end=end,
                    text=entry.term,
                    message=message,
                    suggestion=entry.replacement,
                    source=f"{dictionary.name}（{dictionary.path or dictionary.id}:{entry.line}）",
                )
            )
        return findings


def _resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that lies inside a kept finding of the same category (see ``_PRIORITY``)."""
    kept: list[Finding] = []
    for cluster in _clusters(sorted(findings, key=lambda f: (f.start, f.end))):
        if len(cluster) == 1:
            kept.extend(cluster)
            continue
        chosen: list[Finding] = []
        for finding in sorted(cluster, key=lambda f: (_PRIORITY.get(f.rule, 9), f.start - f.end, f.start, f.rule)):
            if not any(
                other.category is finding.category and other.start <= finding.start and finding.end <= other.end
                for other in chosen
            ):
                chosen.append(finding)
        kept.extend(chosen)
    kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept


def _clusters(findings: list[Finding]) -> Iterable[list[Finding]]:
    """Runs of findings (sorted by start) whose spans overlap one another transitively."""
    cluster: list[Finding] = []
    reach = -1
    for finding in findings:
        if cluster and finding.start >= reach:
            yield cluster
            cluster = []
        cluster.append(finding)
        reach = max(reach, finding.end) if len(cluster) > 1 else finding.end
    if cluster:
        yield cluster


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    """A screener with the built-in packs, built on first use."""
    return Screener()


def screen_text(
    text: str,
    *,
    context: ScreeningContext | None = None,
    dictionaries: Iterable[Dictionary] | None = None,
) -> list[Finding]:
    """Screen one text. Without ``dictionaries`` the built-in packs are used (and compiled once);
    with them a new automaton is built on each call — keep a ``Screener`` to screen many texts."""
    screener = default_screener() if dictionaries is None else Screener(dictionaries)
    return screener.screen(text, context=context)
