"""`gongkai serve` (and so `scripts/run`'s `gongkai demo`) starts the background worker beside the web server and
stops it with the server: on SIGTERM the server stops its worker; killed outright, its worker notices and stops."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.conftest import subprocess_env
from tests.platform.tasks.redisserver import free_port

WAIT_SECONDS = 60


def _children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append((int(entry.name), cmdline))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _until(condition: object, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def served(tmp_path: Path, new_database) -> Iterator[tuple[subprocess.Popen[str], int]]:  # type: ignore[no-untyped-def]
    """`gongkai serve` once it listens, and the pid of its worker."""
    env = {**subprocess_env(tmp_path / "data", new_database()), "GONGKAI_HTTPS": "0"}
    server = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "serve", "--port", str(free_port())], env=env,
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        for line in server.stdout:  # the server's own announcement
            if "Serving on" in line:
                break
        else:
            pytest.fail(f"gongkai serve stopped (exit {server.wait()})")
        workers: list[int] = []
        _until(lambda: workers.extend(p for p, cmd in _children(server.pid) if "gongkai.cli worker --daily" in cmd)
               or workers, "no worker beside the server")
        yield server, workers[0]
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(30)


def test_the_server_stops_its_worker_on_sigterm(served: tuple[subprocess.Popen[str], int]) -> None:
    server, worker = served
    assert _alive(worker)
    server.send_signal(signal.SIGTERM)
    assert server.wait(WAIT_SECONDS) == 0
    assert not _alive(worker)


STAND_IN = """
import sys, time, redis
from rq import Worker
from gongkai.tasks.process import start_worker
worker = start_worker()
connection = redis.Redis.from_url(sys.argv[1])
while not Worker.all(connection=connection):  # until it listens
    assert worker.poll() is None, "the worker did not start"
    time.sleep(0.05)
print(worker.pid)
"""


def test_a_worker_whose_server_went_away_stops_by_itself(tmp_path: Path, redis_url: str) -> None:
    """A server killed outright (SIGKILL) cannot stop its worker: the worker sees its parent gone and stops."""
    import redis
    from rq import Worker

    env = {**subprocess_env(tmp_path / "data", "sqlite:///unused"), "GONGKAI_TASKS_REDIS_URL": redis_url}
    parent = subprocess.run(  # a stand-in for the server: starts the worker as serve does, then is gone
        [sys.executable, "-c", STAND_IN, redis_url], env=env, cwd=tmp_path, capture_output=True, text=True,
        timeout=WAIT_SECONDS, check=True)
    worker = int(parent.stdout.split()[-1])
    _until(lambda: not _alive(worker), "the orphaned worker kept running")
    assert Worker.all(connection=redis.Redis.from_url(redis_url)) == []  # a clean stop: RQ signed it off
