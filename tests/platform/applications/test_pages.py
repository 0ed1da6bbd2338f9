"""Pages, the public portal and the API under the same permissions: 404 outside one's organisations,
403 for a supervisor's change, the applicant's view through the tracking code only."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from gongkai.applications import clock, services
from gongkai.applications.models import Request
from gongkai.law.report_format import CellRef
from tests.platform.applications.conftest import PERSON
from tests.platform.conftest import on_postgres

pytestmark = pytest.mark.django_db


def test_a_handler_sees_only_their_agencys_requests(register, county, users, client_for, api_for) -> None:
    mine = register(date(2024, 5, 6))
    other = services.register(county.org("石桥镇"), PERSON, actor=users("shiqiao_handler"), channel="in_person",
                              handed_in=date(2024, 5, 6))
    client = client_for("dazhai_handler")
    listing = client.get(reverse("applications:list")).content.decode()
    assert mine.number in listing and other.number not in listing
    assert client.get(reverse("applications:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("applications:file", args=[other.pk, other.attachments.first().pk])).status_code == 404
    api = api_for("dazhai_handler")
    assert [r["id"] for r in api.get("/api/requests/").json()["results"]] == [mine.pk]
    assert api.get(f"/api/requests/{other.pk}/").status_code == 404
    assert api.get(f"/api/requests-table3/?org={county.org('石桥镇').pk}&year=2024").status_code == 404


def test_the_supervisor_reads_everything_and_changes_nothing(register, client_for, api_for, dazhai) -> None:
    req = register(date(2024, 5, 6))
    client = client_for("county_supervisor")
    page = client.get(reverse("applications:detail", args=[req.pk]))
    assert page.status_code == 200 and "只读" in page.content.decode() and 'id="actions"' not in page.content.decode()
    assert client.post(reverse("applications:action", args=[req.pk, "assign"]), {}).status_code == 403
    api = api_for("county_supervisor")
    assert api.get(f"/api/requests/{req.pk}/").json()["deadlines"]["reply_due"] == "2024-05-31"
    created = api.post("/api/requests/", {**PERSON, "org": dazhai.pk, "channel": "in_person",
                                          "handed_in": "2024-05-07"}, format="json")
    assert created.status_code == 403


def test_staff_register_and_act_through_the_pages(client_for, dazhai, users) -> None:
    client = client_for("dazhai_handler")
    bad = client.post(reverse("applications:new"), {**PERSON, "org": dazhai.pk, "channel": "post",
                                                    "handed_in": "2024-05-06", "phone": "x"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "请录入签收日期" in text and "请填写有效的联系电话" in text
    ok = client.post(reverse("applications:new"), {**PERSON, "org": dazhai.pk, "channel": "post",
                                                   "signed_for": "2024-05-06"})
    req = Request.objects.get()
    assert ok.status_code == 302 and req.received == date(2024, 5, 6)
    extend = client.post(reverse("applications:action", args=[req.pk, "extend"]),
                         {"days": 10, "reason": "x", "on": "2024-05-20"})
    assert extend.status_code == 403  # only the office head approves an extension
    head = client_for("dazhai_head").post(reverse("applications:action", args=[req.pk, "extend"]),
                                          {"days": 25, "reason": "需调取档案", "on": "2024-05-20"})
    assert head.status_code == 400 and "最长不得超过20个工作日" in head.content.decode()
    client.post(reverse("applications:action", args=[req.pk, "draft"]),
                {"outcome": "granted", "facts": "现提供该文件。", "submit": "1"})
    req.refresh_from_db()
    assert req.state == "in_review"
    client_for("dazhai_reviewer3").post(reverse("applications:action", args=[req.pk, "review"]),
                                        {"decision": "approve", "comment": ""})
    req.refresh_from_db()
    assert req.outcome == "granted" and req.closed is not None


def test_table3_page_and_api_give_the_stats(register, users, client_for, api_for, dazhai) -> None:
    register(date(2024, 5, 6))
    page = client_for("dazhai_handler").get(reverse("applications:table3"), {"org": dazhai.pk, "year": 2024})
    assert "结转下年度继续办理" in page.content.decode()
    cells = api_for("dazhai_handler").get(f"/api/requests-table3/?org={dazhai.pk}&year=2024").json()["cells"]
    assert cells["new.natural_person"] == cells["carried_out.total"] == 1
    csv = client_for("county_supervisor").get(reverse("applications:table3"),
                                              {"org": dazhai.pk, "year": 2024, "format": "csv"})
    assert "一、本年新收政府信息公开申请数量,1,0,0,0,0,0,1" in csv.content.decode("utf-8-sig")
    assert CellRef  # the API keys are row.column of gongkai.law.report_format


def test_the_portal_form_refuses_bad_input_field_by_field_and_keeps_a_good_one(client, dazhai, known_calendar) -> None:
    bad = client.post(reverse("applications:apply"), {"org": dazhai.pk, "applicant_type": "natural_person"})
    text = bad.content.decode()
    assert bad.status_code == 200 and text.count("此项必填。") >= 4 and not Request.objects.exists()
    good = client.post(reverse("applications:apply"), {**PERSON, "org": dazhai.pk})
    assert good.status_code == 302
    req = Request.objects.get()
    done = client.get(good.url).content.decode()
    assert req.tracking_code in done and req.number in done


def test_the_applicant_follows_the_request_by_its_tracking_code(client, register, users) -> None:
    req = register(date(2024, 5, 6))
    assert client.post(reverse("applications:track"), {"code": "NOPE"}).status_code == 200
    found = client.post(reverse("applications:track"), {"code": req.tracking_code.lower()})
    assert found.status_code == 302
    page = client.get(found.url).content.decode()
    assert "自收到申请之日起20个工作日内（2024年5月31日前）" in page and req.number in page  # the engine's date
    receipt = req.attachments.get(letter_kind="receipt")
    assert client.get(reverse("applications:tracked_letter", args=[req.tracking_code, receipt.pk])).status_code == 200
    scan = services.add_attachment(req, services.Upload("身份证.jpg", b"jpg"), actor=users("dazhai_handler"))
    assert client.get(reverse("applications:tracked_letter", args=[req.tracking_code, scan.pk])).status_code == 404
    assert client.get(reverse("applications:detail", args=[req.pk])).status_code == 302  # staff pages: log in


def test_the_dashboard_shows_late_and_due_soon_per_handler(register, users, client_for, known_calendar) -> None:
    from django.utils import timezone

    late = register(timezone.localdate().replace(day=1) - __import__("datetime").timedelta(days=60))
    services.assign(late, users("dazhai_handler"), actor=users("dazhai_handler"))
    page = client_for("dazhai_handler").get(reverse("dashboard:home"), follow=True).content.decode()
    assert late.number in page and "已逾期" in page
    assert clock.status_for(late).status.label == "已逾期"


@pytest.mark.skipif(not on_postgres(), reason="concurrent transactions need PostgreSQL (SQLite locks the file)")
@pytest.mark.django_db(transaction=True)
def test_100_concurrent_submissions_get_100_distinct_numbers(dazhai, audit_flushable) -> None:
    """40 at a time: each thread holds a connection, and the server's max_connections (100 by default) is shared
    with whatever else uses it."""
    errors: list[BaseException] = []
    at_once = threading.Semaphore(40)

    def submit() -> None:
        with at_once:
            try:
                services.submit_online(dazhai, PERSON)
            except BaseException as exc:  # collected and reported by the assertion below
                errors.append(exc)
            finally:
                connection.close()

    threads = [threading.Thread(target=submit) for _ in range(100)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = list(Request.objects.filter(org=dazhai).values_list("serial", flat=True))
    assert sorted(serials) == list(range(1, 101))
