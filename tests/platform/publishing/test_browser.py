"""In a real browser: a handler writes an item, three different reviewers pass 初审, 复审 and 终审, and the
item appears in the public catalogue and in its full-text search. Screenshots:
docs/screenshots/publishing-search.png and docs/screenshots/publishing-item.png (rewritten when missing or
with GONGKAI_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from gongkai.orgs.models import Organisation
from gongkai.publishing.models import Item
from gongkai.web import demo as demo_module
from tests.platform.conftest import REPO
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser

SHOTS = REPO / "docs" / "screenshots"
TITLE = "大寨乡2024年村级公益事业一事一议财政奖补项目公示"


def _keep(shot: Path, name: str) -> None:
    assert shot.stat().st_size > 10_000
    target = SHOTS / name
    if not target.exists() or os.environ.get("GONGKAI_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


def test_item_passes_three_reviews_and_appears_in_catalogue_and_search(live_server, audit_flushable, tmp_path):
    sync_playwright, expect = playwright_tools()
    demo_module.load_all()
    code = Organisation.objects.get(name="大寨乡").credit_code

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def login(username: str) -> Any:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            page.goto(f"{live_server.url}/accounts/login/?next=/publishing/items/")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill(demo_module.DEMO_PASSWORD)
            page.get_by_role("button", name="登录").click()
            return page

        try:
            writer = login("dazhai_handler")
            writer.goto(f"{live_server.url}/publishing/items/new/")
            writer.get_by_label("机关").select_option(label="大寨乡")
            writer.get_by_label("标题").fill(TITLE)
            writer.get_by_label("成文日期").fill("2024-06-03")
            writer.get_by_label("主题分类").select_option(label="农业、林业、水利")
            writer.get_by_label("体裁分类").select_option(label="公告")
            writer.get_by_label("正文", exact=True).fill(
                "经村民代表会议讨论通过，现将我乡2024年一事一议财政奖补项目予以公示，公示期为7天。")
            writer.get_by_role("button", name="保存").click()
            writer.get_by_role("button", name="提交审核").click()
            expect(writer.locator(".messages")).to_contain_text("已提交审核")
            item_url = writer.url  # /publishing/items/<pk>/

            for username, stage in (("dazhai_reviewer1", "初审"), ("dazhai_reviewer2", "复审"),
                                    ("dazhai_reviewer3", "终审")):
                reviewer = login(username)
                reviewer.goto(item_url)
                expect(reviewer.get_by_role("heading", name=stage)).to_be_visible()
                reviewer.get_by_label("审核意见").fill("同意公开")
                reviewer.get_by_role("button", name="通过").click()
                expect(reviewer.locator(".messages")).to_contain_text("审核通过")
                if username == "dazhai_reviewer1":  # the same person cannot take the next stage
                    expect(reviewer.locator("body")).to_contain_text("复审须由本机关的复审人进行")
            expect(reviewer.locator(".page-head .tag")).to_have_text("已发布")
            expect(reviewer.locator("dl.facts")).to_contain_text(f"{code}/2024-")

            public = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            public.goto(f"{live_server.url}/publishing/catalogue/")
            expect(public.get_by_role("link", name=TITLE)).to_be_visible()
            public.get_by_label("全文检索").fill("奖补")
            public.get_by_role("button", name="查询").click()
            expect(public.get_by_role("link", name=TITLE)).to_be_visible()
            expect(public.locator(".results")).not_to_contain_text("耕地地力")
            public.screenshot(path=str(tmp_path / "search.png"), full_page=True)
            public.get_by_role("link", name=TITLE).click()
            expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
            expect(public.locator("dl.facts")).to_contain_text(f"{code}/2024-")
            public.screenshot(path=str(tmp_path / "item.png"), full_page=True)
        finally:
            browser.close()

    item = Item.objects.get(title=TITLE)
    assert item.state == "published" and item.index_number.startswith(f"{code}/2024-")
    assert [r.reviewer.username for r in item.reviews.all()] == ["dazhai_reviewer1", "dazhai_reviewer2",
                                                                 "dazhai_reviewer3"]
    _keep(tmp_path / "search.png", "publishing-search.png")
    _keep(tmp_path / "item.png", "publishing-item.png")
