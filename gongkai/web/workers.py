"""Several web processes on one listening socket: every core serves (one Python process uses one).

The parent binds the address, forks `count` children that each run waitress on the shared socket (the
kernel hands each new connection to one of them; each keeps waitress' guarantees: slow clients held,
WorkGate, /healthz), replaces a child that dies, and on SIGTERM or SIGINT stops them all and returns.
Sessions live in the database and the public pages' version in the data directory or Redis
(gongkai.web.cache), so the processes share what they must.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from types import FrameType

__all__ = ["default_count", "run"]

MAX_RESTARTS = 20  # a child that keeps dying at start is a configuration error, not something to retry forever


def default_count() -> int:
    """One process per core (GONGKAI_WEB_WORKERS overrides; 1 serves from this process itself)."""
    return max(1, os.cpu_count() or 1)


def bind(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def run(serve_on: Callable[[socket.socket], None], sock: socket.socket, count: int) -> int:
    """Fork `count` children running `serve_on(sock)`; supervise them until told to stop."""
    from django.db import connections

    connections.close_all()  # no connection may be shared across a fork
    children: dict[int, int] = {}
    stopping = False

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the child: default signal handling, serve until killed
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                serve_on(sock)
            except BaseException:
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children[pid] = slot

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    restarts = 0
    try:
        for slot in range(count):
            start(slot)
        while children:
            time.sleep(0.5)  # woken early by a signal; only our own children are looked at
            for pid in list(children):
                try:
                    done, _status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done = pid
                if not done:
                    continue
                slot = children.pop(pid)
                if stopping:
                    continue
                restarts += 1
                if restarts > MAX_RESTARTS:
                    print(f"gongkai: 网站进程反复退出（{restarts} 次），停止服务。", file=sys.stderr, flush=True)
                    stop(signal.SIGTERM, None)
                    continue
                start(slot)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    return 0 if stopping else 1
