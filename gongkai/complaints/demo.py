"""Demo: the county's 政务公开办 holds two complaints — one about 石桥镇 decided 成立 and replied (with
correction ordered), one about 河口镇 waiting for the town's explanation."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader


def load(ctx: DemoContext) -> None:
    from gongkai.complaints import services
    from gongkai.complaints.constants import Channel, Finding
    from gongkai.complaints.models import Complaint

    if Complaint.objects.exists():
        return
    handler, today = ctx.user("county_handler"), timezone.localdate()
    received = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=30))
    replied = services.register(ctx.org("石桥镇"), {
        "name": "李四", "phone": "13900000001", "kind": "no_reply", "request_reference": "石桥镇〔2026〕5号",
        "description": "申请公开石桥镇2025年道路养护经费使用情况，超过20个工作日未收到答复。",
    }, actor=handler, channel=Channel.LETTER, received_on=received)
    services.ask_agency(replied, actor=handler, question="请说明该申请的办理情况。")
    services.explain(replied, actor=ctx.user("shiqiao_handler"), explanation="因工作疏漏未按时答复，已补正答复。")
    services.reply(replied, actor=ctx.user("county_head"), finding=Finding.UPHELD, correction=True,
                   text="石桥镇未在法定期限内答复属实。已责令其改正，并在全县通报。")
    waiting = services.register(ctx.org("河口镇"), {
        "name": "王五", "phone": "13900000002", "kind": "not_published",
        "description": "河口镇2026年惠民惠农财政补贴资金发放情况未主动公开。",
    }, actor=handler, channel=Channel.PHONE, received_on=today)
    services.ask_agency(waiting, actor=handler, question="请说明补贴资金发放情况是否已按规定公开。")


def register() -> None:
    register_loader("complaints", load, order=80)
