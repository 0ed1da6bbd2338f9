"""Appeals records and table 四 of the annual report (国办公开办函〔2021〕30号 四、行政复议、行政诉讼情况)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from gongkai.appeals import services, stats
from gongkai.appeals.constants import AppealEvent, AppealKind, AppealResult
from gongkai.appeals.models import Appeal
from gongkai.audit.models import AuditEntry
from gongkai.law.report_format import APPEAL_GROUPS, APPEAL_RESULTS, CellRef
from gongkai.orgs.models import Organisation, User
from gongkai.report.model import AnnualReport
from gongkai.report.rules import check

pytestmark = pytest.mark.django_db


def cell(group: str, result: str) -> CellRef:
    return CellRef("appeals", "cases", f"{group}.{result}")


def add(org, kind, filed, decided=None, result="", **extra) -> Appeal:
    data = {"kind": kind, "applicant": "张三", "filed_on": filed, "decided_on": decided, "result": result, **extra}
    return services.create_appeal(org, actor=None, data=data)


def test_choices_are_the_keys_of_table_four():
    assert [k for k, _ in APPEAL_GROUPS] == list(AppealKind.values)
    assert [r for r, _ in APPEAL_RESULTS][:3] == list(AppealResult.values)


def test_default_counting_decided_in_year_by_result_plus_pending_at_year_end(county):
    dazhai = Organisation.objects.get(name="大寨乡")
    add(dazhai, AppealKind.REVIEW, dt.date(2023, 3, 1), dt.date(2023, 5, 1), AppealResult.UPHELD)
    add(dazhai, AppealKind.REVIEW, dt.date(2022, 11, 1), dt.date(2023, 1, 10), AppealResult.CORRECTED)
    add(dazhai, AppealKind.REVIEW, dt.date(2023, 12, 20))  # still pending
    add(dazhai, AppealKind.DIRECT_SUIT, dt.date(2023, 6, 1), dt.date(2024, 2, 1), AppealResult.OTHER)
    add(dazhai, AppealKind.SUIT_AFTER_REVIEW, dt.date(2024, 1, 5))  # filed after the year: not counted
    cells = stats.table4(dazhai, 2023)
    assert cells[cell("review", "upheld")] == 1
    assert cells[cell("review", "corrected")] == 1  # filed in 2022, decided in 2023
    assert cells[cell("review", "pending")] == 1
    assert cells[cell("review", "total")] == 3
    assert cells[cell("direct_suit", "pending")] == 1  # decided only in 2024: 尚未审结 at the end of 2023
    assert cells[cell("direct_suit", "total")] == 1
    assert cells[cell("suit_after_review", "total")] == 0
    # the direct suit is counted again in 2024, by its result; the 2022 review was pending at the end of 2022
    assert stats.table4(dazhai, 2024)[cell("direct_suit", "other")] == 1
    assert stats.table4(dazhai, 2022)[cell("review", "pending")] == 1


@override_settings(GONGKAI_APPEALS_COUNTING="filed")
def test_filed_counting_counts_cases_filed_in_the_year_once(county):
    dazhai = Organisation.objects.get(name="大寨乡")
    add(dazhai, AppealKind.REVIEW, dt.date(2022, 11, 1), dt.date(2023, 1, 10), AppealResult.CORRECTED)
    add(dazhai, AppealKind.REVIEW, dt.date(2023, 3, 1), dt.date(2024, 5, 1), AppealResult.UPHELD)
    cells = stats.table4(dazhai, 2023)
    assert cells[cell("review", "corrected")] == 0  # filed in 2022: that year's case
    assert cells[cell("review", "pending")] == 1  # filed in 2023, undecided on 31 December
    assert stats.table4(dazhai, 2022)[cell("review", "pending")] == 1
    assert stats.table4(dazhai, 2024)[cell("review", "total")] == 0


@override_settings(GONGKAI_APPEALS_COUNTING="by_moon")
def test_an_unknown_counting_setting_is_refused_in_chinese(county):
    with pytest.raises(ValueError, match="GONGKAI_APPEALS_COUNTING"):
        stats.counting()


def test_group_totals_satisfy_the_table_four_rule(county):
    """T4.group_total: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for each of the three groups."""
    dazhai = Organisation.objects.get(name="大寨乡")
    for i, result in enumerate(AppealResult.values * 2):
        add(dazhai, AppealKind.values[i % 3], dt.date(2023, 1, 1 + i), dt.date(2023, 6, 1), result)
    add(dazhai, AppealKind.SUIT_AFTER_REVIEW, dt.date(2023, 7, 1))
    report = AnnualReport.zeros("大寨乡", 2023)
    report.cells.update(stats.table4(dazhai, 2023))
    assert not [f for f in check(report) if f.rule == "T4.group_total"]
    assert sum(report.cells[cell(g, "total")] for g, _ in APPEAL_GROUPS) == 7


def test_batch_gives_every_agency_its_own_table_and_zeros_without_cases(county):
    dazhai, shiqiao, hekou = (Organisation.objects.get(name=n) for n in ("大寨乡", "石桥镇", "河口镇"))
    add(dazhai, AppealKind.REVIEW, dt.date(2023, 3, 1))
    add(shiqiao, AppealKind.DIRECT_SUIT, dt.date(2023, 3, 1), dt.date(2023, 9, 1), AppealResult.UPHELD)
    tables = stats.table4_for_orgs([dazhai.pk, shiqiao.pk, hekou.pk], 2023)
    assert tables[dazhai.pk] == stats.table4(dazhai, 2023)
    assert tables[shiqiao.pk][cell("direct_suit", "upheld")] == 1
    assert set(tables[hekou.pk].values()) == {0} and len(tables[hekou.pk]) == 15


def test_a_decision_needs_a_result_and_cannot_precede_the_filing(county):
    dazhai = Organisation.objects.get(name="大寨乡")
    with pytest.raises(ValidationError) as exc:
        add(dazhai, AppealKind.REVIEW, dt.date(2023, 3, 1), dt.date(2023, 4, 1))
    assert "请选择结果" in str(exc.value.message_dict["result"])
    with pytest.raises(ValidationError) as exc:
        add(dazhai, AppealKind.REVIEW, dt.date(2023, 3, 1), dt.date(2023, 2, 1), AppealResult.UPHELD)
    assert "不能早于" in str(exc.value.message_dict["decided_on"])
    assert not Appeal.objects.exists()


def test_every_change_is_in_the_audit_trail(county):
    dazhai = Organisation.objects.get(name="大寨乡")
    handler = User.objects.get(username="dazhai_handler")
    appeal = services.create_appeal(dazhai, actor=handler, data={
        "kind": AppealKind.REVIEW, "applicant": "李四", "filed_on": dt.date(2023, 3, 1)})
    services.update_appeal(appeal, actor=handler, data={"decided_on": dt.date(2023, 5, 1), "result": "upheld"})
    services.delete_appeal(appeal, actor=handler)
    entries = AuditEntry.objects.filter(event__startswith="appeals.").order_by("seq")
    events = list(entries.values_list("event", flat=True))
    assert events == [AppealEvent.CREATED, AppealEvent.UPDATED, AppealEvent.DELETED]
    updated = AuditEntry.objects.get(event=AppealEvent.UPDATED)
    assert updated.after == {"decided_on": "2023-05-01", "result": "upheld"}
    assert updated.actor_username == "dazhai_handler"


def test_a_supervisor_reads_but_cannot_register(county, client_for):
    dazhai = Organisation.objects.get(name="大寨乡")
    with pytest.raises(PermissionDenied):
        services.create_appeal(dazhai, actor=User.objects.get(username="county_supervisor"), data={
            "kind": AppealKind.REVIEW, "applicant": "李四", "filed_on": dt.date(2023, 3, 1)})
    supervisor = client_for("county_supervisor")
    assert supervisor.get(f"/appeals/org/{dazhai.pk}/?year=2023").status_code == 200
    assert supervisor.get(f"/appeals/org/{dazhai.pk}/add/").status_code == 403


def test_pages_and_api_hide_other_agencies(county, client_for, api_for):
    shiqiao = Organisation.objects.get(name="石桥镇")
    appeal = add(shiqiao, AppealKind.REVIEW, dt.date(2023, 3, 1))
    handler = client_for("dazhai_handler")
    assert handler.get(f"/appeals/org/{shiqiao.pk}/").status_code == 404
    assert handler.get(f"/appeals/{appeal.pk}/").status_code == 404
    api = api_for("dazhai_handler")
    assert api.get("/api/appeals/").json()["count"] == 0
    assert api.get(f"/api/appeals/{appeal.pk}/").status_code == 404
    assert api.get(f"/api/appeals/table4/?org={shiqiao.pk}&year=2023").status_code == 404


def test_a_handler_registers_a_case_by_form_and_by_api(county, client_for, api_for):
    dazhai = Organisation.objects.get(name="大寨乡")
    page = client_for("dazhai_handler")
    bad = page.post(f"/appeals/org/{dazhai.pk}/add/", {"kind": "review", "applicant": "王五", "filed_on": "2023-03-01",
                                                       "decided_on": "2023-02-01", "result": "upheld"})
    assert bad.status_code == 200 and "不能早于" in bad.content.decode()
    ok = page.post(f"/appeals/org/{dazhai.pk}/add/", {"kind": "review", "applicant": "王五", "filed_on": "2023-03-01"})
    assert ok.status_code == 302
    api = api_for("dazhai_handler")
    created = api.post("/api/appeals/", {"org": dazhai.pk, "kind": "direct_suit", "applicant": "赵六",
                                         "filed_on": "2023-04-01", "decided_on": "2023-08-01", "result": "corrected"})
    assert created.status_code == 201, created.json()
    table = api.get(f"/api/appeals/table4/?org={dazhai.pk}&year=2023").json()["cells"]
    assert table["review.pending"] == 1 and table["direct_suit.corrected"] == 1 and table["direct_suit.total"] == 1
    page_text = page.get(f"/appeals/org/{dazhai.pk}/?year=2023").content.decode()
    assert "王五" in page_text and "赵六" in page_text


def test_an_appeal_links_only_a_request_of_its_own_agency(county):
    from gongkai.applications.models import Request

    dazhai, shiqiao = (Organisation.objects.get(name=n) for n in ("大寨乡", "石桥镇"))
    assert Appeal._meta.get_field("request").related_model is Request
    appeal = add(dazhai, AppealKind.REVIEW, dt.date(2023, 3, 1), request_reference="纸质申请 2023-001（系统外）")
    assert appeal.request is None and appeal.request_reference.startswith("纸质申请")
    other = Request(org=shiqiao)
    appeal.request = other
    with pytest.raises(ValidationError) as exc:
        appeal.clean()
    assert "本机关" in str(exc.value.message_dict["request"])
