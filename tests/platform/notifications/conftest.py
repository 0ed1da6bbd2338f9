"""Fixtures of the notification tests: the demo county's people, each with an address, and a known calendar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import HolidayYear, Request
from gongkai.calendar import default_schedule
from gongkai.orgs.demo import load_county
from gongkai.orgs.models import Organisation, User
from gongkai.publishing import vocabularies
from gongkai.web.demo import DemoContext

PERSON = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "110101199001011237", "phone": "13800000000", "email": "zhang@example.com",
    "description": "本乡2024年度惠民惠农财政补贴资金发放明细", "provision_form": "electronic",
    "delivery_way": "online",
}
COMPANY = {**PERSON, "applicant_type": "commercial", "applicant_name": "某某农业发展有限公司", "id_type": "credit_code",
           "id_number": "91350100M000100Y43", "contact_person": "李四", "email": "office@example.com"}


@pytest.fixture
def county(db: None) -> DemoContext:
    """The demo county's agencies and people (no records); every person has an e-mail address."""
    ctx = DemoContext()
    load_county(ctx)
    vocabularies.ensure_defaults()
    for person in User.objects.all():
        person.email = f"{person.username}@example.gov.cn"
        person.save(update_fields=["email"])
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        if not default_schedule().knows_year(year):
            HolidayYear.objects.get_or_create(year=year, defaults={"notice": "测试用：按周一至周五计算"})
    return ctx


@pytest.fixture
def users(county: DemoContext) -> Callable[[str], User]:
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def register(county: DemoContext, users: Callable[[str], User]) -> Callable[..., Request]:
    """Register an in-person application at 大寨乡 received on `received` (as its handler)."""

    def make(received: date, **data: Any) -> Request:
        return services.register(Organisation.objects.get(name="大寨乡"), {**PERSON, **data},
                                 actor=users("dazhai_handler"), channel="in_person", handed_in=received)

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Iterator[Callable[..., Any]]:
    """Run an act as a web request would: its on-commit work (composing the mails) runs after it."""

    def run(act: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return act(*args, **kwargs)

    yield run
