"""Fixtures of the appeals tests: the demo county's organisations and people only (fast)."""

from __future__ import annotations

import pytest

from gongkai.web import demo as demo_module


@pytest.fixture
def county(db: None) -> demo_module.DemoContext:
    """The demo county's agencies and staff, without the other apps' demo records."""
    ctx = demo_module.DemoContext()
    demo_module._loaders["orgs"].load(ctx)
    return ctx
