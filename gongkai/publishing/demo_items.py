"""Many published catalogue items for the demo (`gongkai demo --items N`): benchmarks and load tests.

The items are varied the way a county's catalogue is — every 主题 and 体裁, several years, titles,
summaries and bodies of different lengths, 文号 on the documents, an attachment on one item in ten —
and they are written with bulk_create (thousands a second), not through the 三审 workflow. Each
agency's 索引号 are drawn from the same NumberSequence counters the publishing app uses (a block of
numbers reserved per agency and year), so they stay unique and follow the configured pattern, and later
items published by hand continue the sequence. The search index rows are written in bulk too. One audit
entry per agency records the load.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.orgs.models import Organisation
from gongkai.publishing import config, search, vocabularies
from gongkai.publishing.constants import ItemEvent, ItemState, ItemValidity, Scheme
from gongkai.publishing.models import Attachment, Category, Item, NumberSequence, SearchGram
from gongkai.publishing.models.items import attachment_path
from gongkai.web import cache as public_version

__all__ = ["DemoItemsResult", "add_items"]

BATCH = 2000
ATTACHMENT_EVERY = 10
FIRST_YEAR = 2019

# Words the generated texts are made of: what county catalogues are about.
SUBJECTS = (
    "城乡居民最低生活保障", "临时救助", "耕地地力保护补贴", "农村宅基地审批", "秸秆综合利用", "防汛抗旱",
    "森林防火", "义务教育学校招生", "城乡居民基本医疗保险", "农村危房改造", "高标准农田建设", "乡村振兴",
    "安全生产大检查", "食品安全抽检", "道路交通安全", "集贸市场管理", "农村人居环境整治", "河长制",
    "残疾人两项补贴", "特困人员供养", "退役军人优待", "就业援助", "职业技能培训", "重大项目建设",
    "政府采购", "财政预算", "财政决算", "行政事业性收费", "人大代表建议办理", "政协提案办理",
    "民生实事", "老旧小区改造", "生活垃圾分类", "饮用水水源保护", "地质灾害防治", "疫苗接种",
    "人口普查", "农业保险", "村级集体经济", "扶贫项目资金",
)
ACTIONS = (
    "关于做好{s}工作的通知", "关于印发{s}实施方案的通知", "{y}年{s}情况公示", "关于{s}的公告",
    "{y}年{s}工作总结", "{y}年{s}工作计划", "关于进一步加强{s}工作的意见", "{s}资金分配结果公开",
    "关于开展{s}专项行动的通知", "{s}政策解答", "{y}年{s}统计信息", "关于{s}有关事项的批复",
)
SENTENCES = (
    "根据上级有关文件精神，结合本地实际，制定本{k}。",
    "各村（社区）、各站所要高度重视，明确责任人，确保各项工作落到实处。",
    "对公示内容有异议的，请在公示期内向乡人民政府反映，联系电话：0000-6120201。",
    "资金严格按照规定用途使用，实行专账核算，任何单位和个人不得截留、挤占、挪用。",
    "申请人应当如实提供家庭收入、财产等情况，经入户调查、民主评议、审核审批后予以公示。",
    "工作中遇到的问题请及时报告，重大情况第一时间上报。",
    "本{k}自印发之日起施行，由乡党政综合办公室负责解释。",
    "{y}年共受理申请{n}件，办结{m}件，群众满意率明显提高。",
    "下一步将持续加强监督检查，建立长效机制，推动{s}工作规范化、制度化。",
    "请于每月5日前报送上月工作进展情况，逾期未报的予以通报。",
)


@dataclass(frozen=True)
class DemoItemsResult:
    created: int
    attachments: int
    search_rows: int


def _text(rng: random.Random, subject: str, year: int, kind: str, sentences: int) -> str:
    return "".join(
        rng.choice(SENTENCES).format(s=subject, y=year, k=kind, n=rng.randint(10, 400), m=rng.randint(5, 300))
        for _ in range(sentences)
    )


def _reserve(scope: str, count: int) -> int:
    """Reserve `count` numbers of `scope` at once; the first reserved is returned (NumberSequence's lock)."""
    NumberSequence.objects.get_or_create(scope=scope)
    NumberSequence.objects.filter(scope=scope).update(last=F("last") + count)
    return int(NumberSequence.objects.values_list("last", flat=True).get(scope=scope)) - count + 1


def _plan(
    count: int, orgs: list[Organisation], rng: random.Random, today: dt.date
) -> Iterator[tuple[Organisation, dt.date]]:
    last_year = today.year
    for _ in range(count):
        year = rng.randint(FIRST_YEAR, last_year)
        made = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        if made > today:
            made = today - dt.timedelta(days=rng.randint(1, 300))
        yield rng.choice(orgs), made


def add_items(count: int, *, seed: int = 17, today: dt.date | None = None) -> DemoItemsResult:
    """Publish `count` generated items spread over the active agencies; safe to call again (adds more)."""
    vocabularies.ensure_defaults()
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}:{Item.objects.count()}")
    orgs = list(Organisation.objects.filter(is_active=True).order_by("pk"))
    if not orgs or count <= 0:
        return DemoItemsResult(0, 0, 0)
    topics = list(Category.objects.filter(scheme=Scheme.TOPIC, is_active=True))
    genres = list(Category.objects.filter(scheme=Scheme.GENRE, is_active=True))
    pattern = config.NumberPattern(config.index_pattern())
    pattern.check()
    plan = sorted(_plan(count, orgs, rng, today), key=lambda row: row[1])
    # one block of 索引号 per agency and year, reserved up front
    needed: dict[tuple[int, int], int] = defaultdict(int)
    for org, made in plan:
        needed[(org.pk, made.year)] += 1
    by_pk = {org.pk: org for org in orgs}
    next_seq: dict[tuple[int, int], int] = {}
    created = attachments = grams = 0
    with transaction.atomic():
        for (org_pk, year), n in needed.items():
            values = {"code": by_pk[org_pk].index_code, "year": year}
            next_seq[(org_pk, year)] = _reserve("index:" + pattern.scope(**values), n)
        for start in range(0, len(plan), BATCH):
            items = []
            for org, made in plan[start : start + BATCH]:
                subject, genre, topic = rng.choice(SUBJECTS), rng.choice(genres), rng.choice(topics)
                key = (org.pk, made.year)
                seq, next_seq[key] = next_seq[key], next_seq[key] + 1
                published = timezone.make_aware(
                    dt.datetime.combine(min(made + dt.timedelta(days=rng.randint(0, 19)), today), dt.time(9))
                    + dt.timedelta(minutes=rng.randint(0, 480)))
                numbered = rng.random() < 0.4
                items.append(Item(
                    org=org, index_number=pattern.render(seq, code=org.index_code, year=made.year),
                    title=f"{org.name}{rng.choice(ACTIONS).format(s=subject, y=made.year)}"[:300],
                    summary=_text(rng, subject, made.year, genre.name, rng.randint(0, 2))[:500],
                    body=_text(rng, subject, made.year, genre.name, rng.choice((1, 3, 6, 12, 30))),
                    publisher=org.name, made_on=made, topic=topic, genre=genre,
                    document_number=f"{org.name[:2]}发〔{made.year}〕{seq}号" if numbered else "",
                    validity=ItemValidity.IN_FORCE if numbered else "", state=ItemState.PUBLISHED,
                    published_at=published,
                ))
            Item.objects.bulk_create(items, batch_size=BATCH)
            created += len(items)
            rows = [SearchGram(item=item, gram=g) for item in items for g in search.bigrams(search.document_of(item))]
            SearchGram.objects.bulk_create(rows, batch_size=5000)
            grams += len(rows)
            files = []
            for item in items[::ATTACHMENT_EVERY]:
                attachment = Attachment(item=item, name=f"{item.title[:60]}.txt")
                content = f"{item.title}\n\n{item.body}\n".encode()
                attachment.file.name = default_storage.save(attachment_path(attachment, attachment.name),
                                                            ContentFile(content))
                attachment.size = len(content)
                files.append(attachment)
            Attachment.objects.bulk_create(files)
            attachments += len(files)
        loaded: dict[int, int] = defaultdict(int)
        for org, _made in plan:
            loaded[org.pk] += 1
        for org_pk, n in sorted(loaded.items()):
            record(ItemEvent.PUBLISHED, actor=None, org=by_pk[org_pk], after={"demo_items": n},
                   message=f"演示数据：批量发布 {n} 件信息")
        public_version.bump()  # bulk_create sends no signals: the public pages are told here
    return DemoItemsResult(created, attachments, grams)
