"""Fixtures of the findings tests: the demo county's organisations and people only, and published reports."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gongkai.annual import services
from gongkai.orgs.models import Organisation, User
from gongkai.report.model import AnnualReport
from gongkai.report.render import render
from gongkai.web import demo as demo_module

YEAR = 2024


@pytest.fixture
def county(db: None) -> demo_module.DemoContext:
    ctx = demo_module.DemoContext()
    demo_module._loaders["orgs"].load(ctx)
    return ctx


Publish = Callable[..., None]


@pytest.fixture
def publish(county: demo_module.DemoContext) -> Publish:
    """`publish(agency, username, **cells)`: the agency's YEAR report, all zeros but the cells given
    (`applications__new__natural_person=5`), imported as published by one of its staff; `note` changes its text."""

    def make(agency: str, username: str, *, note: str = "", **cells: int) -> None:
        report = AnnualReport.zeros(agency, YEAR)
        for key, value in cells.items():
            report.set(*key.split("__"), value)
        report.sections["overall"] = f"本机关依法公开政府信息。{note}"
        data = render(report, "text").encode("utf-8")
        org = Organisation.objects.get(name=agency)
        services.import_published(org, YEAR, data, f"{agency}.txt", actor=User.objects.get(username=username))

    return make
