"""The demo county frozen on 2026-12-05: fixtures shared by the complaint, consultation and rectification tests
(each package's conftest takes them from here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.orgs.demo import load_county
from gongkai.orgs.models import Organisation, User
from gongkai.web.demo import DemoContext

TODAY = date(2026, 12, 5)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def frozen_today() -> Iterator[None]:
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def county(db: None) -> DemoContext:
    ctx = DemoContext()
    load_county(ctx)
    return ctx


@pytest.fixture
def dazhai(county: DemoContext) -> Organisation:
    return Organisation.objects.get(name="大寨乡")


@pytest.fixture
def users(county: DemoContext) -> Callable[[str], User]:
    return lambda username: User.objects.get(username=username)
