"""The job page in a browser: its script polls the progress record and moves the bar without a reload, then
shows the link to the results (issue 15 item 6: "a progress bar on the page")."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from gongkai.orgs.constants import OrgKind
from gongkai.orgs.models import Organisation, User
from gongkai.tasks.constants import JobState
from gongkai.tasks.models import Job
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS, playwright_tools

pytestmark = pytest.mark.browser


def _in_a_thread(work: Callable[[], None]) -> None:
    """Database work off Playwright's event-loop thread (Django refuses it there)."""

    def run() -> None:
        try:
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


def test_the_bar_follows_the_job_and_the_result_appears(live_server: Any, audit_flushable: None) -> None:
    sync_playwright, expect = playwright_tools()
    county = Organisation.objects.create(name="某县人民政府", kind=OrgKind.COUNTY_GOV)
    user = User.objects.create_superuser("checker", "checker@example.org", "x" * 12)
    job = Job.objects.create(kind="annual.bulk_check", title="批量检查200个报告文件", org=county, created_by=user)
    job.begin(200)
    job.advance(20)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="zh-CN")
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
            page = context.new_page()
            page.goto(f"{live_server.url}/tasks/{job.pk}/")
            expect(page.locator("#job-state")).to_have_text("进行中")
            expect(page.locator("#job-count")).to_have_text("20 / 200")
            expect(page.get_by_role("link", name="查看结果")).to_be_hidden()
            _in_a_thread(lambda: job.advance(150))
            expect(page.locator("#job-count")).to_have_text("150 / 200")  # no reload: the page's own poll
            assert page.locator("#job-bar").evaluate("bar => bar.value") == 75
            _in_a_thread(lambda: Job.objects.filter(pk=job.pk).update(
                state=JobState.DONE, done=200, result_url=f"/annual/supervise/{county.pk}/check/"))
            expect(page.locator("#job-state")).to_have_text("已完成")
            expect(page.get_by_role("link", name="查看结果")).to_have_attribute(
                "href", f"/annual/supervise/{county.pk}/check/")
        finally:
            browser.close()
