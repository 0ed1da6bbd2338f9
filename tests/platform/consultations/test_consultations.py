"""意见征集: a draft published with its period (《重大行政决策程序暂行条例》第十五条: 一般不少于30日, shorter
only with a stated reason); the public comments while it is open, screened, throttled and bounded; staff
answer each comment; the 采纳情况 is published after the period with the counts; the counts reach the
annual report's text."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.consultations import services
from gongkai.consultations.constants import ConsultationEvent

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def _draft(dazhai, users, days: int = 30, **extra):  # type: ignore[no-untyped-def]
    return services.create_consultation(
        dazhai, actor=users("dazhai_handler"), title="大寨乡村庄规划（征求意见稿）", body="一、规划范围。",
        opens_on=TODAY, closes_on=TODAY + timedelta(days=days - 1), **extra)


@pytest.fixture
def open_draft(dazhai, users):  # type: ignore[no-untyped-def]
    return services.open_consultation(_draft(dazhai, users), actor=users("dazhai_head"))


def test_a_period_under_30_days_needs_a_stated_reason(dazhai, users) -> None:
    with pytest.raises(ValidationError) as caught:
        _draft(dazhai, users, days=29)
    assert "征求意见期限为29日，少于30日的须说明理由" in caught.value.message_dict["short_period_reason"][0]
    assert _draft(dazhai, users, days=15, short_period_reason="防汛形势紧急").closes_on == date(2026, 12, 19)


def test_only_a_publisher_puts_the_draft_to_the_public(dazhai, users) -> None:
    consultation = _draft(dazhai, users)
    with pytest.raises(PermissionDenied):
        services.open_consultation(consultation, actor=users("dazhai_handler"))
    assert Client().get(reverse("consultations:public_detail", args=[consultation.pk])).status_code == 404
    services.open_consultation(consultation, actor=users("dazhai_head"))
    page = Client().get(reverse("consultations:public_list")).content.decode()
    assert "大寨乡村庄规划（征求意见稿）" in page and "征求意见中" in page


def test_the_public_comments_and_personal_data_in_the_text_is_refused(open_draft) -> None:
    url = reverse("consultations:public_detail", args=[open_draft.pk])
    page = Client().post(url, {"text": "我的身份证号110101199001011237，建议增设停车场。"})
    assert page.status_code == 200
    assert "意见内容中含有个人信息（居民身份证号码），请删除后再提交" in page.content.decode()
    assert not open_draft.comments.exists()
    page = Client().post(url, {"text": "建议增设停车场。", "name": "李先生", "contact": "13800000000"})
    assert page.status_code == 302
    comment = open_draft.comments.get()
    assert (comment.text, comment.name, comment.contact) == ("建议增设停车场。", "李先生", "13800000000")
    assert "13800000000" not in Client().get(url).content.decode()  # the contact is never shown
    assert AuditEntry.objects.filter(event=ConsultationEvent.COMMENTED).count() == 1


def test_comments_are_bounded_and_throttled(open_draft, settings) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "comment-throttle-test"}}  # the test settings cache nothing
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "comment": (2, 3600)}
    url = reverse("consultations:public_detail", args=[open_draft.pk])
    client = Client(REMOTE_ADDR="203.0.113.9")
    page = client.post(url, {"text": "意" * 2001})
    assert "意见内容不超过2000字" in page.content.decode()
    assert client.post(url, {"text": "同意。"}).status_code == 302
    assert client.post(url, {"text": "再次同意。"}).status_code == 429


def test_no_comment_outside_the_period(open_draft) -> None:
    late = time_machine.travel(at(open_draft.closes_on + timedelta(days=1)), tick=False)
    with late, pytest.raises(ValidationError, match="不在征求意见期内"):
        services.add_comment(open_draft, text="迟到的意见")


def test_the_result_is_published_after_the_period_once_every_comment_is_answered(open_draft, users, dazhai) -> None:
    first = services.add_comment(open_draft, text="建议增设停车场。")
    second = services.add_comment(open_draft, text="建议保留古树。")
    with pytest.raises(ValidationError, match="征求意见期结束后"):
        services.publish_result(open_draft, actor=users("dazhai_head"), text="采纳情况")
    services.reply(first, actor=users("dazhai_handler"), adoption="adopted", text="已增设。")
    with time_machine.travel(at(open_draft.closes_on + timedelta(days=1)), tick=False):
        with pytest.raises(ValidationError, match="还有1条意见未答复"):
            services.publish_result(open_draft, actor=users("dazhai_head"), text="采纳情况")
        services.reply(second, actor=users("dazhai_handler"), adoption="not_adopted", text="古树不在规划范围内。")
        with pytest.raises(PermissionDenied):
            services.publish_result(open_draft, actor=users("dazhai_handler"), text="采纳情况")
        services.publish_result(open_draft, actor=users("dazhai_head"), text="已据采纳的意见修改规划。")
        page = Client().get(reverse("consultations:public_detail", args=[open_draft.pk])).content.decode()
    assert "共收到意见 2 条，采纳 1 条，部分采纳 0 条，未采纳 1 条。" in page and "已据采纳的意见修改规划。" in page
    audit = AuditEntry.objects.get(event=ConsultationEvent.RESULT)
    assert (audit.after["total"], audit.after["adopted"]) == (2, 1)
    assert services.counts([dazhai.pk], 2026) == {dazhai.pk: {"consultations": 1, "comments": 2, "adopted": 1}}


def test_the_annual_report_states_the_consultations_of_the_year(open_draft, users, dazhai) -> None:
    import copy

    from gongkai.annual.drafting import check_draft, default_sections, draft

    services.add_comment(open_draft, text="建议增设停车场。")
    report = draft(dazhai, 2026)
    assert "全年公开征求意见1次，收到意见1条，采纳（含部分采纳）0条。" in report.sections["overall"]
    without = copy.deepcopy(report)
    without.sections.update(default_sections(without, fees=getattr(report, "fee_records", None)))
    assert {f.rule for f in check_draft(report, None)} == {f.rule for f in check_draft(without, None)}
