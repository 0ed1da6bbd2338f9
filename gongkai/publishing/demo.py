"""Demo data: 大寨乡's published items (one relays a county normative document later abolished, with its
废止 mark), one in review, the county government's normative documents 2021–2024.

大寨乡 made no normative documents in 2023 — its real report says 0 — so its own register stays empty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.web.demo import DemoContext
from gongkai.web.demo import register as register_loader

D = dt.date
COUNTY = "某县人民政府"

# title, 文号, 成文日期, 施行日期, 废止 (date, act) or None; registered by the county government
COUNTY_DOCUMENTS: tuple[tuple[str, str, dt.date, dt.date, tuple[dt.date, str] | None], ...] = (
    ("某县农村集体经济组织资产管理办法", "某政发〔2021〕3号", D(2021, 3, 15), D(2021, 4, 15), None),
    ("某县城乡居民最低生活保障实施细则", "某政发〔2021〕11号", D(2021, 8, 2), D(2021, 9, 1),
     (D(2024, 6, 30), "某县人民政府关于废止部分行政规范性文件的决定（某政发〔2024〕9号）")),
    ("某县农村宅基地审批管理暂行办法", "某政发〔2022〕5号", D(2022, 4, 8), D(2022, 5, 1), None),
    ("某县临时救助实施办法", "某政发〔2022〕17号", D(2022, 10, 20), D(2022, 11, 1), None),
    ("某县城区道路停车管理办法", "某政发〔2023〕4号", D(2023, 2, 27), D(2023, 4, 1), None),
    ("某县秸秆综合利用和禁烧管理办法", "某政发〔2023〕12号", D(2023, 9, 5), D(2023, 10, 1), None),
    ("某县城乡居民最低生活保障实施办法", "某政发〔2024〕8号", D(2024, 6, 20), D(2024, 7, 1), None),
)

DAZHAI_ITEMS: tuple[dict[str, Any], ...] = (
    {"title": "大寨乡党政综合办公室职能及联系方式", "topic": "综合政务", "genre": "其他", "made_on": D(2024, 1, 8),
     "body": "大寨乡党政综合办公室负责全乡政务公开、信息报送、文电处理等工作。办公时间：工作日8:30—12:00，"
             "14:30—17:30。联系电话：0000-6120201。"},
    {"title": "大寨乡2023年政府信息公开工作年度报告", "topic": "综合政务", "genre": "报告", "made_on": D(2024, 1, 20),
     "body": "本报告根据《中华人民共和国政府信息公开条例》要求编制。2023年我乡未制定规范性文件，对上级已经废止的文件"
             "添加废止标识。"},
    {"title": "大寨乡2024年耕地地力保护补贴发放情况公示", "topic": "农业、林业、水利", "genre": "公告",
     "made_on": D(2024, 5, 6),
     "body": "根据县农业农村局通知，现将我乡2024年耕地地力保护补贴发放情况予以公示，公示期为7天。对公示内容有异议的，"
             "请向乡农业综合服务站反映。"},
    {"title": "转发《某县城乡居民最低生活保障实施细则》的通知", "topic": "民政、扶贫、救灾", "genre": "通知",
     "made_on": D(2021, 8, 10), "document_number": "大寨乡发〔2021〕6号", "register": "某政发〔2021〕11号",
     "body": "各村（社区）：现将《某县城乡居民最低生活保障实施细则》转发给你们，请认真贯彻执行。低保申请由户主向"
             "户籍所在地乡人民政府提出，经入户调查、民主评议、审核审批后公示。"},
)
IN_REVIEW = {"title": "大寨乡2024年度防汛抗旱应急预案", "topic": "公安、安全、司法", "genre": "意见",
             "made_on": D(2024, 5, 20), "body": "为做好我乡2024年防汛抗旱工作，最大限度减少灾害损失，制定本预案。"}
REVIEWERS = ("dazhai_reviewer1", "dazhai_reviewer2", "dazhai_reviewer3")


def _county_register(ctx: DemoContext) -> dict[str, Any]:
    from gongkai.publishing import register
    from gongkai.publishing.models import NormativeDocument

    county = ctx.org(COUNTY)
    docs = {}
    for title, number, signed, effective, ended in COUNTY_DOCUMENTS:
        doc = NormativeDocument.objects.filter(org=county, document_number=number).first()
        if doc is None:
            doc = register.register_document(county, actor=None, title=title, document_number=number,
                                             signed_on=signed, effective_on=effective)
            if ended:
                doc = register.end_document(doc, actor=None, on=ended[0], act=ended[1],
                                            reason="已被《某县城乡居民最低生活保障实施办法》替代")
        docs[number] = doc
    return docs


def _item(ctx: DemoContext, spec: dict[str, Any], docs: dict[str, Any], *, publish: bool) -> None:
    from gongkai.publishing import services
    from gongkai.publishing.constants import Scheme
    from gongkai.publishing.models import Category, Item

    dazhai = ctx.org("大寨乡")
    if Item.objects.filter(org=dazhai, title=spec["title"]).exists():
        return
    data = {k: v for k, v in spec.items() if k != "register"}
    data["topic"] = Category.objects.get(scheme=Scheme.TOPIC, name=spec["topic"])
    data["genre"] = Category.objects.get(scheme=Scheme.GENRE, name=spec["genre"])
    if "register" in spec:
        data["normative_document"] = docs[spec["register"]]
    writer = ctx.user("dazhai_handler")
    item = services.create_item(dazhai, actor=writer, **data)
    item = services.submit(item, actor=writer)
    stages = REVIEWERS if publish else REVIEWERS[:1]
    for name in stages:
        item = services.approve(item, actor=ctx.user(name), comment="同意")


def load(ctx: DemoContext) -> None:
    from gongkai.publishing import vocabularies

    vocabularies.ensure_defaults()
    docs = _county_register(ctx)
    for spec in DAZHAI_ITEMS:
        _item(ctx, spec, docs, publish=True)
    _item(ctx, IN_REVIEW, docs, publish=False)
    ctx.notes.append("主动公开：/publishing/catalogue/ 为公开目录；大寨乡有一件信息待复审（dazhai_reviewer2）。")


def register() -> None:
    register_loader("publishing", load, order=30)
