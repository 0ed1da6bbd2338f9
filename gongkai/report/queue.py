"""`gongkai report check --queue`: the files read and checked by background workers on any number of machines.

Each file's bytes travel with its task through Redis (the Tasks framework's RQ backend), so the workers need no
shared disk; a file past the read limits (`read.limits`) is not sent but is that limit's finding, as it would be
without --queue. The results come back in the input order and are paired with last year's report as
`checking.check_files` pairs them, so the output is the same as without --queue.
"""

from __future__ import annotations

import base64
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from gongkai.report.checking import CheckedReport, check_read
from gongkai.report.findings import finding
from gongkai.report.read import ReadResult, limits, read_bytes

IN_FLIGHT = 1024  # files handed out and not yet gathered: memory stays flat however long the batch
CHUNK_FILES = 64  # files per task (GONGKAI_QUEUE_CHUNK_FILES): a worker's cost per task (a fork) shared by several
CHUNK_BYTES = 16 * 1024 * 1024
POLL_SECONDS = 0.02
REDIS_URL_ENV = "GONGKAI_TASKS_REDIS_URL"


class QueueError(Exception):
    """The queue cannot be used (no Redis named, or a worker's task failed); the message says why."""


def setup(url: str | None) -> None:
    """Configure Django for the RQ backend on `url` (else GONGKAI_TASKS_REDIS_URL)."""
    url = url or os.environ.get(REDIS_URL_ENV, "").strip()
    if not url:
        raise QueueError(f"--queue 需要 Redis 地址：用 --redis-url 给出，或设置环境变量 {REDIS_URL_ENV}。")
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise QueueError(f"--redis-url 应以 redis://、rediss:// 或 unix:// 开头：{url}")
    os.environ[REDIS_URL_ENV] = url
    from gongkai.web import bootstrap

    bootstrap.setup()
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        raise QueueError(f"无法连接 Redis {url}：{exc}") from None


def _encode(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def check_some(files: list[list[str]]) -> list[dict[str, Any]]:
    """In a worker: files ([name, base64 bytes]) read and checked one by one, each with its agency and year."""
    out = []
    for name, data in files:
        checked = check_read(read_bytes(base64.b64decode(data), source=name))
        report = checked.read.report
        out.append({"key": [report.agency, report.year] if report is not None else None,
                    "checked": _encode(pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL))})
    return out


def _task() -> Any:
    from gongkai.report import queue_tasks

    return queue_tasks.check_reports


def _local(path: Path) -> CheckedReport | None:
    """What the file is without sending it: unreadable, or past the file-size limit (else None: send it)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        result = ReadResult(str(path), None, [finding("READ.not_a_report", f"无法打开文件：{exc.strerror}")])
    else:
        if size <= limits.current().file_bytes:
            return None
        exc_ = limits.LimitExceeded("file_bytes", size)
        result = ReadResult(str(path), None, [finding("READ.limit", exc_.message)], None, "text")
    return CheckedReport(result, list(result.findings))


def _gathered(paths: list[Path]) -> Iterator[CheckedReport]:
    """Each file's CheckedReport, in order; at most IN_FLIGHT files out at once (Redis failing: QueueError)."""
    import redis

    try:
        yield from _handed_out(paths)
    except redis.RedisError as exc:
        raise QueueError(f"与 Redis 的连接中断：{exc}") from None


class _Chunk:
    """Up to CHUNK_FILES files (CHUNK_BYTES of them) sent as one task; those not sent are already results."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.entries: list[CheckedReport | None] = []  # None: a file the task checks
        self.sent: list[list[str]] = []
        self.size = 0
        self.result: Any = None

    def add(self, path: Path) -> None:
        local = _local(path)
        if local is None:
            try:
                data = path.read_bytes()
            except OSError as exc:
                result = ReadResult(str(path), None, [finding("READ.not_a_report", f"无法打开文件：{exc.strerror}")])
                local = CheckedReport(result, list(result.findings))
            else:
                self.sent.append([str(path), _encode(data)])
                self.size += len(data)
        self.entries.append(local)

    @property
    def full(self) -> bool:
        return len(self.entries) >= self.most or self.size >= CHUNK_BYTES

    def send(self, task: Any) -> None:
        if self.sent:
            self.result = task.enqueue(self.sent)
        self.sent = []  # the bytes are in Redis now

    def results(self) -> Iterator[CheckedReport]:
        answers = iter(_wait(self.result) if self.result is not None else [])
        for entry in self.entries:
            if entry is not None:
                yield entry
            else:
                loaded: CheckedReport = pickle.loads(base64.b64decode(next(answers)["checked"]))
                yield loaded


def _handed_out(paths: list[Path]) -> Iterator[CheckedReport]:
    task = _task()
    pending: deque[_Chunk] = deque()
    files = iter(paths)
    most = max(1, int(os.environ.get("GONGKAI_QUEUE_CHUNK_FILES", "") or CHUNK_FILES))

    def hand_out() -> None:
        chunk = _Chunk(most)
        for path in files:
            chunk.add(path)
            if chunk.full:
                chunk.send(task)
                pending.append(chunk)
                if len(pending) * most >= IN_FLIGHT:
                    return
                chunk = _Chunk(most)
        if chunk.entries:
            chunk.send(task)
            pending.append(chunk)

    hand_out()
    while pending:
        yield from pending.popleft().results()
        hand_out()


def _wait(result: Any) -> list[dict[str, Any]]:
    from django_tasks import TaskResultStatus

    while True:
        result.refresh()
        if result.status == TaskResultStatus.SUCCESSFUL:
            answers: list[dict[str, Any]] = result.return_value
            return answers
        if result.status == TaskResultStatus.FAILED:
            why = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else "?"
            raise QueueError(f"后台检查失败（{why}）")
        time.sleep(POLL_SECONDS)  # waiting for the worker's answer, not for time to pass


def check_files(
    paths: list[Path], previous: Path | None = None, *, progress: Callable[[], None] | None = None
) -> Iterator[CheckedReport]:
    """As `checking.check_files`, the reading and checking done by the queue's workers.

    The checked reports are kept in memory only as their agency and year until all are in; the reports
    themselves are held until the end (for pairing), pickled, as checking.check_files keeps them on disk.
    """
    import tempfile

    given = [*paths, previous] if previous is not None else list(paths)
    with tempfile.TemporaryFile(prefix="gongkai-queue-") as spill:
        places: list[tuple[int, int]] = []
        by_agency_year: dict[tuple[str, int], int] = {}
        keys: list[tuple[str, int] | None] = []
        for index, checked in enumerate(_gathered(given)):
            blob = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
            places.append((spill.tell(), len(blob)))
            spill.write(blob)
            if index < len(paths):
                report = checked.read.report
                key = (report.agency, report.year) if report is not None else None
                keys.append(key)
                if key is not None:
                    by_agency_year[key] = index
                if progress is not None:
                    progress()

        def load(index: int) -> CheckedReport:
            offset, length = places[index]
            spill.seek(offset)
            loaded: CheckedReport = pickle.loads(spill.read(length))
            return loaded

        given_previous = load(len(paths)).read if previous is not None else None
        for index, key in enumerate(keys):
            checked = load(index)
            last_year = given_previous
            if last_year is None and key is not None and (key[0], key[1] - 1) in by_agency_year:
                last_year = load(by_agency_year[key[0], key[1] - 1]).read
            yield check_read(checked.read, last_year) if last_year is not None else checked
