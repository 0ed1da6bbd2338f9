"""Fixtures of the annual-report tests: the demo county's organisations and people only (fast)."""

from __future__ import annotations

import pytest

from gongkai.web import demo as demo_module


@pytest.fixture
def county(db: None) -> demo_module.DemoContext:
    """The demo county's agencies and staff, without the other apps' demo records."""
    ctx = demo_module.DemoContext()
    demo_module._loaders["orgs"].load(ctx)
    return ctx


def dazhai_sections() -> dict[str, str]:
    """Finished text sections (no prompts left), as a drafter would write them."""
    return {
        "overall": "（一）主动公开\n本机关主动公开政府信息。\n（二）依申请公开\n本年度依法办理申请。\n"
        "（三）政府信息管理\n落实保密审查。\n（四）政府信息公开平台建设\n维护信息公开专栏。\n"
        "（五）监督保障\n开展考核、社会评议和责任追究。",
        "problems": "公开内容不够全面。下一步将完善制度。",
        "other": "本年度未收取信息处理费。",
    }
