"""`gongkai serve` holds slow clients: many idle, half-sent connections from one client do not lock others out.

waitress' defaults (at most 100 connections, idle ones kept 120 s) let 100 half-open connections stop the
site for everyone; the settings (GONGKAI_WAITRESS) raise the limit and close idle connections sooner.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.conftest import subprocess_env

GONGKAI = [sys.executable, "-m", "gongkai.cli"]
IDLE_CONNECTIONS = 200  # twice waitress' default limit


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, new_database) -> Iterator[str]:
    """`gongkai serve` on 127.0.0.1, started in its own process; yields its base URL once it listens."""
    env = subprocess_env(tmp_path / "data", new_database())
    env["GONGKAI_HTTPS"] = "0"
    port = free_port()
    process = subprocess.Popen([*GONGKAI, "serve", "--port", str(port)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:  # waits for the server's own announcement, no polling
            if "Serving on" in line:  # waitress logs it once it listens
                break
        else:
            pytest.fail(f"gongkai serve stopped (exit {process.wait()})")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def healthz(base: str, timeout: float) -> float:
    """Seconds /healthz took to answer ok."""
    started = time.monotonic()
    with urllib.request.urlopen(f"{base}/healthz", timeout=timeout) as response:
        assert json.load(response) == {"status": "ok"}
    return time.monotonic() - started


def test_two_hundred_half_open_connections_from_one_client_do_not_lock_others_out(server):
    healthz(server, timeout=30)
    host, port = server.removeprefix("http://").split(":")
    idle = []
    try:
        for _ in range(IDLE_CONNECTIONS):
            connection = socket.create_connection((host, int(port)), timeout=10)
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the header never ends
            idle.append(connection)
        # another person still gets an answer, while every idle connection is held open
        healthz(server, timeout=15)
        assert all(connection.fileno() != -1 for connection in idle)
    finally:
        for connection in idle:
            connection.close()
