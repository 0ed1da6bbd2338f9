"""The review state of a finding shows who decided it, and still shows when no one is recorded (decided_by may be
empty: a decision recorded by the system, or its user's name withheld)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.findings.models import FindingDecision


def test_a_decision_without_a_recorded_person_shows_its_state_and_time() -> None:
    decided_at = timezone.make_aware(dt.datetime(2026, 12, 4, 9, 30))
    decision = FindingDecision(state="confirmed", reason="", decided_by=None, decided_at=decided_at)
    html = render_to_string("findings/decision.html", {
        "f": SimpleNamespace(fingerprint="abc"), "decision": decision, "dorg": SimpleNamespace(pk=7),
        "year": 2025, "may": False,
    })  # fmt: skip
    assert decision.get_state_display() in html
    assert "2026-12-04 09:30" in html
