"""Issue 14 item 3: `gongkai report check --queue` hands the files to background workers through Redis (the Tasks
framework's RQ backend) and gathers the results: the same output, in the same order, as without --queue.

Two `gongkai worker` processes and a redis-server of the test's own; the files travel as bytes (the workers'
data directory is not the files' folder), the result of each is paired with last year's from the batch.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.tasks import redisserver
from tests.report.test_check_jobs import _batch

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60
CHUNK = 2  # files per task here (64 by default), so that 17 files are 9 tasks for two workers


def _env(tmp: Path, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "GONGKAI_TASKS_REDIS_URL"}}
    env.update({"GONGKAI_DATA_DIR": str(tmp), "PYTHONUNBUFFERED": "1"})
    return env


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    """A redis-server and two workers registered with it (waited for), stopped afterwards."""
    if not redisserver.available():
        if os.environ.get("GONGKAI_REQUIRE_ALL") == "1":
            pytest.fail("redis-server is not installed (GONGKAI_REQUIRE_ALL=1: required)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    import redis
    from rq import Worker

    with redisserver.redis_server(tmp_path) as url:
        env = {**_env(tmp_path / "workers", url), "GONGKAI_TASKS_REDIS_URL": url}
        workers = [subprocess.Popen([sys.executable, "-m", "gongkai.cli", "worker"], cwd=tmp_path, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
        try:
            connection = redis.Redis.from_url(url)
            deadline = time.monotonic() + WAIT_SECONDS
            while len(Worker.all(connection=connection)) < 2:  # wait until both listen
                assert time.monotonic() < deadline and all(w.poll() is None for w in workers), "workers did not start"
                time.sleep(0.05)
            yield url
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                try:
                    worker.wait(30)
                except subprocess.TimeoutExpired:  # not what this test is about (see tests/platform/tasks)
                    worker.kill()
                    worker.wait()


def _check(tmp: Path, folder: Path, *options: str) -> tuple[int, str]:
    env = {**_env(tmp / "client", ""), "GONGKAI_QUEUE_CHUNK_FILES": str(CHUNK)}
    done = subprocess.run([sys.executable, "-m", "gongkai.cli", "report", "check", *options, str(folder)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout


def test_the_queue_gives_the_output_of_a_local_check_from_two_workers(tmp_path: Path, two_workers: str) -> None:
    import redis
    from rq import Worker

    folder = tmp_path / "reports"
    folder.mkdir()
    _batch(folder)
    for i in range(12):  # more files than one worker would take before the other is free
        (folder / f"d-{i:02d}.txt").write_bytes((folder / "a-seed.text").read_bytes())
    for output in ("text", "json"):
        local = _check(tmp_path, folder, "--format", output)
        queued = _check(tmp_path, folder, "--format", output, "--queue", "--redis-url", two_workers)
        assert queued == local
        assert local[0] == 3  # the broken PDF: 未能完整读取
    assert "XY." in local[1]  # the next year was paired with the seed found in the batch
    counts = [w.successful_job_count for w in Worker.all(connection=redis.Redis.from_url(two_workers))]
    assert sum(counts) == 2 * 9 and all(counts), counts  # both workers checked files, two a task


def test_without_a_redis_address_the_queue_says_how_to_give_one(tmp_path: Path) -> None:
    code, _ = _check(tmp_path, REPO / "tests" / "fixtures" / "reports" / "dazhai-2023.txt", "--queue")
    assert code == 2


def test_a_check_without_queue_imports_neither_django_nor_the_collector() -> None:
    """Issue 14 item 6: `gongkai report check one.txt` starts without Django; --queue alone brings it in. Nor does it
    load the collector's HTTP client (`report collect` alone needs it)."""
    probe = ("import sys; from gongkai.cli import main; main(['report', 'check', sys.argv[1]]);"
             "print('django' in sys.modules, 'gongkai.report.collect.fetch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, str(REPO / "tests/fixtures/reports/dazhai-2023.txt")],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "False False"
