"""In a real browser: the county's supervisor opens the annual-report view of the agencies below the county
and sees each agency's status (one late, one with a 勾稽 error) and the year-over-year charts as images.
The screenshot is docs/screenshots/annual-supervisors.png (rewritten when missing or with
GONGKAI_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil

import pytest

from gongkai.orgs.models import Organisation
from gongkai.web import demo as demo_module
from tests.platform.conftest import REPO
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser
SCREENSHOT = REPO / "docs" / "screenshots" / "annual-supervisors.png"


def test_the_supervisor_sees_every_subordinate_report_and_the_charts(live_server, audit_flushable, tmp_path):
    sync_playwright, expect = playwright_tools()
    demo_module.load_all()
    county = Organisation.objects.get(name="某县人民政府")
    shot = tmp_path / "annual-supervisors.png"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900}).new_page()
            page.goto(f"{live_server.url}/accounts/login/?next=/annual/supervise/{county.pk}/%3Fyear%3D2023")
            page.get_by_label("用户名").fill("county_supervisor")
            page.get_by_label("密码").fill(demo_module.DEMO_PASSWORD)
            page.get_by_role("button", name="登录").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("下级机关 2023 年度")
            table = page.locator("#agency-status")
            def row(name: str):
                return table.locator("tbody tr").filter(has=page.get_by_role("link", name=name, exact=True))

            expect(row("大寨乡")).to_contain_text("已公开")
            expect(row("河口镇")).to_contain_text("逾期未公开")
            expect(page.locator("body")).to_contain_text("第一项加第二项之和")  # 城关街道's 勾稽 error
            images = page.locator(".charts img")
            expect(images).to_have_count(3)
            # each chart is drawn by the server when asked for: wait until all three have arrived
            page.wait_for_function("() => [...document.querySelectorAll('.charts img')].every(img => img.complete)")
            for index in range(3):
                loaded = images.nth(index).evaluate("img => img.naturalWidth > 0")
                assert loaded, f"chart {index} did not load"
            page.screenshot(path=str(shot), full_page=True)
            # the supervisor reads a township's report and cannot change it
            table.get_by_role("link", name="大寨乡", exact=True).click()
            expect(page.locator("body")).to_contain_text("只读：以上级监督身份查看")
            expect(page.get_by_role("button", name="提交审核")).to_have_count(0)
        finally:
            browser.close()

    assert shot.stat().st_size > 10_000
    if not SCREENSHOT.exists() or os.environ.get("GONGKAI_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
