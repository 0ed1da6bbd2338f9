"""The 督促整改 API keeps the pages' rules: another agency sees nothing; the agency answers, the office closes."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.orgs.models import Organisation
from gongkai.oversight import services
from gongkai.oversight.constants import ItemKind

pytestmark = pytest.mark.django_db


def test_the_api_scopes_notices_and_runs_the_steps(dazhai, users, api_for) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    notice = services.issue(dazhai, actor=users("county_supervisor"), office=county,
                            items=[(ItemKind.OTHER, "指南未更新。")], due_on=date(2026, 12, 31))
    url = f"/api/rectification-notices/{notice.pk}/"
    assert api_for("shiqiao_handler").get(url).status_code == 404
    assert api_for("dazhai_handler").get(url).json()["items"] == [{"kind": "other", "text": "指南未更新。"}]
    assert api_for("dazhai_handler").post(url + "close/", {}, format="json").status_code == 403
    empty = api_for("dazhai_handler").post(url + "answer/", {"text": ""}, format="json")
    assert empty.status_code == 400 and "请填写整改情况" in empty.json()["answer"][0]
    assert api_for("dazhai_handler").post(url + "answer/", {"text": "已更新。"}, format="json").json()["status"] \
        == "answered"
    assert api_for("county_supervisor").post(url + "close/", {}, format="json").json()["status"] == "closed"
