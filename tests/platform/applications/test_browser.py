"""In a real browser: a member of the public applies on the portal without an account, the handler
confirms receipt and drafts the reply, the final reviewer signs it off, and the applicant sees the reply
with the tracking code. Screenshots: docs/screenshots/request-*.png (rewritten when missing or with
GONGKAI_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from gongkai.web import demo as demo_module
from tests.platform.conftest import REPO
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser

SHOTS = REPO / "docs" / "screenshots"


def login(page, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(demo_module.DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_apply_reply_and_track(live_server, audit_flushable, known_calendar, county, tmp_path) -> None:
    sync_playwright, expect = playwright_tools()
    url = live_server.url
    shots = {name: tmp_path / f"request-{name}.png" for name in ("apply", "detail", "tracked")}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            public = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            public.goto(f"{url}/requests/apply/")
            public.get_by_label("向哪个机关申请").select_option(label="大寨乡")
            public.get_by_label("姓名或名称").fill("张三")
            public.get_by_label("证件号码").fill("11010119900101123")  # one digit short
            public.get_by_label("联系电话").fill("13800000000")
            public.get_by_label("所需信息的内容描述").fill("本乡2025年度惠民惠农财政补贴资金发放明细")
            public.get_by_role("button", name="提交申请").click()
            expect(public.locator(".has-error").filter(has_text="证件号码")).to_contain_text("居民身份证号码应为18位")
            expect(public.locator(".has-error").filter(has_text="通信地址")).to_contain_text("选择邮寄的")
            public.get_by_label("获取方式").select_option(label="网上查看")
            expect(public.get_by_label("姓名或名称")).to_have_value("张三")  # nothing typed is lost
            public.screenshot(path=str(shots["apply"]), full_page=True)
            public.get_by_label("证件号码").fill("110101199001011237")
            public.get_by_role("button", name="提交申请").click()
            expect(public.get_by_role("heading", name="申请已提交")).to_be_visible()
            code = public.locator("#tracking-code").inner_text().strip()
            number = re.search(r"大寨乡依申请〔\d{4}〕\d+号", public.locator("main").inner_text()).group(0)

            staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            login(staff, url, "dazhai_handler")
            staff.goto(f"{url}/requests/")
            staff.get_by_role("link", name=number).click()
            staff.locator("#action-confirm summary").click()
            staff.locator("#action-confirm").get_by_role("button", name="提交").click()
            expect(staff.locator(".messages")).to_contain_text("已确认收到申请")
            staff.locator("#action-draft summary").click()
            staff.locator("#action-draft").get_by_label("办理结果").select_option(label="予以公开")
            staff.locator("#action-draft").get_by_label("答复内容").fill("现向您提供2025年度补贴资金发放明细，请在线下载。")
            staff.get_by_role("button", name="保存并提交审核").click()
            expect(staff.locator(".messages")).to_contain_text("答复草稿已提交审核")
            staff.screenshot(path=str(shots["detail"]), full_page=True)

            reviewer = browser.new_context(locale="zh-CN").new_page()
            login(reviewer, url, "dazhai_reviewer3")
            reviewer.goto(f"{url}/requests/")
            reviewer.get_by_role("link", name=number).click()
            reviewer.get_by_label("同意，签发").check()
            reviewer.locator("#action-review").get_by_role("button", name="提交").click()
            expect(reviewer.locator(".messages")).to_contain_text("已签发答复")

            public.goto(f"{url}/requests/track/")
            public.get_by_label("查询码").fill(code.lower())
            public.get_by_role("button", name="查询").click()
            expect(public.locator("#outcome")).to_contain_text("予以公开")
            expect(public.locator("#outcome")).to_contain_text("第三十六条第（二）项")
            with public.expect_download() as download:
                public.get_by_role("link", name="政府信息公开申请答复书").click()
            assert download.value.suggested_filename.endswith("政府信息公开申请答复书.docx")
            public.screenshot(path=str(shots["tracked"]), full_page=True)
        finally:
            browser.close()

    for name, shot in shots.items():
        assert shot.stat().st_size > 10_000
        target = SHOTS / f"request-{name}.png"
        if not target.exists() or os.environ.get("GONGKAI_UPDATE_SCREENSHOTS") == "1":
            SHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, target)
