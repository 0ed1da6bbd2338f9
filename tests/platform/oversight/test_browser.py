"""督促整改 in a real browser (issue 18): a bulk check finds an error in 大寨乡's report; the county's supervisor
sends a 整改通知 from that finding; the township sees it on its dashboard and answers; the supervisor closes
it. Screenshots of the notice form and the closed notice (copied to docs/screenshots/)."""

from __future__ import annotations

import pytest

from gongkai.annual import bulkcheck
from gongkai.law.report_format import CellRef
from gongkai.orgs.models import Organisation, User
from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from tests.platform.test_browser_roles import chromium, log_in, open_page, shoot  # noqa: F401  # fixture

pytestmark = pytest.mark.browser


def test_a_bulk_check_finding_becomes_a_notice_answered_and_closed(chromium, live_server, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    county = Organisation.objects.get(name="某县人民政府")
    bad = AnnualReport.zeros("大寨乡", 2025)
    bad.cells[CellRef("applications", "new", "total")] = 3  # table 三 no longer balances (勾稽关系)
    check = bulkcheck.run_check(county, [("大寨乡2025.txt", render(bad, "text").encode())],
                                actor=User.objects.get(username="county_supervisor"), source="大寨乡2025.txt")
    with chromium() as browser:
        office = open_page(browser)
        log_in(office, live_server, "county_supervisor")
        office.goto(f"{live_server.url}/annual/checks/{check.pk}/")
        office.get_by_role("link", name="发出整改通知").click()
        expect(office.get_by_role("heading", name="向大寨乡发出整改通知")).to_be_visible()
        expect(office.locator("form.form")).to_contain_text("T3.balance")
        office.get_by_label("整改要求").fill("请核对表三各项数据，更正后重新公开年度报告。")
        shoot(office, tmp_path, "oversight-notice-form.png")
        office.get_by_role("button", name="发出整改通知").click()
        expect(office.get_by_text("整改通知已发出。")).to_be_visible()
        expect(office.locator("#notice-items")).to_contain_text("T3.balance")

        agency = open_page(browser)
        log_in(agency, live_server, "dazhai_handler")
        agency.get_by_role("link", name="整改通知").first.click()  # from the dashboard's 待办事项
        agency.get_by_label("整改情况").fill("已核对表三，更正了新收申请数并重新公开2025年度报告。")
        agency.get_by_role("button", name="报送").click()
        expect(agency.get_by_text("整改情况已报送。")).to_be_visible()

        office.reload()
        expect(office.locator("#notice-answer")).to_contain_text("更正了新收申请数")
        office.get_by_role("button", name="销号").click()
        expect(office.locator("#notice-status")).to_have_text("已销号")
        shoot(office, tmp_path, "oversight-notice-closed.png")
