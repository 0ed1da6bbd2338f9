"""API of the disclosure registers: scoped like the pages (条例 第十八条、第四十四条)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.disclosure import withheld

pytestmark = pytest.mark.django_db


def test_the_withheld_register_and_the_proposals_are_scoped_to_the_callers_agencies(
    dazhai, register, reply, api_for
) -> None:
    reply(date(2026, 4, 8), "withheld_third_party", date(2026, 4, 30), description="某养殖场的环评材料",
          reasons="第三方不同意公开。")
    assert withheld.register_existing(dazhai) == 0  # entered when the reply was issued
    for text in ("大寨乡2026年耕地地力保护补贴发放名单", "2026年耕地地力保护补贴发放名单（大寨乡）"):
        register(date(2026, 11, 2), text)
    rows = api_for("dazhai_handler").get("/api/disclosure/withheld/").json()
    rows = rows.get("results", rows)
    assert [r["information"] for r in rows] == ["某养殖场的环评材料"]
    assert "第十五条" in rows[0]["ground"] and rows[0]["next_review"] == "2027-04-30"
    other = api_for("shiqiao_admin").get("/api/disclosure/withheld/").json()
    assert other.get("results", other) == []
    proposals = api_for("dazhai_handler").get(f"/api/disclosure/conversions/proposals/?org={dazhai.pk}").json()
    assert len(proposals) == 1 and len(proposals[0]["requests"]) == 2
    assert api_for("shiqiao_admin").get(f"/api/disclosure/conversions/proposals/?org={dazhai.pk}").status_code == 404
