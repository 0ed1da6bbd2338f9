"""The supervisors' view opens on the latest year whose report is due — last year's, published by 31 January
or 31 March (条例 第四十九条、第五十条) — not on the latest year someone happened to record."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from gongkai.orgs.models import Organisation


def test_the_supervisors_view_opens_on_last_year(demo, client_for) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    client = client_for("county_supervisor")
    for now, due in ((datetime(2025, 3, 10, 10), 2024), (datetime(2026, 1, 5, 10), 2025)):
        with time_machine.travel(now.replace(tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
            page = client.get(f"/annual/supervise/{county.pk}/").content.decode()
        assert f"下级机关 {due} 年度政府信息公开工作年度报告" in page, now
        assert f'<option value="{due}" selected>' in page
    chosen = client.get(f"/annual/supervise/{county.pk}/?year=2023").content.decode()
    assert '<option value="2023" selected>' in chosen
