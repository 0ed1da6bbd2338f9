"""Demo requests of the county: a register of 2022–2025 for most agencies, and live cases at 大寨乡.

大寨乡 received no request in 2023 (its real report for 2023 says so): its register starts in 2024, so
its table 三 for 2023 is all zeros. 石桥镇's register is the interesting one: every kind of outcome, both
kinds of applicant, requests carried over from one year into the next. The live cases at 大寨乡 are
made through the services (letters, audit trail), dated relative to today.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.constants import State
from gongkai.applications.models import Request
from gongkai.law.requests import ApplicantType, ReceiptChannel, outcome
from gongkai.web import demo

N, COM, RES, PUB, LEG, OTH = (
    ApplicantType.NATURAL_PERSON, ApplicantType.COMMERCIAL, ApplicantType.RESEARCH, ApplicantType.PUBLIC_INTEREST,
    ApplicantType.LEGAL_SERVICES, ApplicantType.OTHER_ORG,
)
d = date

# 石桥镇: (received, applicant, outcome or None, closed)
SHIQIAO: tuple[tuple[date, ApplicantType, str | None, date | None], ...] = (
    (d(2022, 3, 14), N, "granted", d(2022, 3, 30)),
    (d(2022, 6, 2), N, "not_exist", d(2022, 6, 20)),
    (d(2022, 9, 19), COM, "granted", d(2022, 10, 17)),
    (d(2022, 12, 12), N, "withheld_process_info", d(2023, 1, 9)),  # carried into 2023
    (d(2022, 12, 22), LEG, "partial", d(2023, 1, 18)),  # carried into 2023
    (d(2023, 2, 20), N, "granted", d(2023, 3, 10)),
    (d(2023, 3, 6), N, "already_published", d(2023, 3, 8)),
    (d(2023, 4, 11), N, "withheld_third_party", d(2023, 5, 25)),
    (d(2023, 5, 8), COM, "partial", d(2023, 6, 2)),
    (d(2023, 6, 19), N, "not_responsible", d(2023, 6, 28)),
    (d(2023, 7, 3), N, "repeat", d(2023, 7, 5)),
    (d(2023, 8, 14), N, "no_correction", d(2023, 9, 20)),
    (d(2023, 9, 4), RES, "needs_creation", d(2023, 9, 27)),
    (d(2023, 10, 16), N, "petition", d(2023, 10, 20)),
    (d(2023, 11, 13), PUB, "granted", d(2023, 12, 8)),
    (d(2023, 12, 18), COM, "withheld_internal_affairs", d(2024, 1, 16)),  # carried into 2024
    (d(2023, 12, 27), N, "no_payment", d(2024, 2, 29)),  # carried into 2024
    (d(2024, 3, 4), N, "granted", d(2024, 3, 22)),
    (d(2024, 4, 8), LEG, "withheld_enforcement_file", d(2024, 4, 30)),
    (d(2024, 6, 17), N, "unclear_after_correction", d(2024, 7, 26)),
    (d(2024, 8, 5), OTH, "withdrawn", d(2024, 8, 9)),
    (d(2024, 10, 21), N, "special_law", d(2024, 11, 8)),
    (d(2024, 12, 16), N, "granted", d(2025, 1, 10)),  # carried into 2025
    (d(2025, 3, 3), N, "granted", d(2025, 3, 20)),
    (d(2025, 5, 12), COM, "excessive", d(2025, 5, 30)),
)
# 大寨乡: nothing received in 2023; from 2024 on
DAZHAI: tuple[tuple[date, ApplicantType, str | None, date | None], ...] = (
    (d(2024, 5, 20), N, "granted", d(2024, 6, 7)),
    (d(2024, 9, 9), N, "not_exist", d(2024, 9, 26)),
    (d(2025, 4, 7), N, "already_published", d(2025, 4, 9)),
)
OTHERS = ("河口镇", "城关街道办事处", "某县教育局", "某县财政局", "某县自然资源局", "某县人民政府")
SUBJECTS = (
    "本村2023年度农村低保户名单及补助标准", "某路段道路改造工程的立项批复文件", "本镇集体土地征收补偿安置方案",
    "辖区学校2024年招生划片范围", "某企业环境影响评价审批文件", "乡村振兴项目资金使用明细",
    "某地块出让合同及规划条件", "城乡居民医疗保险缴费标准文件", "某村危房改造补助名单",
)
NAMES = ("张伟", "李娜", "王强", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周婷", "吴刚")
ORG_NAMES = {COM: "某县兴业建材有限公司", RES: "某省农业科学研究院", PUB: "某县环保公益协会",
             LEG: "某县正平律师事务所", OTH: "某村股份经济合作社"}
DEMO_ID = "110101199001011237"  # passes the GB 11643 check; not a real person


def _applicant(kind: ApplicantType, rng: random.Random) -> dict[str, Any]:
    if kind is ApplicantType.NATURAL_PERSON:
        return {"applicant_name": rng.choice(NAMES), "id_type": "resident_id", "id_number": DEMO_ID}
    return {"applicant_name": ORG_NAMES[kind], "id_type": "other", "id_number": "（演示）", "contact_person": "王经理"}


def _register(org: Any, rows: tuple[tuple[date, ApplicantType, str | None, date | None], ...], seed: int) -> int:
    """The register of past years, as the import would enter it (one audit entry per agency)."""
    if Request.objects.filter(org=org, tracking_code__startswith="DEMO").exists():
        return 0
    rng = random.Random(seed)
    for i, (received, kind, key, closed) in enumerate(sorted(rows, key=lambda r: r[0]), start=1):
        result = outcome(key) if key else None
        Request.objects.create(
            org=org, year=received.year, serial=services.take_serial(org, received.year),
            tracking_code=f"DEMO{seed:02d}{i:06d}", channel=ReceiptChannel.IN_PERSON,
            handed_in=received, received=received, applicant_type=kind, phone="0000-6120000",
            description=rng.choice(SUBJECTS), state=State.CLOSED if result else State.HANDLING,
            outcome=result.key if result else "", outcome_row=result.row() if result else "",
            outcome_article=result.citation if result else "", closed=closed, **_applicant(kind, rng),
        )
    return len(rows)


def _generated(seed: int) -> tuple[tuple[date, ApplicantType, str | None, date | None], ...]:
    """A plausible small register for 2022–2024: mostly 予以公开, some 不掌握 and 部分公开."""
    rng = random.Random(seed)
    rows = []
    for year in (2022, 2023, 2024):
        for _ in range(rng.randint(2, 6)):
            received = date(year, 1, 3) + timedelta(days=rng.randint(0, 350))
            kind = rng.choice([N, N, N, N, COM, LEG, RES])
            key = rng.choice(["granted", "granted", "granted", "already_published", "not_exist", "partial"])
            closed = received + timedelta(days=rng.randint(2, 26))
            rows.append((received, kind, key, closed))
    return tuple(rows)


def _live(ctx: demo.DemoContext) -> None:
    """Cases in progress at 大寨乡, through the services, relative to today."""
    org = ctx.org("大寨乡")
    handler, reviewer = ctx.user("dazhai_handler"), ctx.user("dazhai_reviewer3")
    today = timezone.localdate()
    if Request.objects.filter(org=org, year__gte=today.year - 1).exclude(tracking_code__startswith="DEMO").exists():
        return
    person = {"applicant_type": N, "applicant_name": "张三", "id_type": "resident_id", "id_number": DEMO_ID,
              "phone": "13800000000", "email": "zhangsan@example.com", "provision_form": "electronic",
              "delivery_way": "online"}

    def registered(days_ago: int, description: str, **extra: Any) -> Request:
        data = {**person, "description": description, **extra}
        req = services.register(org, data, actor=handler, channel=ReceiptChannel.IN_PERSON,
                                handed_in=today - timedelta(days=days_ago))
        return services.assign(req, handler, actor=handler)

    try:
        online = {**person, "applicant_name": "李四", "email": "lisi@example.com",
                  "description": "大寨村道路硬化工程的招标文件"}
        services.submit_online(org, online)
        registered(4, "本乡2025年度惠民惠农财政补贴资金发放明细")
        registered(35, "大寨村集体经济收益分配方案")
        late = registered(20, "关于那个项目的文件")
        services.request_correction(late, actor=handler, items="请写明所需文件的名称、文号或者形成时间等特征。",
                                    period=10, on=today - timedelta(days=18))
        consulted = registered(40, "某养殖场的环境影响评价批复及企业提交的材料", applicant_type=LEG,
                               applicant_name="某县正平律师事务所", id_type="other", id_number="（演示）",
                               contact_person="周律师")
        services.consult(consulted, actor=handler, kind="third_party", party="某县宏达养殖有限公司",
                         matter="企业提交的环评材料中的生产工艺部分", sent=today - timedelta(days=38))
        services.record_opinion(consulted.consultations.get(), actor=handler, answered=today - timedelta(days=30),
                                opinion="不同意公开生产工艺部分，涉及商业秘密。")
        draft = services.save_draft(
            consulted, actor=handler, outcome_key="partial",
            facts="现向您提供环评批复文件全文；企业提交材料中除生产工艺部分外的内容予以公开。",
            reasons="生产工艺部分涉及第三方商业秘密，第三方不同意公开（条例 第十五条、第三十七条）。",
        )
        services.submit_draft(draft, actor=handler)
        replied = registered(60, "本乡2024年度政府信息公开工作年度报告的编制底稿")
        draft = services.save_draft(
            replied, actor=handler, outcome_key="withheld_process_info",
            facts="您申请的年度报告编制底稿属于行政机关在履行行政管理职能过程中形成的过程性信息。",
            reasons="该信息属于过程性信息，依照条例 第十六条第二款可以不予公开；年度报告已主动公开。",
        )
        services.submit_draft(draft, actor=handler)
        services.approve_draft(draft, actor=reviewer, on=today - timedelta(days=40))
    except ValidationError as exc:  # e.g. a deadline in a year whose holiday notice is not entered yet
        ctx.notes.append(f"依申请公开演示：大寨乡的在办案例未能全部生成（{'；'.join(exc.messages)}）")


NEW_ACTS_MARK = "（演示：新办理环节）"


def _new_acts(ctx: demo.DemoContext) -> None:
    """One example of each act added for issue 16 at 大寨乡, so a newcomer finds them on the staff pages:
    复议前置 in a 无法提供 reply, a late 补正 (第三十条), an extension, 说明理由 and a deferral (第三十五条),
    disclosure despite a third party's objection (第三十二条), 一事一申请 (109号 第四条), the arrival day of a
    平常信函 (第三十一条), help for applicants (第四十三条) and requests to correct a record (第四十一条)."""
    from gongkai.applications import record_corrections
    from gongkai.applications.models import RecordCorrection

    org = ctx.org("大寨乡")
    if RecordCorrection.objects.filter(org=org).exists():
        return
    handler, head, reviewer = ctx.user("dazhai_handler"), ctx.user("dazhai_head"), ctx.user("dazhai_reviewer3")
    today = timezone.localdate()
    person = {"applicant_type": N, "applicant_name": "赵六", "id_type": "resident_id", "id_number": DEMO_ID,
              "phone": "13800000006", "email": "", "provision_form": "paper", "delivery_way": "post",
              "address": "某县大寨乡大寨村3组", "postcode": "100000"}

    def registered(days_ago: int, description: str, **extra: Any) -> Request:
        req = services.register(org, {**person, "description": description + NEW_ACTS_MARK}, actor=handler,
                                channel=extra.pop("channel", ReceiptChannel.IN_PERSON),
                                handed_in=extra.pop("handed_in", today - timedelta(days=days_ago)), **extra)
        return services.assign(req, handler, actor=handler)

    steps = (
        # 复议前置: a reply providing no information sends the applicant to 行政复议 first (setting per outcome)
        lambda: _replied(registered(30, "大寨村1998年土地承包台账原件"), handler, reviewer, today - timedelta(days=20),
                         "not_exist", "经检索本机关档案，未找到1998年土地承包台账原件，本机关不掌握该信息。"),
        # 第三十条: a 补正 notice later than 7 working days after receipt does not restart the reply clock
        lambda: services.request_correction(registered(25, "那个文件"), actor=handler, period=10,
                                            items="请写明所需文件的名称、文号或者形成时间。",
                                            on=today - timedelta(days=8)),
        # 第三十三条第二款: an extension approved by the office's head once the reply clock runs
        lambda: services.extend(registered(24, "本乡2025年度各村集体经济收支明细"), actor=head, days=10,
                                reason="涉及12个村的账目，需逐村核对。", on=today - timedelta(days=1)),
        # 第三十五条: 说明理由 asked, then a reasonable later reply date told to the applicant
        lambda: services.defer(services.ask_reasons(
            registered(10, "本乡2010年以来全部会议纪要（本月第9件申请）"), actor=handler,
            items="本月您已提出9件申请，请说明申请理由。", due=today + timedelta(days=10),
            on=today - timedelta(days=8)), actor=head, to=today + timedelta(days=40),
            reason="申请数量明显超过合理范围，需分批检索。"),
        # 第三十二条: disclosed despite the third party's objection, the third party told in writing
        lambda: _disclosed_despite(registered(30, "某砂石场的开采许可及整改报告"), handler, head, today),
        # 国办函〔2020〕109号 第四条: a multi-item application counted as its reasonable minimal units
        lambda: services.split_units(registered(3, "本乡2025年度的财政预算、政府采购合同和人员招聘名单"), actor=handler,
                                     units=3, reason="三项信息分属预算、采购、人事三个相互独立的事项。"),
        # 第三十一条: a 平常信函 confirmed days after the day it arrived (noticed on the request's page)
        lambda: registered(0, "大寨村饮水工程验收报告", channel=ReceiptChannel.ORDINARY_MAIL, handed_in=None,
                           arrived=today - timedelta(days=6), confirmed=today - timedelta(days=2)),
        # 第四十三条 and 第二十九条: an oral application written down for an applicant who cannot read
        lambda: registered(2, "本人的残疾人两项补贴发放记录", oral=True,
                           assistance="申请人视力障碍，工作人员代为填写申请并读给申请人确认。"),
        lambda: services.submit_online(org, {**person, "applicant_name": "钱七", "provision_form": "electronic",
                                             "delivery_way": "online", "description": "本乡无障碍设施改造计划"
                                             + NEW_ACTS_MARK}, assistance_needed=True),
    )
    for step in steps:
        try:
            step()
        except ValidationError as exc:  # e.g. a date in a year whose holiday notice is not entered yet
            ctx.notes.append(f"依申请公开演示：大寨乡的新办理环节未能全部生成（{'；'.join(exc.messages)}）")
    # 第四十一条: a request to correct a record about the applicant, one answered and one open
    row = {"applicant_type": N, "applicant_name": "王五", "id_number": DEMO_ID, "phone": "13800000001",
           "record": "2025年度耕地地力保护补贴发放名册", "inaccuracy": "本人承包面积记为1.2亩，应为2.1亩",
           "evidence": "土地承包经营权证复印件", "channel": ReceiptChannel.IN_PERSON,
           "received": today - timedelta(days=12), "assistance": ""}
    answered = record_corrections.register(org, row, actor=handler)
    record_corrections.decide(answered, actor=handler, decision="corrected", note="已将承包面积更正为2.1亩。",
                              on=today - timedelta(days=5))
    record_corrections.register(org, {**row, "applicant_name": "孙八", "record": "2025年度低保对象名册",
                                      "inaccuracy": "家庭人口记为2人，应为3人", "evidence": "户口簿复印件",
                                      "received": today - timedelta(days=2),
                                      "assistance": "申请人听力障碍，以文字交流。"}, actor=handler)


def _replied(request: Request, handler: Any, reviewer: Any, on: date, key: str, facts: str) -> None:
    draft = services.save_draft(request, actor=handler, outcome_key=key, facts=facts)
    services.submit_draft(draft, actor=handler)
    services.approve_draft(draft, actor=reviewer, on=on)


def _disclosed_despite(request: Request, handler: Any, head: Any, today: date) -> None:
    services.consult(request, actor=handler, kind="third_party", party="某县鑫源砂石有限公司",
                     matter="开采许可及环保整改报告", sent=today - timedelta(days=28))
    consultation = services.record_opinion(request.consultations.get(), actor=handler,
                                           answered=today - timedelta(days=20), opinion="不同意公开，涉及经营信息。")
    services.decide_disclosure(consultation, actor=head, on=today - timedelta(days=15),
                               reason="开采活动影响周边村民饮水安全，不公开可能对公共利益造成重大影响。")


def load(ctx: demo.DemoContext) -> None:
    for username in ("dazhai_handler", "shiqiao_handler", "hekou_handler", "chengguan_handler", "edu_handler"):
        user = ctx.user(username)
        if not user.email:
            user.email = f"{username}@example.com"
            user.save(update_fields=["email"])
    _register(ctx.org("石桥镇"), SHIQIAO, 6)
    _register(ctx.org("大寨乡"), DAZHAI, 5)
    for serial, name in enumerate(OTHERS, start=7):
        _register(ctx.org(name), _generated(serial), serial)
    _live(ctx)
    _new_acts(ctx)
    ctx.notes.append("依申请公开：网上申请 /requests/apply/ ，凭查询码查询 /requests/track/ ；"
                     "到期提醒：gongkai remind（演示环境写入 outbox/）")


def register() -> None:
    demo.register("applications", load, order=30)
