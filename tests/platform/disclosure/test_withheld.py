"""The register of withheld information (条例 第十八条): every 不予公开 / 部分公开 reply enters it with its
ground; a yearly review date, a reminder, a review decision recorded and audited, a draft item if released."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.disclosure import withheld
from gongkai.disclosure.constants import DisclosureEvent
from gongkai.disclosure.models import WithheldEntry
from gongkai.publishing.models import Category

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def frozen_today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


def test_a_refusal_enters_the_register_with_its_ground_and_a_review_a_year_later(reply) -> None:
    req = reply(date(2025, 11, 3), "withheld_process_info", date(2025, 11, 17))
    entry = req.withheld_entry
    assert entry.ground == ("不予公开：过程性信息（《中华人民共和国政府信息公开条例》"
                            "第十六条第二款、第三十六条第（三）项）")
    assert entry.reasons == "属于过程性信息，依照条例第十六条第二款不予公开。"
    assert (entry.decided_on, entry.next_review, entry.state) == (date(2025, 11, 17), date(2026, 11, 17), "withheld")
    assert AuditEntry.objects.filter(event=DisclosureEvent.WITHHELD_ENTERED, object_id=str(entry.pk)).exists()


def test_partial_disclosure_enters_it_and_a_grant_does_not(reply) -> None:  # 条例 第三十七条
    partial = reply(date(2026, 10, 12), "partial", date(2026, 10, 26), reasons="第三方商业秘密部分不予公开。")
    granted = reply(date(2026, 10, 12), "granted", date(2026, 10, 26), reasons="")
    assert WithheldEntry.objects.filter(request=partial).exists()
    assert not WithheldEntry.objects.filter(request=granted).exists()


def test_the_review_period_is_a_setting(reply, settings) -> None:
    settings.GONGKAI_WITHHELD_REVIEW_MONTHS = 6
    req = reply(date(2026, 8, 3), "withheld_third_party", date(2026, 8, 31), reasons="第三方不同意公开。")
    assert req.withheld_entry.next_review == date(2027, 2, 28)  # 31 August + 6 months: end of February


def test_a_due_review_is_on_the_dashboard_until_decided_and_kept_for_another_year(
    reply, dazhai, users, client_for
) -> None:
    entry = reply(date(2025, 11, 3), "withheld_process_info", date(2025, 11, 17)).withheld_entry
    dashboard = reverse("dashboard:org", args=[dazhai.pk])
    assert "到期评估审查的不予公开信息" in client_for("dazhai_head").get(dashboard).content.decode()
    with pytest.raises(PermissionDenied):  # a handler does not decide the review
        withheld.review(entry, actor=users("dazhai_handler"), decision="keep", reason="仍属过程性信息")
    page = client_for("dazhai_head").post(reverse("disclosure:withheld_entry", args=[entry.pk]),
                                          {"decision": "keep", "reason": ""})
    assert page.status_code == 200 and "理由" in page.content.decode()
    page = client_for("dazhai_head").post(reverse("disclosure:withheld_entry", args=[entry.pk]),
                                          {"decision": "keep", "reason": "相关决策尚未作出，仍属过程性信息。"})
    assert page.status_code == 302
    entry.refresh_from_db()
    assert entry.next_review == date(2027, 12, 5) and entry.reviews.get().decision == "keep"
    assert "到期评估审查的不予公开信息" not in client_for("dazhai_head").get(dashboard).content.decode()
    audit = AuditEntry.objects.get(event=DisclosureEvent.WITHHELD_REVIEWED, object_id=str(entry.pk))
    assert audit.after["decision"] == "keep" and audit.message == "相关决策尚未作出，仍属过程性信息。"


def test_released_information_is_drafted_for_publication(reply, users, client_for) -> None:
    entry = reply(date(2025, 11, 3), "withheld_process_info", date(2025, 11, 17)).withheld_entry
    with pytest.raises(ValidationError) as caught:
        withheld.review(entry, actor=users("dazhai_head"), decision="release", reason="方案已经通过")
    assert "主题分类" in caught.value.message_dict["topic"][0]
    withheld.review(entry, actor=users("dazhai_head"), decision="release", reason="分配方案已经村民代表会议通过。",
                    topic=Category.objects.get(scheme="topic", name="综合政务"),
                    genre=Category.objects.get(scheme="genre", name="公告"))
    entry.refresh_from_db()
    assert entry.state == "released" and entry.item.state == "draft"
    assert entry.item.title == "大寨村集体经济收益分配方案"
    from gongkai.publishing import services as publishing

    item = entry.item
    item.body = "大寨村集体经济收益分配方案全文。"
    item.save()
    item = publishing.submit(item, actor=users("dazhai_head"))
    for reviewer in ("dazhai_reviewer1", "dazhai_reviewer2", "dazhai_reviewer3"):
        item = publishing.approve(item, actor=users(reviewer))
    assert Client().get(reverse("publishing:public_item", args=[item.pk])).status_code == 200  # published
    with pytest.raises(ValidationError):  # released: nothing more to review
        withheld.review(entry, actor=users("dazhai_head"), decision="keep", reason="x")
    page = client_for("county_supervisor").get(reverse("disclosure:withheld", args=[entry.org_id]))
    assert page.status_code == 200 and "已转为公开" in page.content.decode()


def test_replies_issued_before_the_register_are_entered_once(dazhai) -> None:
    from tests.platform.applications.factories import make_request

    make_request(dazhai, date(2024, 4, 8), closed=date(2024, 4, 30), outcome_key="withheld_enforcement_file")
    make_request(dazhai, date(2024, 4, 8), closed=date(2024, 4, 30), outcome_key="granted")
    assert withheld.register_existing(dazhai) == 1
    assert withheld.register_existing(dazhai) == 0
