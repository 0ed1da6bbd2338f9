"""The platform's tests: Django with the test settings, on SQLite or (DATABASE_URL) PostgreSQL.

Where a needed service is missing (PostgreSQL server, chromium) the tests are skipped with the reason,
unless GONGKAI_REQUIRE_ALL=1, which turns the skip into a failure (CI).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from gongkai.audit import guard  # noqa: E402
from gongkai.orgs.models import Organisation, User  # noqa: E402
from gongkai.web import demo as demo_module  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def require(reason: str) -> None:
    """Skip with the reason, or fail under GONGKAI_REQUIRE_ALL=1."""
    if os.environ.get("GONGKAI_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (GONGKAI_REQUIRE_ALL=1: required)", pytrace=False)
    pytest.skip(reason)


def _postgres_params() -> dict[str, Any] | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import dj_database_url

    cfg = dj_database_url.parse(url)
    return {
        "host": cfg.get("HOST") or "127.0.0.1",
        "port": int(cfg.get("PORT") or 5432),
        "user": cfg.get("USER") or "postgres",
        "password": cfg.get("PASSWORD") or None,
    }


@cache
def postgres_problem() -> str | None:
    """Why the PostgreSQL named by DATABASE_URL cannot be used, or None (also None when not asked for)."""
    params = _postgres_params()
    if params is None:
        return None
    import psycopg

    try:
        psycopg.connect(dbname="postgres", connect_timeout=3, **params).close()
    except psycopg.Error as exc:
        detail = " ".join(str(exc).split())
        return f"PostgreSQL server at {params['host']}:{params['port']} is not reachable ({detail})"
    return None


@pytest.fixture(autouse=True, scope="session")
def _database_server_available() -> None:
    if problem := postgres_problem():
        require(problem)


@pytest.fixture(autouse=True)
def _audit_checkpoints_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Each test writes its audit checkpoints to a file of its own, never to the working directory."""
    settings.GONGKAI_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


def on_postgres() -> bool:
    return _postgres_params() is not None


@pytest.fixture
def demo(db: None) -> demo_module.DemoContext:
    """The demo county, loaded fresh for the test (the test's transaction removes it afterwards)."""
    return demo_module.load_all()


@pytest.fixture
def org() -> Callable[[str], Organisation]:
    return lambda name: Organisation.objects.get(name=name)


@pytest.fixture
def client_for() -> Callable[[str], Client]:
    """A test client logged in as the named demo user."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return make


@pytest.fixture
def api_for() -> Callable[[str], APIClient]:
    """An API client authenticating with the named user's token, as an integration would."""

    def make(username: str) -> APIClient:
        token, _ = Token.objects.get_or_create(user=User.objects.get(username=username))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def audit_flushable(transactional_db: None) -> Iterator[None]:
    """For tests on a real (non-rolled-back) database: empty the audit tables before Django's flush,
    which the append-only triggers would otherwise refuse."""
    yield
    with guard.suspended(connection), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {guard.ENTRY_TABLE}")
        cursor.execute(f"DELETE FROM {guard.HEAD_TABLE}")


@pytest.fixture
def new_database(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty databases for subprocesses: SQLite files, or new PostgreSQL databases."""
    params = _postgres_params()
    made: list[str] = []

    def make() -> str:
        if params is None:
            return f"sqlite:///{tmp_path / f'scratch-{uuid.uuid4().hex[:10]}.sqlite3'}"
        import psycopg

        name = f"gongkai_scratch_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        auth = params["user"] + (f":{params['password']}" if params["password"] else "")
        return f"postgresql://{auth}@{params['host']}:{params['port']}/{name}"

    yield make
    if params is not None and made:
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def subprocess_env(data_dir: Path, database_url: str) -> dict[str, str]:
    """Environment for running `gongkai` as a user would: production settings, own data and database."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "GONGKAI_SECRET_KEY"}}
    env.update({"GONGKAI_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"})
    return env
