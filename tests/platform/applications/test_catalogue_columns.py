"""The public 政府信息公开目录 lists each item's 内容概述 and 生成日期 (条例 第十二条: 目录 includes 索引、名称、
内容概述、生成日期)."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from gongkai.publishing.models import Item
from gongkai.web.demo import DemoContext


def test_the_catalogue_list_shows_summary_and_date_made(demo: DemoContext) -> None:
    item = Item.objects.public().order_by("-published_at").first()
    Item.objects.filter(pk=item.pk).update(summary="2025年耕地地力保护补贴的发放对象、标准和程序")
    item.refresh_from_db()
    page = Client().get("/publishing/catalogue/", {"org": item.org_id}).content.decode()
    entry = page.split(item.index_number, 1)[0].rsplit("<li>", 1)[1]
    assert f"内容概述：{item.summary}" in entry
    assert f"生成日期 {item.made_on:%Y-%m-%d}" in entry
    assert f"发布日期 {timezone.localdate(item.published_at):%Y-%m-%d}" in entry  # the day in Beijing, not in UTC
