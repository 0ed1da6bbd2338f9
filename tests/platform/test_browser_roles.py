"""In a real browser (Playwright driving Debian's chromium), each kind of user walks their main path from
the home page by links only: the public (on a 390 px phone) finds an agency's catalogue, searches it,
reads the annual reports and applies, then tracks the application; a handler finds the item sent back
to them; a reviewer sees the screening findings in context and masks a mobile number in one click; the
supervisor reaches the subordinate agencies' reports for the latest year due.

Screenshots go to docs/screenshots/ (rewritten when missing or with GONGKAI_UPDATE_SCREENSHOTS=1;
otherwise written to the test's temporary directory only)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.orgs.models import User
from gongkai.publishing import services as publishing
from gongkai.web import demo as demo_module
from tests.platform.conftest import REPO
from tests.platform.publishing.helpers import draft
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser
SHOTS = REPO / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def chromium(live_server: Any, audit_flushable: None) -> Callable[[], AbstractContextManager[Any]]:
    """The demo loaded, and a way to start the browser once the test has prepared its records (the
    database is not used from Playwright's event-loop thread)."""
    sync_playwright, _ = playwright_tools()
    demo_module.load_all()

    @contextmanager
    def launch() -> Iterator[Any]:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()

    return launch


def open_page(browser: Any, viewport: dict[str, int] = DESKTOP) -> Any:
    return browser.new_context(locale="zh-CN", viewport=viewport).new_page()


def shoot(page: Any, tmp_path: Path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 5_000
    target = SHOTS / name
    if not target.exists() or os.environ.get("GONGKAI_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


def fits_the_screen(page: Any) -> None:
    """Nothing wider than the viewport: no sideways scrolling of the whole page."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url}: page is {width}px wide on a {viewport}px screen"


def log_in(page: Any, live_server: Any, username: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="工作人员登录").click()
    expect(page).to_have_title(re.compile("政府信息公开工作平台"))  # the site's name, not the host
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(demo_module.DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_the_public_on_a_phone_finds_searches_applies_and_tracks(chromium, live_server, tmp_path):
    from playwright.sync_api import expect

    with chromium() as browser:
        public_path(open_page(browser, PHONE), live_server, tmp_path, expect)


def public_path(page: Any, live_server: Any, tmp_path: Path, expect: Any) -> None:
    page.goto(f"{live_server.url}/")
    fits_the_screen(page)
    shoot(page, tmp_path, "portal-home-390.png")

    # the agency's page lists its services; its catalogue, searched
    page.locator(".agencies").get_by_role("link", name="大寨乡", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("大寨乡")
    page.locator(".services").get_by_role("link", name="政府信息公开目录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("大寨乡政府信息公开目录")
    page.get_by_label("全文检索").fill("低保")
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".results mark").first).to_have_text("低保")
    fits_the_screen(page)
    title = page.locator(".result-title").first.bounding_box()
    assert title is not None and title["width"] > 250  # titles read across, not one character per line
    shoot(page, tmp_path, "portal-search-390.png")

    # the guide, then back home by the breadcrumb and on to the annual reports
    page.locator(".breadcrumbs").get_by_role("link", name="大寨乡").click()
    page.locator(".services").get_by_role("link", name="政府信息公开指南").click()
    expect(page.locator("dl.facts")).to_contain_text("/requests/apply/?org=")
    fits_the_screen(page)
    page.locator(".breadcrumbs").get_by_role("link", name="首页").click()
    page.locator(".hero .services").get_by_role("link", name="政府信息公开工作年度报告").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开工作年度报告")
    fits_the_screen(page)

    # the application form reports every bad field at once, keeping what was typed
    page.get_by_role("link", name="在线申请", exact=True).click()
    page.get_by_label("向哪个机关申请").select_option(label="大寨乡")
    page.get_by_label("申请人类型").select_option(value="natural_person")
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件号码").fill("110101199001011230")
    page.get_by_label("联系电话").fill("电话")
    page.get_by_label("电子邮箱").fill("zhang@")
    page.get_by_label("所需信息的内容描述").fill("本乡2024年度惠民惠农财政补贴资金发放明细")
    page.get_by_label("获取方式").select_option(value="online")
    page.get_by_role("button", name="提交申请").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("有 3 处需要修改")
    expect(summary).to_contain_text("电子邮箱")
    expect(summary).to_contain_text("证件号码")
    expect(summary).to_contain_text("联系电话")
    expect(page.get_by_label("所需信息的内容描述")).to_have_value("本乡2024年度惠民惠农财政补贴资金发放明细")
    fits_the_screen(page)
    shoot(page, tmp_path, "portal-apply-errors-390.png")
    page.get_by_label("证件号码").fill("110101199001011237")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("zhang@example.com")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    code = page.locator(".code").first.inner_text().strip()

    # and follows it by its tracking code
    page.get_by_role("link", name="进度查询", exact=True).click()
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".breadcrumbs")).to_contain_text("申请办理进度查询")
    fits_the_screen(page)


def test_a_handler_finds_the_item_sent_back_and_submits_it_again(chromium, live_server, tmp_path):
    from playwright.sync_api import expect

    item = publishing.submit(draft(title="大寨乡2024年农村危房改造补助对象公示"),
                             actor=User.objects.get(username="dazhai_handler"))
    publishing.send_back(item, actor=User.objects.get(username="dazhai_reviewer1"), comment="请补充公示期限")
    with chromium() as browser:
        page = open_page(browser)
        log_in(page, live_server, "dazhai_handler")
        todo = page.locator(".panel-todo").first
        expect(todo).to_contain_text("退回修改的信息")
        expect(todo).to_contain_text("请补充公示期限")
        shoot(page, tmp_path, "dashboard-returned.png")
        todo.get_by_role("link", name=item.title).first.click()
        page.get_by_role("button", name="提交审核").click()
        expect(page.locator(".messages")).to_contain_text("已提交审核")
        expect(page.locator(".tag").first).to_have_text("待初审")


def test_a_reviewer_sees_the_findings_in_context_and_masks_in_one_click(chromium, live_server, tmp_path):
    from playwright.sync_api import expect

    item = publishing.submit(
        draft(title="大寨乡2024年临时救助对象公示",
              body="经村委会评议、乡政府审核，现将临时救助对象予以公示：王某，身份证号11010119900307002X，"
                   "联系电话13812345678。公示期7天。"),
        actor=User.objects.get(username="dazhai_handler"))
    with chromium() as browser:
        page = open_page(browser)
        log_in(page, live_server, "dazhai_reviewer1")
        page.locator(".panel-todo").get_by_role("link", name=item.title).first.click()
        findings = page.locator("table.findings")
        expect(findings).to_contain_text("正文第")
        expect(findings.locator("mark", has_text="13812345678")).to_be_visible()
        expect(findings).to_contain_text("联系电话13812345678。公示期7天。")  # the words around it
        expect(page.locator("#review-h")).to_have_text("初审")
        shoot(page, tmp_path, "review-findings.png")
        page.get_by_role("button", name="遮盖为 138****5678").click()
        expect(page.locator(".messages")).to_contain_text("已按建议遮盖")
        expect(page.locator("main")).to_contain_text("联系电话138****5678")
        page.get_by_role("button", name="遮盖为 11*************02X").click()
        expect(page.locator("main")).not_to_contain_text("11010119900307002X")
        page.get_by_role("button", name="通过").click()
        expect(page.locator(".messages")).to_contain_text("审核通过")


def test_the_supervisor_reaches_last_year_s_reports_of_the_agencies_below(chromium, live_server, tmp_path):
    from playwright.sync_api import expect

    due = timezone.localdate().year - 1
    with chromium() as browser:
        page = open_page(browser)
        log_in(page, live_server, "county_supervisor")
        page.locator(".main-nav").get_by_role("link", name="年度报告").click()
        page.get_by_role("link", name="下级机关年度报告").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"下级机关 {due} 年度")
        shoot(page, tmp_path, "supervisor-latest-year.png")


def test_the_signing_reviewer_reads_the_reply_letter_before_signing(chromium, live_server, tmp_path):
    from playwright.sync_api import expect

    from gongkai.applications import services as applications
    from gongkai.orgs.models import Organisation

    handler = User.objects.get(username="dazhai_handler")
    req = applications.register(
        Organisation.objects.get(name="大寨乡"),
        {"applicant_type": "commercial", "applicant_name": "某某农业发展有限公司", "id_type": "credit_code",
         "id_number": "91350100M000100Y43", "contact_person": "李四", "phone": "13800000000",
         "description": "本乡2024年度高标准农田建设项目招标文件。", "provision_form": "electronic",
         "delivery_way": "online"},
        actor=handler, channel="in_person", handed_in=timezone.localdate())
    draft_reply = applications.save_draft(req, actor=handler, outcome_key="granted",
                                          facts="现向贵单位提供该招标文件的电子版。")
    applications.submit_draft(draft_reply, actor=handler)
    with chromium() as browser:
        page = open_page(browser)
        log_in(page, live_server, "dazhai_reviewer3")
        page.locator(".main-nav").get_by_role("link", name="依申请公开").click()
        page.get_by_role("link", name=req.number).click()
        letter = page.locator(".letter-page")
        expect(letter).to_contain_text("政府信息公开申请答复书")
        expect(letter).to_contain_text("收到贵单位提交的政府信息公开申请")  # 法人: 贵单位, not 您（单位）
        expect(letter).to_contain_text("所需信息：本乡2024年度高标准农田建设项目招标文件。现答复如下")
        expect(letter).not_to_contain_text("。。")
        shoot(page, tmp_path, "reply-letter-preview.png")
        page.locator("#action-review").get_by_text("同意，签发").click()
        page.locator("#action-review").get_by_role("button", name="提交").click()
        expect(page.locator(".messages")).not_to_have_class(re.compile("error"))
        expect(page.locator("main")).to_contain_text("已签发")
