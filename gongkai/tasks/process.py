"""The worker as a child process of the web server: started with it, stopped with it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from types import FrameType

STOP_WAIT_SECONDS = 15
PARENT_ENV = "GONGKAI_WORKER_PARENT"
PARENT_LOOK_SECONDS = 2.0


def start_worker() -> subprocess.Popen[bytes] | None:
    """`gongkai worker --daily` beside the server, with the same settings; None when GONGKAI_TASKS_WORKER=0."""
    if os.environ.get("GONGKAI_TASKS_WORKER", "1") == "0":
        return None
    env = {**os.environ, PARENT_ENV: str(os.getpid())}
    return subprocess.Popen([sys.executable, "-m", "gongkai.cli", "worker", "--daily"], env=env)


def stop_worker(worker: subprocess.Popen[bytes] | None) -> None:
    """Ask the worker to stop after the task at hand; kill it if it has not within STOP_WAIT_SECONDS."""
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)  # waitress closes on SystemExit and returns, so the worker is stopped after it


@contextlib.contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes] | None]:
    """A worker for as long as the block runs (the web server's lifetime), SIGTERM included."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _exit) if main else None
    worker = start_worker()
    try:
        yield worker
    finally:
        stop_worker(worker)
        if main:
            signal.signal(signal.SIGTERM, previous)


def follow_parent() -> None:
    """In a worker started by `start_worker`: stop (as on SIGTERM) if the server went away without saying so."""
    parent = os.environ.get(PARENT_ENV, "")
    if not parent.isdigit():
        return

    def watch() -> None:
        while os.getppid() == int(parent):
            threading.Event().wait(PARENT_LOOK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="gongkai-worker-parent", daemon=True).start()
