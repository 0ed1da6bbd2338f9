"""The report's life in the platform: drafted from the records, three reviews by three people, published only
without errors, corrected as new versions (条例 第四十九条、第五十条; 国办公开办函〔2021〕30号)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.annual import drafting, services
from gongkai.annual.constants import AnnualEvent, Decision, Progress, ReportStatus
from gongkai.annual.models import ReportVersion, canonical_hash
from gongkai.appeals import services as appeals
from gongkai.audit.models import AuditEntry
from gongkai.law.report_format import CellRef
from gongkai.orgs import services as orgs
from gongkai.orgs.constants import Role
from gongkai.orgs.models import Organisation, User
from gongkai.report.jsonio import from_dict
from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from tests.platform.annual.conftest import dazhai_sections

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


def reviewed(report, reviewers=("dazhai_reviewer1", "dazhai_reviewer2", "dazhai_reviewer3")):
    services.submit(report, actor=user("dazhai_handler"))
    for stage, name in zip(("first", "second", "final"), reviewers, strict=True):
        services.review(report, actor=user(name), stage=stage, decision=Decision.APPROVED)
    return report


@pytest.fixture
def dazhai(county) -> Organisation:
    return Organisation.objects.get(name="大寨乡")


def test_the_draft_takes_every_table_from_the_records(dazhai):
    """Table 四 from the appeals, 第二十条（五）（六）（八） from the entered figures; blank until entered."""
    assert drafting.draft(dazhai, 2023).cells[CellRef("art20_5", "licensing", "decisions")] is None
    from gongkai.annual import figures

    figures.save_figures(dazhai, 2023, actor=user("dazhai_handler"),
                         data={"licensing": 7, "penalty": 2, "coercion": 1, "fees": Decimal("1.2500")})
    appeals.create_appeal(dazhai, actor=None, data={"kind": "review", "applicant": "张三",
                                                     "filed_on": dt.date(2023, 5, 1)})
    report = drafting.draft(dazhai, 2023)
    assert report.cells[CellRef("art20_5", "licensing", "decisions")] == 7
    assert report.cells[CellRef("art20_8", "fees", "fee_amount")] == Decimal("1.25")
    assert report.cells[CellRef("appeals", "cases", "review.pending")] == 1
    assert report.cells[CellRef("applications", "new", "total")] == 0
    # section 一 states the figures, and states them as the tables do (TXT.figure_mismatch holds)
    assert "行政许可决定7件" in report.sections["overall"] and "行政复议1件" in report.sections["overall"]
    assert not [f for f in drafting.check_draft(report, None) if f.rule == "TXT.figure_mismatch"]
    assert "信息处理费" in report.sections["other"]
    shiqiao = Organisation.objects.get(name="石桥镇")
    batch = drafting.draft_for_orgs([dazhai, shiqiao], 2023)
    assert batch[dazhai.pk] == report and batch[shiqiao.pk].agency == "石桥镇"


def test_a_draft_with_an_error_cannot_be_published(dazhai):
    """Publication is refused while any error finding exists: here the prompts 【请…】 still in the text."""
    report = services.start_report(dazhai, 2023, actor=user("dazhai_handler"))
    reviewed(report)
    with pytest.raises(services.PublicationBlocked) as blocked:
        services.publish(report, actor=user("dazhai_handler"))
    assert {f.rule for f in blocked.value.findings} == {"ANNUAL.unfilled_prompt"}
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW and not ReportVersion.objects.exists()
    # withdrawn, corrected, reviewed again from 初审: now it is published
    services.withdraw(report, actor=user("dazhai_handler"))
    services.save_sections(report, actor=user("dazhai_handler"), data=dazhai_sections())
    reviewed(report)
    version = services.publish(report, actor=user("dazhai_handler"))
    assert version.number == 1 and version.sha256 == canonical_hash(version.data)
    assert from_dict(version.data) == drafting.draft(dazhai, 2023)


def test_one_person_cannot_review_two_stages(dazhai):
    """三审: each stage by a different person, holding that stage's role (publishing's rule too)."""
    both = user("dazhai_reviewer1")
    orgs.set_roles(dazhai, both, {Role.REVIEWER_FIRST, Role.REVIEWER_SECOND}, actor=None)
    report = services.start_report(dazhai, 2023, actor=user("dazhai_handler"))
    services.submit(report, actor=user("dazhai_handler"))
    with pytest.raises(ValidationError, match="现在不是复审环节"):
        services.review(report, actor=user("dazhai_reviewer2"), stage="second", decision=Decision.APPROVED)
    with pytest.raises(PermissionDenied):
        services.review(report, actor=user("dazhai_handler"), stage="first", decision=Decision.APPROVED)
    services.review(report, actor=both, stage="first", decision=Decision.APPROVED)
    with pytest.raises(ValidationError, match="同一人不能审核两个环节"):
        services.review(report, actor=user("dazhai_reviewer1"), stage="second", decision=Decision.APPROVED)
    with pytest.raises(ValidationError, match="退回修改时请写明意见"):
        services.review(report, actor=user("dazhai_reviewer2"), stage="second", decision=Decision.RETURNED)
    services.review(report, actor=user("dazhai_reviewer2"), stage="second", decision=Decision.RETURNED, comment="补充")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFTING


def test_a_supervisor_reads_and_changes_nothing(dazhai):
    supervisor = user("county_supervisor")
    with pytest.raises(PermissionDenied):
        services.start_report(dazhai, 2023, actor=supervisor)


def test_a_cross_year_mismatch_is_reported(dazhai):
    """XY.carry_over: this year's 上年结转 against last year's 结转下年度, last year's report imported from its file."""
    last = AnnualReport.zeros("大寨乡", 2022)
    for column in ("natural_person", "total"):
        last.cells[CellRef("applications", "new", column)] = 2
        last.cells[CellRef("applications", "carried_out", column)] = 2
    last.sections.update(dazhai_sections())
    services.import_published(dazhai, 2022, render(last, "docx"), "大寨乡2022年报.docx", actor=user("dazhai_handler"))
    report = services.start_report(dazhai, 2023, actor=user("dazhai_handler"))
    findings = services.current_findings(report)
    carry = [f for f in findings if f.rule == "XY.carry_over"]
    assert carry and carry[0].expected == "2" and carry[0].found == "0"
    assert AuditEntry.objects.filter(event=AnnualEvent.IMPORTED).count() == 1


