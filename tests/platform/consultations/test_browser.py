"""意见征集 in a real browser: a member of the public finds an open draft from the home page and comments
(a personal number in the text is refused first); the office head answers a comment on a closed draft and
publishes the 采纳情况, which the public page then shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.consultations import services
from gongkai.orgs.models import Organisation, User
from tests.platform.test_browser_roles import chromium, log_in, open_page  # noqa: F401  # fixture

pytestmark = pytest.mark.browser


def _closed_with_a_comment() -> int:
    """A draft whose period ended yesterday, with one comment received during it."""
    from gongkai.consultations.demo import _past

    dazhai, today = Organisation.objects.get(name="大寨乡"), timezone.localdate()
    consultation = services.create_consultation(
        dazhai, actor=User.objects.get(username="dazhai_handler"), title="大寨乡集贸市场管理办法（征求意见稿）",
        body="第一条 市场开放时间。", opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1))
    _past(consultation)
    consultation.comments.exclude(pk=consultation.comments.order_by("pk").first().pk).delete()
    return consultation.pk


def test_the_public_comments_and_the_office_publishes_what_was_adopted(chromium, live_server):  # noqa: F811
    from playwright.sync_api import expect

    closed = _closed_with_a_comment()
    with chromium() as browser:
        page = open_page(browser)
        page.goto(f"{live_server.url}/")
        page.locator(".hero .services").get_by_role("link", name="意见征集").click()
        page.get_by_role("link", name="大寨乡村庄规划（2026—2035年）（征求意见稿）").click()
        page.get_by_label("意见内容").fill("请联系我13812345678，建议增设公共停车场。")
        page.get_by_role("button", name="提交意见").click()
        expect(page.locator(".form")).to_contain_text("意见内容中含有个人信息（手机号码）")
        page.get_by_label("意见内容").fill("建议在大寨村增设一处公共停车场，方便赶集车辆停放。")
        page.get_by_label("联系方式（选填，不公开）").fill("13812345678")
        page.get_by_role("button", name="提交意见").click()
        expect(page.get_by_text("您的意见已提交，感谢参与。")).to_be_visible()

        staff = open_page(browser)
        log_in(staff, live_server, "dazhai_head")
        staff.get_by_role("navigation").get_by_role("link", name="意见征集").click()
        staff.get_by_role("link", name="大寨乡集贸市场管理办法（征求意见稿）").click()
        comment = staff.locator("article.comment").first
        comment.get_by_label("采纳情况").select_option(label="部分采纳")
        comment.get_by_label("答复").fill("增加早市时段；延长至晚十点不予采纳。")
        comment.get_by_role("button", name="保存答复").click()
        expect(staff.get_by_text("答复已保存。")).to_be_visible()
        staff.get_by_label("意见采纳情况说明").fill("已据部分采纳的意见增加早市时段。")
        staff.get_by_role("button", name="公布采纳情况").click()
        expect(staff.get_by_text("意见采纳情况已公布。")).to_be_visible()

        page.goto(f"{live_server.url}/consultations/public/{closed}/")
        expect(page.locator("#result")).to_contain_text("共收到意见 1 条，采纳 0 条，部分采纳 1 条，未采纳 0 条。")
        expect(page.locator("#result")).to_contain_text("已据部分采纳的意见增加早市时段。")
