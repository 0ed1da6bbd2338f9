"""Staff pages of 意见征集 and 回应关切: drafting with the errors named in Chinese, publishing, the panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_drafting_and_publishing_through_the_pages(dazhai, client_for) -> None:
    handler, head = client_for("dazhai_handler"), client_for("dazhai_head")
    new = reverse("consultations:new", args=[dazhai.pk])
    page = handler.post(new, {"title": "大寨乡集贸市场管理办法（征求意见稿）", "body": "第一条",
                              "opens_on": "2026-12-05", "closes_on": "2026-12-14"})
    assert page.status_code == 200 and "少于30日的须说明理由" in page.content.decode()
    page = handler.post(new, {"title": "大寨乡集贸市场管理办法（征求意见稿）", "body": "第一条",
                              "opens_on": "2026-12-05", "closes_on": "2027-01-03"})
    assert page.status_code == 302
    detail = page["Location"]
    assert "发布征求意见稿" not in handler.get(detail).content.decode()  # a handler drafts, does not publish
    assert head.post(detail, {"action": "open"}).status_code == 302
    assert "大寨乡集贸市场管理办法" in handler.get(reverse("consultations:org", args=[dazhai.pk])).content.decode()

    page = handler.post(reverse("consultations:concern_new", args=[dazhai.pk]), {
        "title": "关于集贸市场搬迁的回应", "concern": "群众关心市场是否搬迁", "source": "媒体报道",
        "raised_on": "2026-12-01", "body": "集贸市场不搬迁，只作改造。"})
    assert page.status_code == 302
    assert handler.post(page["Location"]).status_code == 403  # publishing is for the office head
    assert head.post(page["Location"]).status_code == 302
    assert "关于集贸市场搬迁的回应" in client_for("dazhai_handler").get(
        reverse("consultations:public_concerns") + f"?org={dazhai.pk}").content.decode()


def test_the_dashboard_reminds_of_comments_to_answer(dazhai, users, client_for) -> None:
    from datetime import date

    from gongkai.consultations import services

    consultation = services.create_consultation(dazhai, actor=users("dazhai_handler"), title="村庄规划（征求意见稿）",
                                                body="正文", opens_on=date(2026, 12, 1), closes_on=date(2026, 12, 30))
    services.add_comment(services.open_consultation(consultation, actor=users("dazhai_head")), text="同意。")
    page = client_for("dazhai_handler").get(reverse("dashboard:org", args=[dazhai.pk])).content.decode()
    assert "待答复的公众意见和待公布的采纳情况" in page and "村庄规划（征求意见稿）" in page
