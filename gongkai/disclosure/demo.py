"""Demo: 石桥镇's withheld replies in the register (one reviewed and kept), and 大寨乡 receiving three
requests for the same subsidy list — proposed for proactive publication on its dashboard."""

from __future__ import annotations

import datetime as dt

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader

SAME_INFORMATION = (
    (dt.date(2025, 9, 8), "大寨乡2025年耕地地力保护补贴发放名单及标准"),
    (dt.date(2025, 10, 13), "请公开大寨乡2025年度耕地地力保护补贴的发放名单和补贴标准"),
    (dt.date(2025, 11, 3), "2025年耕地地力保护补贴发放名单、标准（大寨乡）"),
)


def _same_information(ctx: DemoContext) -> None:
    from gongkai.applications import services
    from gongkai.applications.models import Request

    org = ctx.org("大寨乡")
    handler = ctx.user("dazhai_handler")
    for i, (received, text) in enumerate(SAME_INFORMATION):
        if Request.objects.filter(org=org, description=text).exists():
            continue
        data = {"applicant_type": "natural_person", "applicant_name": ("王五", "赵六", "钱七")[i],
                "id_type": "resident_id", "id_number": "110101199001011237", "phone": "13800000000", "email": "",
                "provision_form": "electronic", "delivery_way": "online", "description": text}
        services.register(org, data, actor=handler, channel="in_person", handed_in=received)


def load(ctx: DemoContext) -> None:
    from django.core.exceptions import ValidationError

    from gongkai.disclosure import withheld
    from gongkai.disclosure.constants import ReviewDecision, WithheldState
    from gongkai.disclosure.models import WithheldEntry

    withheld.register_existing()
    shiqiao = ctx.org("石桥镇")
    oldest = WithheldEntry.objects.filter(org=shiqiao, state=WithheldState.WITHHELD).order_by("decided_on").first()
    if oldest is not None and not oldest.reviews.exists():
        withheld.review(oldest, actor=ctx.user("shiqiao_admin"), decision=ReviewDecision.KEEP,
                        reason="所涉事项尚未形成最终决定，公开后可能影响决策，继续不予公开。",
                        on=withheld.add_months(oldest.decided_on, 12))
    try:
        _same_information(ctx)
    except ValidationError as exc:
        ctx.notes.append(f"转主动公开演示：相近申请未能全部生成（{'；'.join(exc.messages)}）")
    ctx.notes.append("转主动公开与不予公开信息登记：/disclosure/ （大寨乡有三件相近申请待决定；"
                     "石桥镇的不予公开登记到期待评估审查）")


def register() -> None:
    register_loader("disclosure", load, order=60)
