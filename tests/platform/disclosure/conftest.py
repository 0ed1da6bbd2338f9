"""Fixtures of the disclosure tests: the demo county's agencies and people, the catalogue vocabularies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from gongkai.applications import services
from gongkai.applications.models import Request
from gongkai.orgs.demo import load_county
from gongkai.orgs.models import Organisation, User
from gongkai.publishing import vocabularies
from gongkai.web.demo import DemoContext

PERSON = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "110101199001011237", "phone": "13800000000", "email": "", "provision_form": "electronic",
    "delivery_way": "online",
}


@pytest.fixture
def county(db: None) -> DemoContext:
    ctx = DemoContext()
    load_county(ctx)
    vocabularies.ensure_defaults()
    return ctx


@pytest.fixture
def dazhai(county: DemoContext) -> Organisation:
    return Organisation.objects.get(name="大寨乡")


@pytest.fixture
def users(county: DemoContext) -> Callable[[str], User]:
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def register(dazhai: Organisation, users: Callable[[str], User]) -> Callable[..., Request]:
    """An in-person application at 大寨乡 asking for `description`, received on `received`."""

    def make(received: date, description: str, **data: Any) -> Request:
        return services.register(dazhai, {**PERSON, "description": description, **data},
                                 actor=users("dazhai_handler"), channel="in_person", handed_in=received)

    return make


@pytest.fixture
def reply(register: Callable[..., Request], users: Callable[[str], User]) -> Callable[..., Request]:
    """A request answered with `key` on `replied` through the reviewed reply (草稿 → 签发)."""

    def make(received: date, key: str, replied: date, description: str = "大寨村集体经济收益分配方案",
             reasons: str = "属于过程性信息，依照条例第十六条第二款不予公开。") -> Request:
        req = register(received, description)
        services.assign(req, users("dazhai_handler"), actor=users("dazhai_admin"))
        draft = services.save_draft(req, actor=users("dazhai_handler"), outcome_key=key, facts="经检索，答复如下。",
                                    reasons=reasons)
        services.submit_draft(draft, actor=users("dazhai_handler"))
        services.approve_draft(draft, actor=users("dazhai_reviewer3"), on=replied)
        req.refresh_from_db()
        return req

    return make
