"""The complaints API keeps the pages' rules: another agency sees nothing, the agency sees no identity until
shared, only the office decides; counts per agency and year."""

from __future__ import annotations

import pytest

from gongkai.complaints import services
from tests.platform.complaints.test_complaints import DATA

pytestmark = pytest.mark.django_db


def test_the_api_scopes_and_hides_like_the_pages(dazhai, api_for) -> None:
    complaint = services.submit_online(dazhai, DATA)
    assert api_for("shiqiao_handler").get(f"/api/complaints/{complaint.pk}/").status_code == 404
    seen = api_for("dazhai_handler").get(f"/api/complaints/{complaint.pk}/").json()
    assert seen["name"] is None and seen["phone"] is None and seen["tracking_code"] is None
    assert api_for("county_handler").get(f"/api/complaints/{complaint.pk}/").json()["name"] == "张三"
    refused = api_for("dazhai_handler").post(f"/api/complaints/{complaint.pk}/reply/",
                                            {"finding": "not_upheld", "text": "不成立"}, format="json")
    assert refused.status_code == 403
    asked = api_for("county_handler").post(f"/api/complaints/{complaint.pk}/ask/", {"text": "请说明。"}, format="json")
    assert asked.json()["status"] == "asked"
    explained = api_for("dazhai_handler").post(f"/api/complaints/{complaint.pk}/explain/", {"text": "已答复。"},
                                               format="json")
    assert explained.json()["status"] == "explained"
    bad = api_for("county_handler").post(f"/api/complaints/{complaint.pk}/reply/", {"finding": "x", "text": "结论"},
                                         format="json")
    assert bad.status_code == 400 and "请选择处理结论" in bad.json()["finding"][0]
    counts = api_for("county_supervisor").get("/api/complaints/counts/?year=2026").json()
    assert counts["orgs"][str(dazhai.pk)] == {"total": 1, "upheld": 0}