def test_an_imported_file_of_another_year_is_refused(dazhai):
    other = AnnualReport.zeros("大寨乡", 2021)
    with pytest.raises(ValidationError) as exc:
        services.import_published(dazhai, 2022, render(other, "text").encode(), "x.txt", actor=None)
    assert "不是2022年度的" in str(exc.value.message_dict["file"])
    with pytest.raises(ValidationError):
        services.import_published(dazhai, 2022, b"not a report at all", "x.txt", actor=None)


def test_edits_after_publication_are_new_versions_and_every_version_is_kept(dazhai):
    report = services.start_report(dazhai, 2023, actor=user("dazhai_handler"))
    services.save_sections(report, actor=user("dazhai_handler"), data=dazhai_sections())
    first = services.publish(reviewed(report), actor=user("dazhai_handler"))
    with pytest.raises(ValidationError):
        services.save_sections(report, actor=user("dazhai_handler"), data={"problems": "改"})
    services.reopen(report, actor=user("dazhai_handler"), note="更正第五部分")
    late = dazhai.report_deadline(2023) + dt.timedelta(days=1)
    assert services.progress(report, dazhai.report_deadline(2023), late) == Progress.PUBLISHED  # v1 stays public
    services.save_sections(report, actor=user("dazhai_handler"), data={"problems": "公开不够及时。将加强培训。"})
    second = services.publish(reviewed(report), actor=user("dazhai_handler"))
    assert (first.number, second.number) == (1, 2) and first.sha256 != second.sha256
    assert list(ReportVersion.objects.filter(report=report).values_list("number", flat=True)) == [1, 2]
    events = AuditEntry.objects.filter(object_type="annual.report").order_by("seq").values_list("event", flat=True)
    assert list(events).count(AnnualEvent.PUBLISHED) == 2 and AnnualEvent.REOPENED in events


def test_progress_counts_down_to_the_agency_deadline(dazhai):
    """条例 第四十九条: 31 January for departments, 31 March for the county, the local date for townships."""
    deadline = dazhai.report_deadline(2023)
    assert services.progress(None, deadline, deadline) == Progress.NOT_STARTED
    assert services.progress(None, deadline, deadline + dt.timedelta(days=1)) == Progress.LATE
    report = services.start_report(dazhai, 2023, actor=user("dazhai_handler"))
    assert services.progress(report, deadline, deadline) == Progress.DRAFTING
    assert services.progress(report, deadline, deadline + dt.timedelta(days=1)) == Progress.LATE


def test_reports_before_2021_are_imported_not_drafted(dazhai):
    with pytest.raises(drafting.YearNotDraftable, match="试行格式"):
        drafting.draft(dazhai, 2020)
