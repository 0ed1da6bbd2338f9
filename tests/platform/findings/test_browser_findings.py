"""In a real browser: the county's supervisor dismisses (已排除) a finding of a subordinate's report with a reason on
the supervisors' view; the finding shows its state, who decided and why; the open count drops (issue 19)."""

from __future__ import annotations

import pytest

from gongkai.findings.models import FindingDecision
from gongkai.orgs.models import Organisation
from gongkai.web import demo as demo_module
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser


def test_the_supervisor_dismisses_a_finding_with_a_reason(live_server, audit_flushable, publish):
    sync_playwright, expect = playwright_tools()
    publish("某县教育局", "edu_admin", applications__new__natural_person=5)  # 表三 总计 = Σ applicants breaks
    county = Organisation.objects.get(name="某县人民政府")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1360, "height": 900}).new_page()
            page.goto(f"{live_server.url}/accounts/login/?next=/annual/supervise/{county.pk}/%3Fyear%3D2024")
            page.get_by_label("用户名").fill("county_supervisor")
            page.get_by_label("密码").fill(demo_module.DEMO_PASSWORD)
            page.get_by_role("button", name="登录").click()
            open_column = """() => [...document.querySelectorAll('#agency-status tbody tr')]
                .map(tr => parseInt(tr.querySelectorAll('td')[5].textContent) || 0).reduce((a, b) => a + b, 0)"""
            expect(page.get_by_role("heading", level=1)).to_contain_text("下级机关 2024 年度")
            open_before = page.evaluate(open_column)
            assert open_before >= 1
            finding = page.locator("#findings-title ~ ul.findings li").filter(has_text="待确认").first
            message = finding.inner_text().split("\n")[0][:20]
            finding.get_by_placeholder("理由（排除时必填）").fill("该项已在说明中解释")
            finding.get_by_role("button", name="排除").click()
            expect(page.locator("body")).to_contain_text("已标记为已排除")
            decided = page.locator("ul.findings li").filter(has_text="该项已在说明中解释")
            expect(decided).to_have_count(1)
            expect(decided).to_contain_text("已排除")
            expect(decided).to_contain_text(message)
            assert page.evaluate(open_column) == open_before - 1  # the agency's 待确认 count went down by one
        finally:
            browser.close()

    decision = FindingDecision.objects.get(state="dismissed")
    assert decision.reason == "该项已在说明中解释" and decision.decided_by.username == "county_supervisor"
