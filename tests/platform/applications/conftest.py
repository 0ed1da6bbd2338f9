"""Fixtures of the requests app's tests: the demo county without its records, a known calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import HolidayYear, Request
from gongkai.calendar import default_schedule
from gongkai.orgs.demo import load_county
from gongkai.orgs.models import Organisation, User
from gongkai.web.demo import DemoContext

PERSON = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "110101199001011237", "phone": "13800000000", "email": "zhang@example.com",
    "description": "本乡2024年度惠民惠农财政补贴资金发放明细", "provision_form": "electronic",
    "delivery_way": "online",
}


@pytest.fixture
def county(db: None) -> DemoContext:
    """The demo county's agencies and people (no requests)."""
    ctx = DemoContext()
    load_county(ctx)
    return ctx


@pytest.fixture
def dazhai(county: DemoContext) -> Organisation:
    return Organisation.objects.get(name="大寨乡")


@pytest.fixture
def users(county: DemoContext) -> Callable[[str], User]:
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def known_calendar(db: None) -> None:
    """Today's year and the next, whatever day the tests run: where the official notice is not in
    chinesecalendar, the administrator's table declares the year (weekdays then count as working days)."""
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        if not default_schedule().knows_year(year):
            HolidayYear.objects.get_or_create(year=year, defaults={"notice": "测试用：按周一至周五计算"})


@pytest.fixture
def register(dazhai: Organisation, users: Callable[[str], User]) -> Callable[..., Request]:
    """Register an in-person application at 大寨乡 received on `received` (as its handler)."""

    def make(received: date, **data: Any) -> Request:
        return services.register(dazhai, {**PERSON, **data}, actor=users("dazhai_handler"), channel="in_person",
                                 handed_in=received)

    return make
