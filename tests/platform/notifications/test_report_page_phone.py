"""The published annual report page reads on a phone (issue 15: "At 390 px the report page overflows"): its
tables scroll inside their own box, so the page itself is never wider than the 390 px screen."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from gongkai.annual import demo as annual_demo
from gongkai.orgs.demo import load_county
from gongkai.orgs.models import Organisation
from gongkai.web.demo import DemoContext
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_the_published_report_fits_a_390_px_screen(live_server: Any, audit_flushable: None) -> None:
    sync_playwright, _ = playwright_tools()
    ctx = DemoContext()
    load_county(ctx)
    annual_demo._publish_dazhai(ctx)
    url = live_server.url + reverse("annual:public_report", args=[Organisation.objects.get(name="大寨乡").pk,
                                                                   annual_demo.YEAR])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport=PHONE).new_page()
            page.goto(url, wait_until="load")
            page.wait_for_selector("table")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"the report page is {width}px wide on a 390px screen"
            # a table wider than the screen scrolls in its own box, and its header cells keep whole words
            boxes = page.evaluate("""[...document.querySelectorAll('table')].map(t => {
                const box = t.parentElement; const th = [...t.querySelectorAll('thead th')];
                return {scrolls: box.scrollWidth <= box.clientWidth || getComputedStyle(box).overflowX === 'auto',
                        narrowest: Math.min(...th.map(c => c.getBoundingClientRect().width))};
            })""")
            assert boxes and all(b["scrolls"] for b in boxes)
            assert min(b["narrowest"] for b in boxes) >= 40  # no column squeezed to one character a line
            title = page.locator("h1").bounding_box()
            assert title is not None and title["width"] > 200
        finally:
            browser.close()
