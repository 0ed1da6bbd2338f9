"""The catalogue's default vocabularies, put in place the first time they are needed (an empty scheme);
administrators then add, rename, reorder or switch entries off in the admin.

They are not written by a data migration: a fresh database stays empty, as `gongkai restore` requires.
"""

from __future__ import annotations

from gongkai.publishing.constants import Scheme
from gongkai.publishing.models import Category

__all__ = ["GENRES", "TOPICS", "ensure_defaults"]

# 主题分类: the top level of the State Council's subject classification of government documents (as
# used by the 中国政府网 policy library and most local catalogues).
TOPICS = (
    "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源", "农业、林业、水利",
    "工业、交通", "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育",
    "文化、广电、新闻出版", "卫生、体育", "人口与计划生育、妇女儿童工作", "劳动、人事、监察",
    "公安、安全、司法", "民政、扶贫、救灾", "民族、宗教", "对外事务", "港澳台侨工作", "国防", "其他",
)
# 体裁分类: the kinds of official document of the 党政机关公文处理工作条例 (第八条), plus the forms local
# catalogues add for items that are not documents.
GENRES = (
    "决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
    "议案", "函", "纪要", "规划计划", "统计信息", "工作动态", "其他",
)


def ensure_defaults() -> None:
    """Fill a scheme that has no entries at all with its defaults (never touches an edited list)."""
    for scheme, names in ((Scheme.TOPIC, TOPICS), (Scheme.GENRE, GENRES)):
        if not Category.objects.filter(scheme=scheme).exists():
            Category.objects.bulk_create(
                [Category(scheme=scheme, code=f"{n:02d}", name=name, sort_order=n * 10)
                 for n, name in enumerate(names, start=1)],
                ignore_conflicts=True,
            )
