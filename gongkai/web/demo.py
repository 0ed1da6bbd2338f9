"""The demo data set: loaders registered by the apps, run in order, each idempotent.

A later app adds its records to the demo county, in its AppConfig.ready()::

    from gongkai.web import demo

    def load_requests(ctx: demo.DemoContext) -> None:
        dazhai = ctx.org("大寨乡")
        handler = ctx.user("dazhai_handler")
        ...  # get_or_create by a natural key, so a second run adds nothing

    demo.register("applications", load_requests, order=20)

The organisations app's loader (order 10) creates the county, its agencies and their staff first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

DEMO_PASSWORD = "demo12345"  # printed on start; the demo only


@dataclass
class DemoLogin:
    username: str
    name: str
    org: str
    roles: str


@dataclass
class DemoContext:
    password: str = DEMO_PASSWORD
    logins: list[DemoLogin] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def org(self, name: str) -> Any:
        from gongkai.orgs.models import Organisation

        return Organisation.objects.get(name=name)

    def user(self, username: str) -> Any:
        from gongkai.orgs.models import User

        return User.objects.get(username=username)


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[DemoContext], None]
    order: int


_loaders: dict[str, DemoLoader] = {}


def register(name: str, load: Callable[[DemoContext], None], *, order: int = 100) -> None:
    """Add (or replace, by name) a loader; lower `order` runs first."""
    _loaders[name] = DemoLoader(name, load, order)


def load_all() -> DemoContext:
    """Run every loader in one transaction; safe to run again (nothing is duplicated)."""
    ctx = DemoContext()
    with transaction.atomic():
        for loader in sorted(_loaders.values(), key=lambda item: (item.order, item.name)):
            loader.load(ctx)
    return ctx


def logins_table(ctx: DemoContext) -> str:
    """The demo accounts as a plain-text table for the terminal."""
    rows = [("用户名", "姓名", "机关", "角色")] + [(x.username, x.name, x.org, x.roles) for x in ctx.logins]

    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)

    widths = [max(width(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
