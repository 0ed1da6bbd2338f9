"""社会评议 (条例 第五十条): the public rates an agency from its page; results per agency and year for those
who may see the agency; nobody's identity is asked for."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.complaints import ratings
from gongkai.complaints.models import Rating

pytestmark = pytest.mark.django_db


def test_a_rating_from_the_agency_page_counts_in_its_year(dazhai, client_for) -> None:
    page = Client().get(reverse("portal:agency", args=[dazhai.pk])).content.decode()
    assert f"{reverse('complaints:rate')}?org={dazhai.pk}" in page
    refused = Client().post(reverse("complaints:rate"), {"org": dazhai.pk, "score": "9"})
    assert "请从列表中选择一项" in refused.content.decode() and not Rating.objects.exists()
    Client().post(reverse("complaints:rate"), {"org": dazhai.pk, "score": "4", "comment": "目录更新及时。"})
    ratings.rate(dazhai, score=3, comment="")
    assert ratings.results_for_orgs([dazhai.pk], 2026)[dazhai.pk] == {"count": 2, "average": 3.5}
    assert ratings.results_for_orgs([dazhai.pk], 2025)[dazhai.pk] == {"count": 0, "average": None}
    shown = client_for("county_supervisor").get(reverse("complaints:ratings") + "?year=2026").content.decode()
    assert "目录更新及时。" in shown and "3.5" in shown
    assert "目录更新及时。" not in client_for("shiqiao_handler").get(reverse("complaints:ratings")).content.decode()


def test_the_annual_report_s_supervision_text_states_the_ratings(dazhai) -> None:
    from gongkai.annual.drafting import draft

    assert "2026年，本机关通过政府信息公开平台开展社会评议，未收到评议。" in draft(dazhai, 2026).sections["overall"]
    ratings.rate(dazhai, score=5, comment="")
    assert "收到评议1条，平均5.0分（满分5分）。" in draft(dazhai, 2026).sections["overall"]


def test_the_supervisors_view_shows_each_agency_s_complaints_notices_and_ratings(dazhai, client_for) -> None:
    from gongkai.complaints import services
    from gongkai.orgs.models import Organisation
    from tests.platform.complaints.test_complaints import DATA

    services.submit_online(dazhai, DATA)
    ratings.rate(dazhai, score=4, comment="")
    county = Organisation.objects.get(name="某县人民政府")
    page = client_for("county_supervisor").get(reverse("annual:supervise", args=[county.pk]) + "?year=2026")
    text = page.content.decode()
    row = text[text.index('id="supervision-counts"'):]
    row = row[row.index("大寨乡"):row.index("</tr>", row.index("大寨乡"))]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:-1]] == ["1", "0", "0", "1", "4.0"]
