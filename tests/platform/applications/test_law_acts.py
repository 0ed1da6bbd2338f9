"""The acts issue 16 found missing or wrong, each with its letter opened in Word and read:
条例 第三十条 (a late 补正 notice), 第三十二条 (disclosure despite a third party's objection), 第三十三条
(no extension before the clock runs; a consultation of another agency has no statutory period), 第三十五条
(说明理由, 延迟答复), 国办函〔2020〕109号 (the payment-time sentence; 第四条 一事一申请), each recorded in the
audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from gongkai.applications import services, stats
from gongkai.applications.constants import LetterKind, RequestEvent
from gongkai.audit.models import AuditEntry
from gongkai.law.report_format import CellRef

from .test_handling import letter_text

pytestmark = pytest.mark.django_db


def _letter(req, kind: str) -> str:  # type: ignore[no-untyped-def]
    return letter_text(req.attachments.filter(letter_kind=kind).latest("pk"))


def _events(req) -> list[str]:  # type: ignore[no-untyped-def]
    return list(AuditEntry.objects.filter(object_id=str(req.pk)).values_list("event", flat=True))


def test_a_late_correction_notice_says_the_clock_is_not_restarted(register, users) -> None:  # 条例 第三十条
    handler = users("dazhai_handler")
    late = register(date(2025, 3, 7))  # the 7th working day after is 2025-03-18
    services.request_correction(late, actor=handler, items="请写明文件名称", period=10, on=date(2025, 3, 19))
    text = _letter(late, LetterKind.CORRECTION)
    assert "答复期限不因补正重新计算，仍自收到申请之日起计算（《中华人民共和国政府信息公开条例》第三十条）" in text
    in_time = register(date(2025, 3, 7))
    services.request_correction(in_time, actor=handler, items="请写明文件名称", period=10, on=date(2025, 3, 18))
    assert "答复期限自本机关收到补正后的申请之日起计算" in _letter(in_time, LetterKind.CORRECTION)


def test_no_extension_before_the_reply_clock_has_started(register, users) -> None:  # 条例 第三十条、第三十三条
    req = register(date(2025, 3, 7))
    services.request_correction(req, actor=users("dazhai_handler"), items="请写明文件名称", period=10,
                                on=date(2025, 3, 10))
    with pytest.raises(ValidationError, match="答复期限尚未起算"):
        services.extend(req, actor=users("dazhai_head"), days=10, reason="需要检索档案", on=date(2025, 3, 11))
    services.record_correction(req, actor=users("dazhai_handler"), on=date(2025, 3, 12))
    services.extend(req, actor=users("dazhai_head"), days=10, reason="需要检索档案", on=date(2025, 3, 13))
    assert "本机关将于2025年4月24日前作出答复" in _letter(req, LetterKind.EXTENSION)  # 3-12 + 30 working days


def test_the_fee_letter_follows_the_payment_time_setting(register, users) -> None:  # 国办函〔2020〕109号
    handler = users("dazhai_handler")
    paused = register(date(2024, 9, 2))
    services.issue_fee_notice(paused, actor=handler, method="per_page", pages=40, sent=date(2024, 9, 4))
    assert "不计算在答复期限内" in _letter(paused, LetterKind.FEE)
    with override_settings(GONGKAI_REQUEST_SETTINGS={"fee_period_pauses_reply": False}):
        counted = register(date(2024, 9, 2))
        services.issue_fee_notice(counted, actor=handler, method="per_page", pages=40, sent=date(2024, 9, 4))
    text = _letter(counted, LetterKind.FEE)
    assert "不计算在答复期限内" not in text and "共计" in text


def test_another_agency_is_consulted_without_an_invented_period(register, users) -> None:  # 第三十三条第三款
    req = register(date(2025, 3, 7))
    services.consult(req, actor=users("dazhai_handler"), kind="other_agency", party="某县财政局", matter="资金拨付明细",
                     sent=date(2025, 3, 10))
    text = _letter(req, LetterKind.CONSULTATION)
    assert "请于收到本征求意见书后尽快提出是否同意公开的意见及理由" in text
    assert "—" not in text and "15个工作日" not in text and "另行告知" not in text
    services.consult(req, actor=users("dazhai_handler"), kind="co_maker", party="某县农业农村局", matter="联合发文",
                     sent=date(2025, 3, 10))
    co_maker = _letter(req, LetterKind.CONSULTATION)
    assert "请于2025年3月31日前（收到本征求意见书之日起15个工作日内）" in co_maker
    assert "逾期未提出意见的，视为同意公开" in co_maker  # 条例 第三十四条


def test_reasons_then_a_deferral_each_tell_the_applicant(register, users) -> None:  # 条例 第三十五条
    req = register(date(2026, 11, 2))
    services.ask_reasons(req, actor=users("dazhai_handler"), items="一个月内申请52件的用途", due=date(2026, 11, 20),
                         on=date(2026, 11, 3))
    reasons = _letter(req, LetterKind.REASONS)
    assert "依照《中华人民共和国政府信息公开条例》第三十五条的规定，请您就以下事项说明理由" in reasons
    assert "一个月内申请52件的用途" in reasons and "请于2026年11月20日前提出" in reasons
    with pytest.raises(PermissionDenied):
        services.defer(req, actor=users("dazhai_handler"), to=date(2027, 2, 26), reason="所需信息跨越十年")
    services.defer(req, actor=users("dazhai_head"), to=date(2027, 2, 26), reason="所需信息跨越十年")
    deferral = _letter(req, LetterKind.DEFERRAL)
    assert "因所需信息跨越十年，本机关认为申请理由合理" in deferral
    assert "将于2027年2月26日前作出答复" in deferral and "第三十五条" in deferral
    assert {RequestEvent.REASONS_REQUESTED, RequestEvent.DEFERRED} <= set(_events(req))


def test_disclosure_despite_an_objection_is_told_to_the_third_party(register, users) -> None:  # 条例 第三十二条
    req = register(date(2025, 3, 7))
    consultation = services.consult(req, actor=users("dazhai_handler"), kind="third_party", party="某某养殖场",
                                    matter="环境影响评价文件", sent=date(2025, 3, 10))
    with pytest.raises(ValidationError, match="尚未提出不同意公开的意见"):
        services.decide_disclosure(consultation, actor=users("dazhai_head"), reason="涉及周边群众饮水安全",
                                   on=date(2025, 3, 20))
    services.record_opinion(consultation, actor=users("dazhai_handler"), answered=date(2025, 3, 18),
                            opinion="涉及商业秘密，不同意公开。")
    with pytest.raises(PermissionDenied):
        services.decide_disclosure(consultation, actor=users("dazhai_handler"), reason="x", on=date(2025, 3, 20))
    services.decide_disclosure(consultation, actor=users("dazhai_head"), reason="涉及周边群众饮水安全",
                               on=date(2025, 3, 20))
    text = _letter(req, LetterKind.DISCLOSURE_NOTICE)
    assert "某某养殖场：" in text
    assert "不公开可能对公共利益造成重大影响" in text and "第三十二条" in text
    assert "决定公开的政府信息内容：环境影响评价文件" in text and "理由：涉及周边群众饮水安全" in text
    assert RequestEvent.DISCLOSURE_DECIDED in _events(req)


def test_a_multi_item_application_counts_as_its_units(register, users) -> None:  # 国办函〔2020〕109号 第四条
    handler = users("dazhai_handler")
    earlier = [register(date(2024, 5, 6)) for _ in range(2)]
    services.split_units(earlier[0], actor=handler, units=9, reason="九个村各自的补贴发放名册，相互独立")
    with pytest.raises(ValidationError, match="请写明理由"):
        services.split_units(earlier[1], actor=handler, units=3, reason=" ")
    later = register(date(2024, 5, 7))
    services.split_units(later, actor=handler, units=2, reason="两个年度的预算，相互独立")
    notice = services.issue_fee_notice(later, actor=handler, method="per_request", sent=date(2024, 5, 8))
    assert (notice.already, notice.units, notice.amount) == (10, 2, 200)  # 第11、12件 at 100 yuan
    with pytest.raises(ValidationError, match="已发出收费通知"):
        services.split_units(later, actor=handler, units=3, reason="三项")
    cells = stats.table3(later.org, 2024)
    assert cells[CellRef("applications", "new", "natural_person")] == 12  # 9 + 1 + 2 件
    assert RequestEvent.SPLIT in _events(earlier[0])
