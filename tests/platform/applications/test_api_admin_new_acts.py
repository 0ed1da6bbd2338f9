"""The API and the admin show what the new acts record: a request's arrival day and late confirmation
(条例 第三十一条), help given (第四十三条), its units (国办函〔2020〕109号 第四条), 说明理由 and a deferral
(第三十五条); record corrections (第四十一条) read through the API scoped like the pages, and read-only in the
admin with the 社会评议, 通报 and 整改事项 of the supervising office's work."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import record_corrections, services

from .test_record_corrections import FORM

pytestmark = pytest.mark.django_db


def test_a_request_in_the_api_carries_its_new_acts(dazhai, users, api_for, known_calendar) -> None:
    handler = users("dazhai_handler")
    request = services.register(
        dazhai, {"applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
                 "id_number": "110101199001011237", "phone": "13800000000", "address": "某县大寨乡",
                 "description": "本乡财政预算、采购合同和招聘名单", "provision_form": "electronic",
                 "delivery_way": "online"},
        actor=handler, channel="ordinary_mail", arrived=date(2026, 11, 23), confirmed=date(2026, 11, 25),
        oral=True, assistance="代为填写申请。")
    services.split_units(request, actor=handler, units=3, reason="三项信息相互独立。")
    seen = api_for("dazhai_handler").get(f"/api/requests/{request.pk}/").json()
    assert seen["arrived"] == "2026-11-23" and seen["received"] == "2026-11-25" and seen["late_confirmation"]
    assert seen["oral"] is True and seen["assistance"] == "代为填写申请。" and seen["assistance_needed"] is False
    assert seen["units"] == 3 and seen["split_reason"] == "三项信息相互独立。"
    assert seen["reasons_requested"] is None and seen["deferral_reason"] == ""


def test_record_corrections_are_read_through_the_api_by_those_who_see_the_agency(dazhai, users, api_for) -> None:
    correction = record_corrections.register(dazhai, {**FORM, "received": date(2025, 3, 3)},
                                             actor=users("dazhai_handler"))
    url = f"/api/record-corrections/{correction.pk}/"
    seen = api_for("dazhai_handler").get(url).json()
    assert seen["record"] == "2024年度耕地地力保护补贴发放名册" and seen["decision"] == "" and "id_number" not in seen
    assert api_for("county_supervisor").get(url).status_code == 200
    assert api_for("shiqiao_handler").get(url).status_code == 404
    assert [row["id"] for row in api_for("dazhai_handler").get("/api/record-corrections/").json()["results"]] == [
        correction.pk]
    assert api_for("dazhai_handler").post("/api/record-corrections/", {}, format="json").status_code == 405


def test_the_admin_lists_them_read_only(dazhai, users, client_for) -> None:
    record_corrections.register(dazhai, {**FORM, "received": date(2025, 3, 3)}, actor=users("dazhai_handler"))
    admin = client_for("sysadmin")
    for url in ("/admin/applications/recordcorrection/", "/admin/complaints/rating/", "/admin/oversight/bulletin/",
                "/admin/oversight/notice/"):
        page = admin.get(url)
        assert page.status_code == 200, url
    assert admin.get("/admin/applications/recordcorrection/add/").status_code == 403
    assert admin.get("/admin/complaints/rating/add/").status_code == 403
