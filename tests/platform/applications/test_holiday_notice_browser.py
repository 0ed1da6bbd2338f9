"""In a real browser: the platform administrator pastes the 2027 holiday notice, is refused while only 元旦 is
there (the missing days named), previews the whole notice as a month calendar and saves it as 全年已录入.
Screenshot: docs/screenshots/holiday-notice.png (rewritten when missing or with GONGKAI_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil

import pytest

from gongkai.applications.models import HolidayYear
from tests.platform.applications.test_browser import SHOTS, login
from tests.platform.applications.test_holiday_notice import NOTICE_2027, ONLY_NEW_YEAR
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser


def test_enter_the_2027_notice(live_server, audit_flushable, county, tmp_path) -> None:
    sync_playwright, expect = playwright_tools()
    shot = tmp_path / "holiday-notice.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            login(page, live_server.url, "county_admin")
            page.goto(f"{live_server.url}/requests/holidays/2027/")
            page.get_by_label("通知文号").fill("国办发明电〔2026〕N号")
            page.get_by_label("放假和调休上班安排").fill(ONLY_NEW_YEAR)
            page.get_by_label("全年已录入", exact=False).check()
            page.get_by_role("button", name="保存").click()
            expect(page.locator("p.error").first).to_contain_text("缺少春节的法定节假日：2月5日（周五）")
            page.get_by_label("放假和调休上班安排").fill(NOTICE_2027)
            page.get_by_role("button", name="预览").click()
            expect(page.get_by_test_id("checked")).to_contain_text("核对通过")
            expect(page.locator("td.work[title^='1月31日']")).to_have_text("31")
            page.screenshot(path=str(shot), full_page=True)
            page.get_by_role("button", name="保存").click()
            expect(page.get_by_role("heading", name="节假日安排")).to_be_visible()
            expect(page.locator("main")).to_contain_text("国办发明电〔2026〕N号")
        finally:
            browser.close()
    assert HolidayYear.objects.get(year=2027).notice == "国办发明电〔2026〕N号"
    target = SHOTS / "holiday-notice.png"
    if not target.exists() or os.environ.get("GONGKAI_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)
