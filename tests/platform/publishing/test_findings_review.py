"""No screening finding passes unseen: every stage of 三审 is shown the open findings in their context, a
warning blocks publication like an error until it is fixed or confirmed with a reason, and the suggested
mask of personal data is one click (条例 第十五条: personal information is not disclosed; “上网信息不泄密，
涉密信息不上网”)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.audit.models import AuditEntry
from gongkai.publishing import screen, services
from gongkai.publishing.constants import ItemEvent, ItemState
from gongkai.publishing.models import Item
from gongkai.web.demo import DemoContext

from .helpers import draft, user

pytestmark = pytest.mark.usefixtures("county")

MOBILE = "13812345678"
ID_NUMBER = "11010119900307002X"  # valid check digit: an error-level (blocking) finding
BODY = f"经村民代表会议评议，现将低保新增对象予以公示。联系电话{MOBILE}，公示期7天。"


@pytest.fixture
def logged_in() -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client()
        client.force_login(user(username))
        return client

    return make


def submitted(body: str = BODY) -> Item:
    return services.submit(draft(body=body), actor=user("dazhai_handler"))


def test_an_item_with_an_unconfirmed_warning_cannot_be_published(county: DemoContext) -> None:
    item = submitted()
    warning = item.findings.get(rule="personal.mobile")
    assert not warning.blocking  # a warning, not an error: once it slipped through
    item = services.approve(item, actor=user("dazhai_reviewer1"), comment="同意")
    item = services.approve(item, actor=user("dazhai_reviewer2"), comment="同意")
    with pytest.raises(ValidationError, match=r"正文第\d+字“13812345678”"):
        services.approve(item, actor=user("dazhai_reviewer3"), comment="同意")
    item.refresh_from_db()
    assert item.state == ItemState.FINAL_REVIEW and not item.index_number
    assert not item.reviews.filter(stage="final").exists()

    services.resolve_finding(warning, actor=user("dazhai_reviewer3"), reason="乡政府值班电话，依职责公开")
    assert services.approve(item, actor=user("dazhai_reviewer3"), comment="同意").state == ItemState.PUBLISHED


def test_first_and_second_review_see_each_open_finding_in_its_context(
    county: DemoContext, logged_in: Callable[[str], Client]
) -> None:
    item = submitted(f"申请人王某，身份证号{ID_NUMBER}，经审核符合条件。")
    finding = item.findings.get(rule="personal.id_number")
    for reviewer, stage in (("dazhai_reviewer1", "初审"), ("dazhai_reviewer2", "复审")):
        page = logged_in(reviewer).get(f"/publishing/items/{item.pk}/").content.decode()
        assert f"<h2 id=\"review-h\">{stage}</h2>" in page
        assert f"正文第{finding.start + 1}字" in page
        assert f"身份证号<mark>{ID_NUMBER}</mark>，经审核符合条件。" in page
        assert "遮盖为 11*************02X" in page
        assert f'name="seen" value="{finding.pk}"' in page
        shown = list(item.findings.values_list("pk", flat=True))
        item = services.approve(item, actor=user(reviewer), seen=shown)
    approvals = AuditEntry.objects.filter(object_id=str(item.pk), event=ItemEvent.APPROVED).order_by("seq")
    open_count = item.findings.count()
    assert [entry.after["open_findings"] for entry in approvals] == [open_count, open_count]  # on record


def test_a_decision_taken_without_seeing_a_finding_is_refused(county: DemoContext) -> None:
    item = submitted()
    with pytest.raises(ValidationError, match="请查看最新的筛查问题"):
        services.approve(item, actor=user("dazhai_reviewer1"), seen=[])
    assert Item.objects.get(pk=item.pk).state == ItemState.FIRST_REVIEW


def test_one_click_applies_the_suggested_mask_and_records_it(
    county: DemoContext, logged_in: Callable[[str], Client]
) -> None:
    item = submitted(f"申请人身份证号{ID_NUMBER}，联系电话{MOBILE}。")
    reviewer = logged_in("dazhai_reviewer1")
    for rule in ("personal.id_number", "personal.mobile"):
        finding = Item.objects.get(pk=item.pk).findings.get(rule=rule)
        response = reviewer.post(f"/publishing/findings/{finding.pk}/mask/")
        assert response.status_code == 302
    item.refresh_from_db()
    assert item.body == "申请人身份证号11*************02X，联系电话138****5678。"
    assert not item.findings.filter(category="personal").exclude(rule="personal.name").exists()
    masked = AuditEntry.objects.filter(object_id=str(item.pk), event=ItemEvent.FINDING_MASKED).order_by("seq")
    assert [entry.after["masked"] for entry in masked] == ["11*************02X", "138****5678"]
    assert all(ID_NUMBER not in str(entry.after) and MOBILE not in str(entry.after) for entry in masked)


def test_a_writer_cannot_mask_an_item_under_review_and_a_secrecy_mark_has_no_mask(county: DemoContext) -> None:
    item = submitted(f"密级：秘密。联系电话{MOBILE}。")
    mobile = item.findings.get(rule="personal.mobile")
    with pytest.raises(Exception, match="审核人遮盖"):
        services.apply_mask(mobile, actor=user("dazhai_handler"))
    secrecy = item.findings.get(category="secrecy")
    with pytest.raises(ValidationError, match="没有可直接套用的遮盖方式"):
        services.apply_mask(secrecy, actor=user("dazhai_reviewer1"))


def test_the_findings_table_names_the_place_in_chinese(county: DemoContext) -> None:
    item = submitted()
    finding = item.findings.get(rule="personal.mobile")
    assert screen.place_of(finding) == f"正文第{BODY.index(MOBILE) + 1}字"
    assert "body（" not in Client().get("/").content.decode()


def test_a_returned_item_waits_on_its_writer_s_dashboard(
    county: DemoContext, logged_in: Callable[[str], Client]
) -> None:
    item = services.send_back(submitted(), actor=user("dazhai_reviewer1"), comment="请遮盖联系电话后重新提交")
    page = logged_in("dazhai_handler").get(f"/dashboard/{item.org_id}/").content.decode()
    todo = page.split('aria-labelledby="todo-title"', 1)[1].split("</section>", 1)[0]
    assert "退回修改的信息" in todo and item.title in todo and "请遮盖联系电话后重新提交" in todo
    reviewer_page = logged_in("dazhai_reviewer1").get(f"/dashboard/{item.org_id}/").content.decode()
    assert "退回修改的信息" not in reviewer_page  # it is the writer's to do


def test_the_reviewer_s_dashboard_counts_the_open_findings(
    county: DemoContext, logged_in: Callable[[str], Client]
) -> None:
    item = submitted()
    page = logged_in("dazhai_reviewer1").get(f"/dashboard/{item.org_id}/").content.decode()
    open_count = item.findings.filter(resolved_at__isnull=True).count()
    assert open_count and f"{open_count} 个筛查问题待处理" in page
