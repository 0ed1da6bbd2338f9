"""督促整改 (条例 第四十七条): the supervising office sends an agency a notice naming what its checks found,
with a due date; the agency answers; a report republished meanwhile is re-checked and the result recorded on
the notice; the office closes or reopens it. Every step in the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.annual import services as annual
from gongkai.annual.constants import Decision
from gongkai.audit.models import AuditEntry
from gongkai.orgs.models import Organisation
from gongkai.oversight import services
from gongkai.oversight.constants import ItemKind, NoticeStatus, OversightEvent
from tests.platform.annual.conftest import dazhai_sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(county) -> Organisation:
    return Organisation.objects.get(name="某县人民政府")


def _publish(dazhai, users, year: int):  # type: ignore[no-untyped-def]
    report = annual.start_report(dazhai, year, actor=users("dazhai_handler"))
    annual.save_sections(report, actor=users("dazhai_handler"), data=dazhai_sections())
    annual.submit(report, actor=users("dazhai_handler"))
    for stage, name in zip(("first", "second", "final"), ("dazhai_reviewer1", "dazhai_reviewer2",
                                                            "dazhai_reviewer3"), strict=True):
        annual.review(report, actor=users(name), stage=stage, decision=Decision.APPROVED)
    return annual.publish(report, actor=users("dazhai_handler"))


def test_a_late_report_is_suggested_and_the_notice_runs_to_its_closing(
        dazhai, office, users, django_capture_on_commit_callbacks) -> None:
    found = services.suggestions(dazhai, 2025, date(2026, 12, 5))
    assert (ItemKind.REPORT_LATE, "2025年度报告逾期未公开（期限2026-01-31）。") in found
    with pytest.raises(PermissionDenied):  # a township cannot send its county a notice
        services.issue(office, actor=users("dazhai_head"), office=dazhai, items=found, due_on=date(2026, 12, 31))
    with pytest.raises(ValidationError) as caught:
        services.issue(dazhai, actor=users("county_supervisor"), office=office, items=found, due_on=date(2026, 12, 5))
    assert "整改期限须晚于今天" in caught.value.message_dict["due_on"][0]
    notice = services.issue(dazhai, actor=users("county_supervisor"), office=office, items=found,
                            due_on=services.default_due(date(2026, 12, 5)), year=2025)
    assert notice.due_on == date(2027, 1, 4)  # 20 working days, 2027 on the 放假办法's rule (暂定)
    with pytest.raises(ValidationError):  # nothing answered yet
        services.close(notice, actor=users("county_supervisor"))
    with pytest.raises(PermissionDenied):
        services.answer(notice, actor=users("shiqiao_handler"), text="已整改")
    with django_capture_on_commit_callbacks(execute=True):
        _publish(dazhai, users, 2025)
    notice.refresh_from_db()
    assert notice.recheck.startswith("第1版自动复查：错误0个") and notice.recheck_errors == 0
    notice = services.answer(notice, actor=users("dazhai_handler"), text="已公开2025年度报告。")
    notice = services.reopen(notice, actor=users("county_supervisor"), note="请说明逾期原因。")
    assert notice.status == NoticeStatus.SENT
    notice = services.answer(notice, actor=users("dazhai_handler"), text="已公开，逾期系人员调整。")
    notice = services.close(notice, actor=users("county_supervisor"))
    assert notice.status == NoticeStatus.CLOSED and notice.closed_on == date(2026, 12, 5)
    events = list(AuditEntry.objects.filter(object_type="oversight.notice", object_id=str(notice.pk))
                  .order_by("seq").values_list("event", flat=True))
    assert events == [OversightEvent.ISSUED, OversightEvent.RECHECKED, OversightEvent.ANSWERED,
                      OversightEvent.REOPENED, OversightEvent.ANSWERED, OversightEvent.CLOSED]


def test_only_the_agency_and_the_offices_above_see_a_notice(dazhai, office, users, client_for) -> None:
    notice = services.issue(dazhai, actor=users("county_supervisor"), office=office,
                            items=[(ItemKind.OTHER, "政府信息公开指南未更新。")], due_on=date(2026, 12, 31))
    url = reverse("oversight:detail", args=[notice.pk])
    assert client_for("shiqiao_handler").get(url).status_code == 404
    page = client_for("dazhai_handler").get(reverse("dashboard:home"), follow=True).content.decode()
    assert "上级机关的整改通知" in page
    assert "政府信息公开指南未更新" in client_for("dazhai_handler").get(url).content.decode()
    seen = client_for("county_supervisor").get(url)
    assert seen.status_code == 200, seen.content.decode()[-800:]


def test_the_issue_form_names_an_empty_notice_in_chinese(dazhai, office, client_for) -> None:
    url = reverse("oversight:issue", args=[office.pk, dazhai.pk])
    page = client_for("county_supervisor").post(url, {"due_on": "2026-12-31", "other": ""})
    assert page.status_code == 200 and "请至少列出一项需要整改的问题" in page.content.decode()
    assert client_for("dazhai_head").get(reverse("oversight:issue", args=[office.pk, dazhai.pk])).status_code == 404


def test_the_demo_county_carries_an_open_notice_and_a_draft_bulletin(demo) -> None:
    from gongkai.oversight.models import Bulletin, Notice

    notice = Notice.objects.get()
    assert notice.org.name == "河口镇" and notice.status == NoticeStatus.SENT and notice.items.count() == 1
    assert "年度政府信息公开工作情况的通报" in Bulletin.objects.get().title
