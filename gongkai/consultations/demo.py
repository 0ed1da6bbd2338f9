"""Demo: at 大寨乡 a draft open for comment (two comments waiting for a reply), a closed one with its
采纳情况 published, a response to public concern, and a county document it relays published with its
政策解读 (同步发布)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader

POLICY = "某政发〔2024〕8号"  # 某县城乡居民最低生活保障实施办法, registered by the publishing demo
REVIEWERS = ("dazhai_reviewer1", "dazhai_reviewer2", "dazhai_reviewer3")


def _past(consultation: Any) -> None:
    """A consultation of the past: entered as published on its first day, its comments as received then
    (the services take comments only today; the demo records what happened before it was installed)."""
    from django.utils import timezone

    from gongkai.audit.services import record
    from gongkai.consultations.constants import ConsultationEvent
    from gongkai.consultations.models import Comment

    opened = dt.datetime.combine(consultation.opens_on, dt.time(9), tzinfo=timezone.get_current_timezone())
    consultation.published_at = opened
    consultation.save(update_fields=["published_at"])
    record(ConsultationEvent.OPENED, actor=None, obj=consultation, message="演示数据：往期意见征集",
           after={"opens_on": consultation.opens_on, "closes_on": consultation.closes_on})
    for text in ("建议明确垃圾清运的时间和频次。", "建议对门前三包设置奖惩。"):
        Comment.objects.create(consultation=consultation, text=text)


def _consultations(ctx: DemoContext, today: dt.date) -> None:
    from gongkai.consultations import services
    from gongkai.consultations.models import Consultation

    org, writer, head = ctx.org("大寨乡"), ctx.user("dazhai_handler"), ctx.user("dazhai_head")
    if Consultation.objects.filter(org=org).exists():
        return
    closed = services.create_consultation(
        org, actor=writer, title="大寨乡农村人居环境整治村规民约（征求意见稿）",
        summary="为巩固农村人居环境整治成果，乡政府起草了村规民约示范文本，现公开征求意见。",
        body="第一条 各户负责门前三包。\n第二条 生活垃圾分类投放。",
        opens_on=today - dt.timedelta(days=70), closes_on=today - dt.timedelta(days=40))
    _past(closed)
    replies = (("adopted", "已在第二条中增加“每周清运两次”。"),
               ("partly", "增加评比表扬；罚款不属于村规民约可以规定的事项。"))
    for comment, (adoption, text) in zip(closed.comments.order_by("pk"), replies, strict=True):
        services.reply(comment, actor=writer, adoption=adoption, text=text)
    services.publish_result(closed, actor=head,
                            text="已据采纳的意见修改村规民约示范文本，修改后的文本由各村村民会议讨论通过。")
    current = services.create_consultation(
        org, actor=writer, title="大寨乡村庄规划（2026—2035年）（征求意见稿）",
        summary="乡政府组织编制了村庄规划，现公开征求意见（《中华人民共和国城乡规划法》第二十二条）。",
        body="一、规划范围：大寨乡行政区域。\n二、规划期限：2026—2035年。\n三、主要内容：村庄布局、耕地保护、公共服务设施。",
        opens_on=today - dt.timedelta(days=10), closes_on=today + dt.timedelta(days=20))
    current = services.open_consultation(current, actor=head)
    services.add_comment(current, text="建议在大寨村增设一处公共停车场。", name="李先生")
    services.add_comment(current, text="希望规划中保留村口的古树和晒谷场。")


def _concern(ctx: DemoContext, today: dt.date) -> None:
    from gongkai.consultations import services
    from gongkai.consultations.models import ConcernResponse

    org = ctx.org("大寨乡")
    if ConcernResponse.objects.filter(org=org).exists():
        return
    response = services.create_concern(
        org, actor=ctx.user("dazhai_handler"), title="关于大寨村道路硬化工程进度的回应",
        concern="有村民在县政府网站留言，询问大寨村道路硬化工程何时完工。", source="县政府网站“县长信箱”留言",
        raised_on=today - dt.timedelta(days=12),
        body="大寨村道路硬化工程已完成路基施工，因雨季顺延，预计本月底前完成路面浇筑并通车。施工期间请绕行村北道路。")
    services.publish_concern(response, actor=ctx.user("dazhai_head"))


def _interpretation(ctx: DemoContext) -> None:
    from gongkai.publishing import interpretation
    from gongkai.publishing import services as publishing
    from gongkai.publishing.models import Category, Item, NormativeDocument

    org = ctx.org("大寨乡")
    doc = NormativeDocument.objects.filter(document_number=POLICY).first()
    if doc is None or Item.objects.filter(org=org, normative_document=doc).exists():
        return
    writer = ctx.user("dazhai_handler")
    relay = publishing.create_item(
        org, actor=writer, title="转发《某县城乡居民最低生活保障实施办法》的通知",
        document_number="大寨乡发〔2024〕4号",
        made_on=dt.date(2024, 6, 25), normative_document=doc,
        topic=Category.objects.get(scheme="topic", name="民政、扶贫、救灾"),
        genre=Category.objects.get(scheme="genre", name="通知"),
        body="各村（社区）：现将《某县城乡居民最低生活保障实施办法》转发给你们，请认真贯彻执行。")
    explained = interpretation.draft_interpretation(
        relay, actor=writer, title="《某县城乡居民最低生活保障实施办法》政策解读",
        body="一、修订背景：本办法施行后，原实施细则相应废止。\n二、主要变化：低保标准按上年度居民人均消费支出的一定比例确定。\n"
             "三、办理渠道：向户籍所在地乡人民政府提出申请。")
    for item in (relay, explained):
        item = publishing.submit(item, actor=writer)
        for name in REVIEWERS[:2]:
            item = publishing.approve(item, actor=ctx.user(name), comment="同意")
    relay.refresh_from_db()
    publishing.approve(relay, actor=ctx.user(REVIEWERS[2]), comment="同意，与政策解读同步发布")


def load(ctx: DemoContext) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    _consultations(ctx, today)
    _concern(ctx, today)
    _interpretation(ctx)
    ctx.notes.append("意见征集：/consultations/public/ （大寨乡一件征求意见中、一件已公布采纳情况）；"
                     "回应关切：/consultations/concerns/ ；政策解读：大寨乡转发的县低保实施办法与其解读同步发布")


def register() -> None:
    register_loader("consultations", load, order=70)
