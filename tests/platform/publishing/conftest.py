"""Fixtures of the publishing tests: the demo county's organisations and staff without the demo's items."""

from __future__ import annotations

import pytest

from gongkai.orgs.demo import load_county
from gongkai.publishing import vocabularies
from gongkai.web.demo import DemoContext


@pytest.fixture
def county(db: None) -> DemoContext:
    """Only the organisations and people of the demo county (no publishing demo data)."""
    ctx = DemoContext()
    load_county(ctx)
    vocabularies.ensure_defaults()
    return ctx
