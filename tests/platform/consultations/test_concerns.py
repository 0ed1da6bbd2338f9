"""回应关切: a response to public concern, with its source and date, published on the portal; personal data
or a secrecy marking in it refuses publication."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.consultations import services

pytestmark = pytest.mark.django_db


def _response(dazhai, users, body: str):  # type: ignore[no-untyped-def]
    return services.create_concern(dazhai, actor=users("dazhai_handler"), title="关于大寨村道路硬化工程进度的回应",
                                   concern="村民询问道路何时完工", source="县长信箱留言", raised_on=date(2026, 11, 20),
                                   body=body)


def test_a_published_response_is_listed_on_the_portal_with_its_source(dazhai, users) -> None:
    response = _response(dazhai, users, "预计本月底前完成路面浇筑并通车。")
    assert "道路硬化" not in Client().get(reverse("consultations:public_concerns")).content.decode()
    with pytest.raises(PermissionDenied):
        services.publish_concern(response, actor=users("dazhai_handler"))
    services.publish_concern(response, actor=users("dazhai_head"))
    listed = Client().get(reverse("portal:home")).content.decode()
    assert reverse("consultations:public_concerns") in listed
    page = Client().get(reverse("consultations:public_concern", args=[response.pk])).content.decode()
    assert "县长信箱留言（2026年11月20日）" in page and "预计本月底前完成路面浇筑并通车。" in page


def test_personal_data_refuses_publication(dazhai, users) -> None:
    response = _response(dazhai, users, "经核实，反映人张三（身份证110101199001011237）所述属实。")
    with pytest.raises(ValidationError) as caught:
        services.publish_concern(response, actor=users("dazhai_head"))
    assert "个人信息或涉密标识" in caught.value.message_dict["body"][0]
    with pytest.raises(ValidationError) as caught:
        _response(dazhai, users, "")
    assert "body" in caught.value.message_dict


def test_the_api_lists_published_responses_and_consultations_to_anyone(dazhai, users) -> None:
    from rest_framework.test import APIClient

    services.publish_concern(_response(dazhai, users, "预计本月底前通车。"), actor=users("dazhai_head"))
    _response(dazhai, users, "草稿，未发布。")
    rows = APIClient().get("/api/concerns/").json()
    rows = rows.get("results", rows)
    assert [r["body"] for r in rows] == ["预计本月底前通车。"]
    assert APIClient().get("/api/consultations/").status_code == 200
