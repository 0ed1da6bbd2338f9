"""Small builders shared by the publishing tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.orgs.models import Organisation, User
from gongkai.publishing import services
from gongkai.publishing.constants import Scheme
from gongkai.publishing.models import Category, Item


def user(username: str) -> User:
    return User.objects.get(username=username)


def category(scheme: Scheme, name: str) -> Category:
    return Category.objects.get(scheme=scheme, name=name)


def draft(org_name: str = "大寨乡", writer: str = "dazhai_handler", **data: Any) -> Item:
    data.setdefault("title", "大寨乡2024年耕地地力保护补贴发放情况公示")
    data.setdefault("body", "根据县农业农村局通知，现将我乡2024年耕地地力保护补贴发放情况予以公示。公示期7天。")
    data.setdefault("made_on", dt.date(2024, 5, 6))
    data.setdefault("topic", category(Scheme.TOPIC, "农业、林业、水利"))
    data.setdefault("genre", category(Scheme.GENRE, "公告"))
    return services.create_item(Organisation.objects.get(name=org_name), actor=user(writer), **data)


def through_review(item: Item, reviewers: tuple[str, str, str] = ("dazhai_reviewer1", "dazhai_reviewer2",
                                                                    "dazhai_reviewer3")) -> Item:
    item = services.submit(item, actor=item.created_by)
    for name in reviewers:
        item = services.approve(item, actor=user(name), comment="同意")
    return item
