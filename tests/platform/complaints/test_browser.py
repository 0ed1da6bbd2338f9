"""投诉举报 in a real browser (issue 18): a member of the public complains from the home page; the county's
政务公开办 asks the agency; the agency explains; the office decides and replies; the complainant reads the
reply by tracking code; the agency's annual report draft counts the complaint."""

from __future__ import annotations

import pytest

from gongkai.orgs.models import Organisation
from tests.platform.test_browser_roles import chromium, log_in, open_page  # noqa: F401  # fixture

pytestmark = pytest.mark.browser


def test_a_complaint_from_the_home_page_to_the_tracked_reply_and_the_draft(chromium, live_server):  # noqa: F811
    from playwright.sync_api import expect

    dazhai = Organisation.objects.get(name="大寨乡").pk
    with chromium() as browser:
        page = open_page(browser)
        page.goto(f"{live_server.url}/")
        page.locator(".hero .services").get_by_role("link", name="投诉举报").click()
        page.get_by_label("被投诉的机关").select_option(label="大寨乡")
        page.get_by_label("投诉事项").select_option(label="逾期答复")
        page.get_by_label("投诉举报的事项和理由").fill("11月3日申请公开大寨村低保名单，至今未答复。")
        page.get_by_role("button", name="提交投诉举报").click()
        expect(page.locator("#error-summary")).to_contain_text("投诉人姓名或名称")  # each missing field named
        page.get_by_label("投诉人姓名或名称").fill("张三")
        page.get_by_label("联系电话").fill("13800000000")
        page.get_by_role("button", name="提交投诉举报").click()
        expect(page.get_by_text("您对大寨乡的投诉举报已由某县人民政府收到。")).to_be_visible()
        code = page.locator("#tracking-code").inner_text()

        office = open_page(browser)
        log_in(office, live_server, "county_handler")
        office.get_by_role("navigation").get_by_role("link", name="投诉举报").click()
        office.get_by_role("link", name=code).click()
        expect(office.locator("#complainant")).to_contain_text("张三")
        office.get_by_label("要求被投诉机关说明的事项").fill("请说明该申请的办理情况和逾期原因。")
        office.get_by_role("button", name="发送").click()
        expect(office.get_by_text("已要求被投诉机关说明情况。")).to_be_visible()

        agency = open_page(browser)
        log_in(agency, live_server, "dazhai_handler")
        agency.get_by_role("link", name=code).click()  # from the dashboard's 待办事项
        expect(agency.locator("#complainant")).to_contain_text("未提供投诉人信息")
        agency.get_by_label("情况说明").fill("经办人休假导致逾期，已于12月4日答复申请人。")
        agency.get_by_role("button", name="提交说明").click()
        expect(agency.get_by_text("情况说明已提交监督机关。")).to_be_visible()

        office.reload()
        expect(office.locator("#explanation")).to_contain_text("经办人休假导致逾期")
        office.get_by_label("处理结论").select_option(label="成立")
        office.get_by_label("答复意见").fill("大寨乡逾期答复属实，已责令其改正并加强申请办理时限管理。")
        office.get_by_label("责令被投诉机关改正").check()
        office.get_by_role("button", name="答复").click()
        expect(office.get_by_text("处理结论已作出")).to_be_visible()

        page.goto(f"{live_server.url}/complaints/track/")
        page.get_by_label("查询码").fill(code)
        page.get_by_role("button", name="查询").click()
        expect(page.locator("#complaint-reply")).to_contain_text("处理结论：成立，已责令被投诉机关改正")
        expect(page.locator("#complaint-reply")).to_contain_text("已责令其改正并加强申请办理时限管理")

        agency.goto(f"{live_server.url}/annual/org/{dazhai}/2026/")
        expect(agency.locator("body")).to_contain_text("投诉举报1件")
