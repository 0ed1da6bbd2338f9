"""The commands as an operator runs them: demo, backup, restore, serve — each in its own process,
with production settings, its own data directory and a fresh database (SQLite, or PostgreSQL when
the suite runs there)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from tests.platform.conftest import subprocess_env

GONGKAI = [sys.executable, "-m", "gongkai.cli"]
DUMP = [
    "manage", "dumpdata", "--natural-foreign",
    "-e", "contenttypes", "-e", "auth.permission", "-e", "sessions", "-e", "django_rq",
]


def run(args: list[str], env: dict[str, str], cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*GONGKAI, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    if ok:
        assert result.returncode == 0, f"gongkai {' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result


_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def comparable(dump: str) -> list[dict[str, object]]:
    """The dump's rows in a stable order, times as instants: dumpdata writes them to the millisecond, so
    a time with a few microseconds comes out as "…06.000Z" before a restore and "…06Z" after it."""
    rows = json.loads(dump)
    for row in rows:
        fields = row.get("fields", {})
        fields.pop("last_login", None)
        for name, value in fields.items():
            if isinstance(value, str) and _INSTANT.fullmatch(value):
                fields[name] = datetime.fromisoformat(value)
    return sorted(rows, key=lambda r: (r["model"], str(r.get("pk"))))


def test_backup_and_restore_round_trip(tmp_path, new_database):
    source_env = subprocess_env(tmp_path / "source", new_database())
    demo = run(["demo", "--no-serve"], source_env, tmp_path)
    assert "dazhai_handler" in demo.stdout and "demo12345" in demo.stdout
    upload = tmp_path / "source" / "files" / "2024" / "申请表.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("大寨乡 依申请公开 申请表", encoding="utf-8")

    archive = tmp_path / "backup.zip"
    result = run(["backup", "-o", str(archive)], source_env, tmp_path)
    assert "已备份" in result.stdout and archive.is_file()

    target_env = subprocess_env(tmp_path / "target", new_database())
    result = run(["restore", str(archive)], target_env, tmp_path)
    assert "校验无误" in result.stdout

    assert comparable(run(DUMP, target_env, tmp_path).stdout) == comparable(run(DUMP, source_env, tmp_path).stdout)
    restored = tmp_path / "target" / "files" / "2024" / "申请表.txt"
    assert restored.read_text(encoding="utf-8") == "大寨乡 依申请公开 申请表"
    assert "审计日志完整" in run(["audit", "verify"], target_env, tmp_path).stdout

    # a restore goes into an empty database only
    again = run(["restore", str(archive)], target_env, tmp_path, ok=False)
    assert again.returncode == 1 and "不是空的" in again.stderr


def test_restore_refuses_a_damaged_archive(tmp_path, new_database):
    import zipfile

    env = subprocess_env(tmp_path / "source", new_database())
    run(["demo", "--no-serve"], env, tmp_path)
    archive = tmp_path / "backup.zip"
    run(["backup", "-o", str(archive)], env, tmp_path)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "data.json":
                data = data.replace("大寨乡".encode(), "小寨乡".encode())
            out.writestr(item, data)
    result = run(["restore", str(damaged)], subprocess_env(tmp_path / "target", new_database()), tmp_path, ok=False)
    assert result.returncode == 1 and "校验值不符" in result.stderr
    result = run(["restore", str(tmp_path / "missing.zip")], env, tmp_path, ok=False)
    assert result.returncode == 1 and "找不到备份文件" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_applies_migrations_and_serves_pages_and_static_files(tmp_path, new_database):
    env = subprocess_env(tmp_path / "data", new_database())
    port = free_port()
    server = subprocess.Popen([*GONGKAI, "serve", "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    assert json.load(response) == {"status": "ok"}
                break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.5)
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:
            page = response.read().decode()
            assert response.headers["Content-Security-Policy"]
        assert "政府信息公开" in page
        css = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert css.startswith("/static/gongkai/site.") and css.endswith(".css")  # hashed name, cacheable
        with urllib.request.urlopen(base + css, timeout=10) as response:
            assert response.status == 200 and "max-age" in response.headers["Cache-Control"]
        assert (tmp_path / "data" / "secret_key").is_file()
    finally:
        server.terminate()
        server.wait(timeout=30)
