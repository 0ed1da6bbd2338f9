"""`gongkai serve --workers N`: N web processes on one port, each answering, one that dies replaced, all
stopped with the server (issue 17: serving that uses every core)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.platform.conftest import subprocess_env
from tests.platform.test_serving import free_port

GONGKAI = [sys.executable, "-m", "gongkai.cli"]


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def test_several_web_processes_share_the_port_and_stop_with_the_server(tmp_path, new_database):
    env = subprocess_env(tmp_path / "data", new_database())
    env.update({"GONGKAI_HTTPS": "0", "GONGKAI_TASKS_WORKER": "0"})
    port = free_port()
    server = subprocess.Popen([*GONGKAI, "serve", "--port", str(port), "--workers", "3"], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        announced = 0
        for line in server.stdout:  # each process announces itself once it listens
            announced += "Serving on" in line
            if announced == 3:
                break
        web = children(server.pid)
        assert len(web) == 3
        for _ in range(12):  # the connections are spread by the kernel; every one is answered
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as response:
                assert response.status == 200
        os.kill(next(iter(web)), signal.SIGKILL)  # a process that dies is replaced
        for line in server.stdout:
            if "Serving on" in line:
                break
        assert len(children(server.pid)) == 3
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
    for pid in web:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
