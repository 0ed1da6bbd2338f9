"""Handling: assignment, drafts reviewed and signed off, closing with exactly one table 三 row and its
article, the reply letter with its legal basis and remedies, fees, and the audit trail of every step."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from gongkai.applications import services, stats
from gongkai.applications.constants import DraftStatus, RequestEvent, State
from gongkai.audit.models import AuditEntry
from gongkai.law.report_format import CellRef
from gongkai.law.requests import outcome

pytestmark = pytest.mark.django_db


def letter_text(attachment) -> str:  # type: ignore[no-untyped-def]
    with attachment.file.open("rb") as handle:
        return "\n".join(p.text for p in Document(handle).paragraphs)


def reply(register, users, received: date, key: str, replied: date, reasons: str = "理由"):  # type: ignore[no-untyped-def]
    req = register(received)
    services.assign(req, users("dazhai_handler"), actor=users("dazhai_admin"))
    draft = services.save_draft(req, actor=users("dazhai_handler"), outcome_key=key, facts="经检索，答复如下。",
                                reasons=reasons)
    services.submit_draft(draft, actor=users("dazhai_handler"))
    services.approve_draft(draft, actor=users("dazhai_reviewer3"), on=replied)
    req.refresh_from_db()
    return req


def test_assignment_only_to_a_handler_of_the_agency(register, users) -> None:
    req = register(date(2024, 5, 6))
    with pytest.raises(ValidationError, match="不是大寨乡的经办人"):
        services.assign(req, users("shiqiao_handler"), actor=users("dazhai_admin"))
    services.assign(req, users("dazhai_handler"), actor=users("dazhai_admin"))
    assert (req.handler.username, req.state) == ("dazhai_handler", State.HANDLING)


def test_a_draft_is_reviewed_by_someone_else_and_signed_off_by_the_final_reviewer(register, users) -> None:
    handler, head = users("dazhai_handler"), users("dazhai_head")
    req = register(date(2024, 5, 6))
    own = services.save_draft(req, actor=head, outcome_key="granted", facts="现提供该文件。")
    services.submit_draft(own, actor=head)
    assert req.state == State.IN_REVIEW
    with pytest.raises(PermissionDenied, match="起草人以外"):
        services.approve_draft(own, actor=head)  # the head may sign off, but not their own draft
    services.return_draft(own, actor=users("dazhai_reviewer2"), comment="由经办人起草")
    draft = services.save_draft(req, actor=handler, outcome_key="granted", facts="现提供该文件。")
    services.submit_draft(draft, actor=handler)
    with pytest.raises(PermissionDenied, match="终审人"):
        services.approve_draft(draft, actor=users("dazhai_reviewer1"))  # 初审人 may return, not sign off
    services.return_draft(draft, actor=users("dazhai_reviewer1"), comment="请写明获取方式")
    assert (draft.status, req.state) == (DraftStatus.RETURNED, State.HANDLING)
    second = services.save_draft(req, actor=handler, outcome_key="granted", facts="现提供该文件，请在线下载。")
    assert second.version == 3
    services.submit_draft(second, actor=handler)
    services.approve_draft(second, actor=users("dazhai_reviewer3"), on=date(2024, 5, 20))
    req.refresh_from_db()
    assert (req.state, req.closed, req.outcome) == (State.CLOSED, date(2024, 5, 20), "granted")
    events = list(AuditEntry.objects.filter(object_id=str(req.pk)).values_list("event", flat=True))
    for event in (RequestEvent.CREATED, RequestEvent.DRAFT_SUBMITTED, RequestEvent.DRAFT_RETURNED,
                  RequestEvent.DRAFT_APPROVED, RequestEvent.CLOSED):
        assert event in events


@pytest.mark.parametrize("key", [o.key for o in __import__("gongkai.law.requests").law.requests.OUTCOMES
                                 if o.key not in services.DIRECT_CLOSE_OUTCOMES | {"unclear_after_correction"}])
def test_each_outcome_closes_in_exactly_one_table3_row_with_its_article(register, users, key) -> None:
    req = reply(register, users, date(2024, 5, 6), key, date(2024, 5, 20))
    result = outcome(key)
    assert (req.outcome_row, req.outcome_article) == (result.row(), result.citation)
    cells = stats.table3(req.org, 2024)
    outcome_cells = {ref: v for ref, v in cells.items()
                     if v and ref.row not in ("new", "carried_in", "total", "carried_out") and ref.column != "total"}
    assert outcome_cells == {CellRef("applications", result.row(), "natural_person"): 1}
    text = letter_text(req.attachments.get(letter_kind="reply"))
    assert result.citation in text and result.name in text  # 法律依据：条、款、项


def test_a_refusal_since_2024_sends_the_applicant_to_administrative_review_first(register, users) -> None:
    # 行政复议法（2023年修订）第二十三条第一款第（四）项; the county government reviews a township (第二十四条)
    refused = reply(register, users, date(2024, 5, 6), "withheld_process_info", date(2024, 5, 20), "属于过程性信息")
    text = letter_text(refused.attachments.get(letter_kind="reply"))
    assert "向某县人民政府申请行政复议（《中华人民共和国行政复议法》第二十三条第一款第（四）项）" in text
    assert "6个月" not in text and "理由：属于过程性信息" in text
    granted = reply(register, users, date(2024, 5, 6), "granted", date(2024, 5, 20))
    assert "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in letter_text(
        granted.attachments.get(letter_kind="reply"))


def test_a_refusal_before_2024_may_go_straight_to_court(register, users) -> None:
    refused = reply(register, users, date(2023, 11, 6), "withheld_process_info", date(2023, 11, 20))
    assert "6个月内依法向人民法院提起行政诉讼" in letter_text(refused.attachments.get(letter_kind="reply"))


def test_a_refusal_without_reasons_is_refused(register, users) -> None:  # 条例 第三十六条第（三）项
    req = register(date(2024, 5, 6))
    draft = services.save_draft(req, actor=users("dazhai_handler"), outcome_key="withheld_third_party",
                                facts="不予公开")
    with pytest.raises(ValidationError) as caught:
        services.submit_draft(draft, actor=users("dazhai_handler"))
    assert "告知理由" in caught.value.message_dict["reasons"][0]


def test_no_correction_only_after_the_correction_period(register, users) -> None:  # 条例 第三十条
    handler = users("dazhai_handler")
    req = register(date(2025, 3, 7))
    services.request_correction(req, actor=handler, items="请写明文件名称", period=15, on=date(2025, 3, 13),
                                delivered=date(2025, 3, 14))
    with pytest.raises(ValidationError, match="尚未届满"):
        services.close(req, actor=handler, outcome_key="no_correction", on=date(2025, 4, 4))
    services.close(req, actor=handler, outcome_key="no_correction", on=date(2025, 4, 8))  # due 4/7
    assert (req.outcome_row, req.closed) == ("other.no_correction", date(2025, 4, 8))
    with pytest.raises(ValidationError, match="此办理结果须经答复草稿审核签发"):
        services.close(register(date(2025, 3, 7)), actor=handler, outcome_key="granted")


def test_unpaid_fee_ends_the_request_after_the_payment_period(register, users) -> None:  # 国办函〔2020〕109号
    handler = users("dazhai_handler")
    req = register(date(2024, 9, 2))
    services.issue_fee_notice(req, actor=handler, method="per_page", pages=150, sent=date(2024, 9, 4),
                              delivered=date(2024, 9, 6))
    assert req.fee_notice.amount == 1700  # 70 × 10 + 50 × 20
    assert "第31页至第100页的部分每页10元" in letter_text(req.attachments.get(letter_kind="fee"))
    with pytest.raises(ValidationError, match="尚未届满"):
        services.close(req, actor=handler, outcome_key="no_payment", on=date(2024, 10, 11))
    services.close(req, actor=handler, outcome_key="no_payment", on=date(2024, 10, 14))
    assert req.outcome_row == "other.no_payment"


def test_per_request_fees_count_the_applicants_requests_in_the_natural_month(register, users) -> None:
    handler = users("dazhai_handler")  # 国办函〔2020〕109号 第四条: 1–10 free, 11–30 at 100 yuan
    requests = [register(date(2024, 5, 6)) for _ in range(11)]
    with pytest.raises(ValidationError, match="不收费"):
        services.issue_fee_notice(requests[9], actor=handler, method="per_request", sent=date(2024, 5, 7))
    notice = services.issue_fee_notice(requests[10], actor=handler, method="per_request", sent=date(2024, 5, 7))
    assert (notice.already, notice.amount) == (10, 100)


def test_a_fee_is_waived_by_the_office_head_only(register, users) -> None:
    req = register(date(2024, 9, 2))
    services.issue_fee_notice(req, actor=users("dazhai_handler"), method="per_page", pages=40, sent=date(2024, 9, 4))
    with pytest.raises(PermissionDenied):
        services.waive_fee(req, actor=users("dazhai_handler"), on=date(2024, 9, 5), reason="困难")
    services.waive_fee(req, actor=users("dazhai_head"), on=date(2024, 9, 5), reason="申请人生活困难")
    assert req.fee_notice.settled == date(2024, 9, 5)


def test_a_closed_request_cannot_change(register, users) -> None:
    req = reply(register, users, date(2024, 5, 6), "granted", date(2024, 5, 20))
    with pytest.raises(ValidationError, match="已于2024年5月20日办结"):
        services.consult(req, actor=users("dazhai_handler"), kind="third_party", party="某公司", matter="x")
