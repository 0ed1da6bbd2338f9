"""Worker processes for reading untrusted files: every file in a process with a CPU-time and memory limit.

`run(function, items, jobs=N)` calls `function(item)` in N worker processes and yields the results
in the order of `items`, as soon as each is next in line (at most `window` items are in flight, so a
batch of 100,000 files holds a few hundred results, never all of them). A worker is limited with
`resource.setrlimit`: its address space to `memory_bytes` for its whole life, and before each item
its CPU time to `cpu_seconds` more than it has used. A worker that goes past a limit is killed by
the kernel (SIGXCPU) or fails to allocate; it is replaced, and that item's result is
`on_failure(item, reason)` — the reason in Chinese, naming the limit — while the batch goes on.
A worker is also replaced after `ITEMS_PER_WORKER` items: memory a reader library keeps from file
to file (python-docx does) never adds up to the limit.

Workers are forked when the calling process has a single thread (the command line: cheap), else
started from a fork server (a web process with threads must not fork).
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import resource
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MiB = 1024 * 1024
_MEMORY_EXIT = 75  # a worker's exit status after MemoryError
ITEMS_PER_WORKER = 100  # then a worker is replaced: what a reader library keeps between files is given back


@dataclass(frozen=True)
class WorkerLimits:
    cpu_seconds: int = 60  # per item
    memory_bytes: int = 2048 * MiB  # address space of a worker process

    @classmethod
    def from_environment(cls) -> WorkerLimits:
        """The defaults, or GONGKAI_WORKER_CPU_SECONDS and GONGKAI_WORKER_MEMORY_MB when set."""
        cpu = os.environ.get("GONGKAI_WORKER_CPU_SECONDS")
        memory = os.environ.get("GONGKAI_WORKER_MEMORY_MB")
        return cls(
            cpu_seconds=int(cpu) if cpu else cls.cpu_seconds,
            memory_bytes=int(memory) * MiB if memory else cls.memory_bytes,
        )

    def reason(self, exitcode: int | None) -> str:
        """Why a worker ended while working on an item, from its exit status."""
        if exitcode == -signal.SIGXCPU:
            return f"处理此文件的CPU时间超过上限{self.cpu_seconds}秒，已停止"
        memory = f"{self.memory_bytes / MiB:,.0f} MB"
        if exitcode == _MEMORY_EXIT:
            return f"处理此文件所需内存超过上限{memory}，已停止"
        if exitcode is not None and exitcode < 0:
            name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
            return f"处理此文件的进程异常终止（{name}），可能超出内存上限{memory}，或文件已损坏"
        return f"处理此文件的进程异常退出（退出码{exitcode}）"


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    limits: WorkerLimits,
    on_failure: Callable[[T, str], R],
    window: int | None = None,
) -> Iterator[R]:
    """`function(item)` for every item, in worker processes, yielded in the order of `items`.

    `function` must be importable by name (a module-level function) and its results picklable.
    """
    pool = _Pool(function, max(1, jobs), limits)
    window = window or max(64, 16 * pool.jobs)
    pending: dict[int, T] = {}  # index -> item, dispatched and not yet done
    done: dict[int, R] = {}
    source = enumerate(items)
    next_out = 0
    exhausted = False
    try:
        while True:
            while not exhausted and pool.idle and len(pending) + len(done) < window:
                try:
                    index, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[index] = item
                pool.send(index, item)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if exhausted and not pending:
                return
            for index, ok, value in pool.receive():
                item = pending.pop(index)
                done[index] = value if ok else on_failure(item, value)
    finally:
        pool.close()


class _Worker:
    def __init__(self, context: Any, function: Callable[[Any], Any], limits: WorkerLimits) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, function, limits), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.done = 0  # items finished


class _Pool:
    def __init__(self, function: Callable[[Any], Any], jobs: int, limits: WorkerLimits) -> None:
        method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else None
        self.context = multiprocessing.get_context(method or "forkserver")
        self.function, self.jobs, self.limits = function, jobs, limits
        self.workers = [_Worker(self.context, function, limits) for _ in range(jobs)]

    @property
    def idle(self) -> bool:
        return any(w.task is None for w in self.workers)

    def send(self, index: int, item: Any) -> None:
        worker = next(w for w in self.workers if w.task is None)
        worker.task = index
        with contextlib.suppress(OSError):  # a worker that has died: `receive` sees it end and says why
            worker.connection.send(item)

    def receive(self) -> Iterator[tuple[int, bool, Any]]:
        """Wait for at least one worker to finish its item: (index, True, result) or (index, False, reason)."""
        busy = [w for w in self.workers if w.task is not None]
        ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            index = worker.task
            assert index is not None
            if worker.connection in ready:
                try:
                    payload = worker.connection.recv_bytes()
                except (EOFError, OSError):
                    payload = None
                if payload is not None:
                    worker.task = None
                    worker.done += 1
                    if worker.done >= ITEMS_PER_WORKER:
                        self.retire(worker)
                    yield index, True, pickle.loads(payload)
                    continue
            elif worker.process.sentinel not in ready:
                continue
            worker.process.join()
            yield index, False, self.limits.reason(worker.process.exitcode)
            worker.connection.close()
            self.workers[self.workers.index(worker)] = _Worker(self.context, self.function, self.limits)

    def retire(self, worker: _Worker) -> None:
        """A worker that has read its share of files is replaced by a fresh one (readers' memory does not add up)."""
        with contextlib.suppress(OSError, ValueError):
            worker.connection.send(None)
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.function, self.limits)

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):  # a worker that has just ended
                worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()


def _serve(connection: Connection, function: Callable[[Any], Any], limits: WorkerLimits) -> None:
    """A worker's loop: limits set, then one item at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the batch in the parent, which ends the workers
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_within(limits.memory_bytes, hard), hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))  # no core files
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        if message is None:
            return
        _arm_cpu(limits.cpu_seconds)
        try:
            result = pickle.dumps(function(message), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        connection.send_bytes(result)


def _arm_cpu(seconds: int) -> None:
    """Let this process use `seconds` more CPU time from now; past that the kernel sends SIGXCPU (and it ends)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
    resource.setrlimit(resource.RLIMIT_CPU, (_within(soft, hard), hard))


def _within(value: int, hard: int) -> int:
    return value if hard == resource.RLIM_INFINITY else min(value, hard)
