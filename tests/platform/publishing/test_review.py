"""Three-stage review before publication: “先审查、后公开” (条例 第十七条 and practice, see spec/publishing.md)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.orgs.constants import Role
from gongkai.orgs.models import Organisation
from gongkai.orgs.services import set_roles
from gongkai.publishing import services
from gongkai.publishing.constants import ItemEvent, ItemState
from gongkai.publishing.models import Item
from gongkai.web.demo import DemoContext

from .helpers import draft, through_review, user

pytestmark = pytest.mark.usefixtures("county")


def test_three_different_reviewers_publish_an_item_with_an_index_number(county: DemoContext) -> None:
    item = through_review(draft())
    assert item.state == ItemState.PUBLISHED and item.published_at is not None
    code = Organisation.objects.get(name="大寨乡").credit_code
    assert item.index_number == f"{code}/2024-00001"
    assert list(item.reviews.values_list("stage", "reviewer__username")) == [
        ("first", "dazhai_reviewer1"), ("second", "dazhai_reviewer2"), ("final", "dazhai_reviewer3")]
    events = list(AuditEntry.objects.filter(object_id=str(item.pk), object_type="publishing.item")
                  .order_by("seq").values_list("event", flat=True))
    assert events == [ItemEvent.CREATED, ItemEvent.SCREENED, ItemEvent.SUBMITTED, ItemEvent.APPROVED,
                      ItemEvent.APPROVED, ItemEvent.APPROVED, ItemEvent.PUBLISHED]


def test_the_same_person_cannot_pass_two_stages(county: DemoContext) -> None:
    """“三审” is three people: one person holding two reviewer roles still passes only one stage."""
    dazhai = Organisation.objects.get(name="大寨乡")
    set_roles(dazhai, user("dazhai_reviewer1"), [Role.REVIEWER_FIRST, Role.REVIEWER_SECOND], actor=None)
    item = services.submit(draft(), actor=user("dazhai_handler"))
    item = services.approve(item, actor=user("dazhai_reviewer1"))
    assert item.state == ItemState.SECOND_REVIEW
    with pytest.raises(PermissionDenied, match="三审须由不同的人"):
        services.approve(item, actor=user("dazhai_reviewer1"))
    assert Item.objects.get(pk=item.pk).state == ItemState.SECOND_REVIEW
    assert services.can_review(user("dazhai_reviewer2"), item) == (True, "")


def test_the_rule_holds_across_rounds_after_a_send_back(county: DemoContext) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    set_roles(dazhai, user("dazhai_reviewer2"), [Role.REVIEWER_SECOND, Role.REVIEWER_FINAL], actor=None)
    item = services.submit(draft(), actor=user("dazhai_handler"))
    item = services.approve(item, actor=user("dazhai_reviewer1"))
    item = services.approve(item, actor=user("dazhai_reviewer2"))
    item = services.send_back(item, actor=user("dazhai_reviewer3"), comment="补充公示期起止日期")
    assert item.state == ItemState.RETURNED
    item = services.submit(item, actor=user("dazhai_handler"))
    item = services.approve(item, actor=user("dazhai_reviewer1"))
    item = services.approve(item, actor=user("dazhai_reviewer2"))  # the same stage again: allowed
    with pytest.raises(PermissionDenied):
        services.approve(item, actor=user("dazhai_reviewer2"))  # but not 终审 as well


def test_each_stage_needs_its_role_and_the_writer_reviews_nothing(county: DemoContext) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    item = services.submit(draft(), actor=user("dazhai_handler"))
    with pytest.raises(PermissionDenied, match="初审须由本机关的初审人"):
        services.approve(item, actor=user("dazhai_reviewer2"))
    set_roles(dazhai, user("dazhai_handler"), [Role.HANDLER, Role.REVIEWER_FIRST], actor=None)
    with pytest.raises(PermissionDenied, match="撰稿人"):
        services.approve(item, actor=user("dazhai_handler"))
    with pytest.raises(PermissionDenied):  # another township's reviewer does not even see it
        services.approve(item, actor=user("shiqiao_admin"))


def test_sending_back_needs_a_comment(county: DemoContext) -> None:
    item = services.submit(draft(), actor=user("dazhai_handler"))
    with pytest.raises(ValidationError) as err:
        services.send_back(item, actor=user("dazhai_reviewer1"), comment="  ")
    assert "审核意见" in str(err.value)


PLANTED_ID = "11010519491231002X"  # the check-digit example of GB 11643


def test_a_flagged_item_cannot_be_published_until_a_reviewer_resolves_it(county: DemoContext) -> None:
    """“上网信息不泄密，涉密信息不上网”: a secrecy marking blocks 终审 until resolved with a reason."""
    item = draft(body="机密★1年\n关于大寨乡防汛物资储备情况的报告。联系人身份证号" + PLANTED_ID + "。")
    item = services.submit(item, actor=user("dazhai_handler"))
    blocking = list(item.findings.filter(blocking=True))
    assert {f.rule for f in blocking} >= {"secrecy.marking", "personal.id_number"}
    item = services.approve(item, actor=user("dazhai_reviewer1"))
    item = services.approve(item, actor=user("dazhai_reviewer2"))
    with pytest.raises(ValidationError, match="不能发布"):
        services.approve(item, actor=user("dazhai_reviewer3"))
    assert Item.objects.get(pk=item.pk).state == ItemState.FINAL_REVIEW
    assert not Item.objects.public().filter(pk=item.pk).exists()
    with pytest.raises(ValidationError):
        services.resolve_finding(blocking[0], actor=user("dazhai_reviewer3"), reason="")
    with pytest.raises(PermissionDenied):
        services.resolve_finding(blocking[0], actor=user("dazhai_handler"), reason="我觉得没问题")
    for finding in blocking:
        services.resolve_finding(finding, actor=user("dazhai_reviewer3"), reason="经保密审查，已解密，可以公开")
    item = services.approve(item, actor=user("dazhai_reviewer3"))
    assert item.state == ItemState.PUBLISHED
    resolved = AuditEntry.objects.filter(event=ItemEvent.FINDING_RESOLVED, object_id=str(item.pk))
    assert resolved.count() == len(blocking)


def test_a_clean_item_has_no_findings(county: DemoContext) -> None:
    item = services.submit(draft(), actor=user("dazhai_handler"))
    assert list(item.findings.all()) == []


def test_withdraw_and_correct_keep_the_reason(county: DemoContext) -> None:
    item = through_review(draft())
    with pytest.raises(PermissionDenied):
        services.withdraw(item, actor=user("dazhai_handler"), reason="x")
    item = services.correct(item, actor=user("dazhai_reviewer3"), reason="公示期写错", data={
        "body": item.body.replace("公示期7天", "公示期5个工作日")})
    assert item.corrections.get().before["body"].endswith("公示期7天。")
    item = services.withdraw(item, actor=user("dazhai_head"), reason="补贴名单有误，核实后重新发布")
    assert item.state == ItemState.WITHDRAWN and not Item.objects.public().filter(pk=item.pk).exists()
    assert AuditEntry.objects.filter(event=ItemEvent.WITHDRAWN, object_id=str(item.pk)).get().message.startswith("补贴")


def test_rescreen_command_lists_what_needs_fixing(county: DemoContext, capsys) -> None:
    """Periodic re-check of published content (错敏信息检查): exit 1 and the list when something is found."""
    from gongkai.cli import main
    from gongkai.publishing.models import ScreeningDictionary

    through_review(draft())
    assert main(["rescreen"]) == 0
    ScreeningDictionary.objects.create(slug="t", name="试", source="测试", content="地力\t\tsensitive")
    assert main(["rescreen", "--org", "大寨乡"]) == 1
    out = capsys.readouterr().out
    assert "待整改 1 条" in out and "耕地地力保护补贴" in out
    assert main(["rescreen", "--org", "不存在的机关"]) == 2
