"""In a real browser (Playwright driving Debian's chromium): a handler logs in and sees the agency's
dashboard. The screenshot is docs/screenshots/dashboard.png (rewritten when missing or with
GONGKAI_UPDATE_SCREENSHOTS=1; otherwise written to the test's temporary directory)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from gongkai.orgs.models import Organisation
from gongkai.web import demo as demo_module
from tests.platform.conftest import REPO, require

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = REPO / "docs" / "screenshots" / "dashboard.png"


def playwright_tools() -> tuple[Any, Any]:
    """Playwright's `sync_playwright` and `expect`; skips (fails under GONGKAI_REQUIRE_ALL=1) naming
    what is missing when Debian's chromium or the playwright package is not installed."""
    if not CHROMIUM.exists():
        require(f"chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        require("playwright is not installed (pip install -e '.[dev]')")
    return sync_playwright, expect


def test_handler_logs_in_and_sees_the_agency_dashboard(live_server, audit_flushable, tmp_path):
    sync_playwright, expect = playwright_tools()
    # The database is prepared before Playwright starts its event loop in this thread.
    demo_module.load_all()
    dazhai = Organisation.objects.get(name="大寨乡")
    other = Organisation.objects.get(name="石桥镇")
    shot = tmp_path / "dashboard.png"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            page.goto(f"{live_server.url}/")
            page.get_by_role("link", name="工作人员登录").click()
            page.get_by_label("用户名").fill("dazhai_handler")
            page.get_by_label("密码").fill(demo_module.DEMO_PASSWORD)
            page.get_by_role("button", name="登录").click()

            expect(page).to_have_url(re.compile(rf"/dashboard/{dazhai.pk}/$"))
            expect(page.get_by_role("heading", level=1)).to_have_text("大寨乡")
            expect(page.get_by_role("heading", name="待办事项")).to_be_visible()
            expect(page.get_by_role("heading", name="人员与角色")).to_be_visible()
            expect(page.get_by_role("heading", name="最近操作记录")).to_be_visible()
            expect(page.locator(".my-roles")).to_contain_text("经办人")
            expect(page.locator("body")).to_contain_text("王芳")
            page.screenshot(path=str(shot), full_page=True)

            # another township's dashboard does not exist for this handler
            response = page.goto(f"{live_server.url}/dashboard/{other.pk}/")
            assert response is not None and response.status == 404
            expect(page.locator("body")).not_to_contain_text("石桥镇")

            # English is one click away, and stays chosen
            page.goto(f"{live_server.url}/dashboard/")
            page.get_by_role("button", name="English").click()
            # the dashboard gathers panels of apps still Chinese-only: wholly Chinese, said so in English
            expect(page.locator(".language-note")).to_contain_text("available in Chinese only")
            expect(page.get_by_role("heading", name="待办事项")).to_be_visible()
            page.get_by_role("navigation", name="主菜单").get_by_role("link", name="主动公开").click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
            expect(page.locator(".language-note")).to_have_count(0)
        finally:
            browser.close()

    assert shot.stat().st_size > 10_000
    if not SCREENSHOT.exists() or os.environ.get("GONGKAI_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
