from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.conftest import require
from tests.platform.tasks import redisserver


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of this test session's own (the Debian package; `.ci/run` installs it)."""
    if not redisserver.available():
        require("redis-server is not installed (apt-get install redis-server)")
    with redisserver.redis_server(Path(tmp_path_factory.mktemp("redis"))) as url:
        yield url
