"""依申请公开转主动公开 (条例 第四十四条): requests for the same information are proposed on the dashboard,
converted into an item that goes through the 三审 and stays linked to them, and counted in the annual report."""

from __future__ import annotations

import copy
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.annual.drafting import check_draft, default_sections, draft
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import conversions
from gongkai.disclosure.constants import DisclosureEvent
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Category

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SUBSIDY = (
    "大寨乡2026年耕地地力保护补贴发放名单及标准",
    "请公开大寨乡2026年度耕地地力保护补贴的发放名单和补贴标准",
    "2026年耕地地力保护补贴发放名单、标准（大寨乡）",
)


@pytest.fixture(autouse=True)
def frozen_today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def subsidy_requests(register):  # type: ignore[no-untyped-def]
    made = [register(date(2026, 9, 1 + 7 * i), text) for i, text in enumerate(SUBSIDY)]
    register(date(2026, 9, 3), "大寨村道路硬化工程的招标文件")
    return made


def _categories() -> dict[str, Category]:
    return {"topic": Category.objects.get(scheme="topic", name="农业、林业、水利"),
            "genre": Category.objects.get(scheme="genre", name="公告")}


def test_the_dashboard_proposes_requests_for_the_same_information(subsidy_requests, dazhai, client_for) -> None:
    [proposal] = conversions.proposals(dazhai)
    assert [r.pk for r in proposal.requests] == [r.pk for r in subsidy_requests]
    page = client_for("dazhai_handler").get(reverse("dashboard:org", args=[dazhai.pk]))
    assert "建议转为主动公开的信息" in page.content.decode()


def test_converting_drafts_an_item_that_is_published_through_the_three_reviews(
    subsidy_requests, dazhai, users, client_for
) -> None:
    ids = ",".join(str(r.pk) for r in subsidy_requests)
    page = client_for("dazhai_handler").post(reverse("disclosure:conversions", args=[dazhai.pk]), {
        "action": "convert", "requests": ids, "title": "大寨乡2026年耕地地力保护补贴发放名单及标准",
        **{k: v.pk for k, v in _categories().items()}})
    assert page.status_code == 302
    [conversion] = dazhai.conversions.all()
    item = conversion.item
    assert item.state == "draft" and set(conversion.requests.all()) == set(subsidy_requests)
    assert AuditEntry.objects.filter(event=DisclosureEvent.CONVERTED, object_id=str(conversion.pk)).exists()
    assert conversions.proposals(dazhai) == []  # decided: no longer proposed

    assert conversions.converted_counts([dazhai.pk], 2026) == {}  # not published yet: not counted
    item.body = "补贴名单及标准见附件。"
    item.save()
    item = publishing.submit(item, actor=users("dazhai_handler"))
    for reviewer in ("dazhai_reviewer1", "dazhai_reviewer2", "dazhai_reviewer3"):
        item = publishing.approve(item, actor=users(reviewer))
    assert item.state == "published"
    assert conversions.converted_counts([dazhai.pk], 2026) == {dazhai.pk: (1, 3)}
    report = draft(dazhai, 2026)
    assert "将3件申请所涉的1件政府信息依申请公开转为主动公开（条例第四十四条）" in report.sections["overall"]
    without = copy.deepcopy(report)
    without.sections.update(default_sections(without))
    # the sentence adds no finding of the text rules (its figures are not table figures)
    assert {f.rule for f in check_draft(report, None)} == {f.rule for f in check_draft(without, None)}


def test_declining_needs_a_reason_and_a_supervisor_cannot_decide(subsidy_requests, dazhai, users, client_for) -> None:
    ids = [r.pk for r in subsidy_requests]
    with pytest.raises(ValidationError) as caught:
        conversions.decline(dazhai, actor=users("dazhai_handler"), request_ids=ids, reason=" ")
    assert "理由" in caught.value.message_dict["reason"][0]
    page = client_for("dazhai_handler").post(reverse("disclosure:conversions", args=[dazhai.pk]),
                                             {"action": "decline", "requests": ",".join(map(str, ids))})
    assert page.status_code == 200 and "请写明不转为主动公开的理由" in page.content.decode()
    with pytest.raises(PermissionDenied):
        conversions.decline(dazhai, actor=users("county_supervisor"), request_ids=ids, reason="只涉及申请人本人")
    conversions.decline(dazhai, actor=users("dazhai_handler"), request_ids=ids, reason="只涉及申请人本人")
    with pytest.raises(ValidationError):  # a request is decided once
        conversions.decline(dazhai, actor=users("dazhai_handler"), request_ids=ids[:1], reason="再次")


def test_a_request_of_another_agency_cannot_be_converted_here(subsidy_requests, dazhai, users, county) -> None:
    from gongkai.orgs.models import Organisation

    shiqiao = Organisation.objects.get(name="石桥镇")
    with pytest.raises(ValidationError) as caught:
        conversions.convert(shiqiao, actor=users("shiqiao_admin"), request_ids=[subsidy_requests[0].pk],
                            title="补贴名单", **_categories())
    assert "不属于本机关" in caught.value.message_dict["requests"][0]


def test_a_tampered_request_list_is_a_chinese_error_not_a_500(subsidy_requests, dazhai, client_for) -> None:
    page = client_for("dazhai_handler").post(reverse("disclosure:conversions", args=[dazhai.pk]),
                                             {"action": "decline", "requests": "1;DROP", "reason": "x"})
    assert page.status_code == 200 and "所选申请：申请编号格式不正确。" in page.content.decode()
