"""Reading the environment: the data directory, the database URL, and typed variables.

Kept free of Django imports so the command line can prepare the environment before Django starts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DEFAULT_DATA_DIR = "data"
SECRET_KEY_FILE = "secret_key"


def data_dir() -> Path:
    """`GONGKAI_DATA_DIR`, default `./data` under the current directory, as an absolute path."""
    return Path(os.environ.get("GONGKAI_DATA_DIR") or DEFAULT_DATA_DIR).expanduser().resolve()


def database_url() -> str:
    """`DATABASE_URL`, default an SQLite file in the data directory."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir() / 'gongkai.sqlite3'}"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable: 1/true/yes/on or 0/false/no/off; anything else is a configuration error."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name}={raw!r}: expected 1/0, true/false, yes/no or on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def private_sqlite_file() -> None:
    """Create the SQLite database file owner-only (0600), or take group/other rights off an existing one.

    SQLite gives its -wal and -shm files the database file's rights.
    """
    url = database_url()
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    if not path.parent.is_dir():
        return  # the database's own error is clearer than ours
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, os.fstat(fd).st_mode & 0o700)
    finally:
        os.close(fd)


def secret_key_path() -> Path:
    return data_dir() / SECRET_KEY_FILE


def read_secret_key() -> str | None:
    """`GONGKAI_SECRET_KEY`, else the key kept in the data directory, else None."""
    key = env_str("GONGKAI_SECRET_KEY")
    if key:
        return key
    path = secret_key_path()
    if path.is_file():
        return path.read_text(encoding="utf-8").strip() or None
    return None


def ensure_data_dir_and_secret_key() -> Path:
    """Create the data directory and, unless `GONGKAI_SECRET_KEY` is set, a private secret-key file.

    Called by the commands that run the site (serve, demo, restore), never by the settings themselves.
    A new data directory is owner-only (0700), and so is an SQLite database file (0600).
    """
    root = data_dir()
    if not root.is_dir():
        root.mkdir(parents=True)
        root.chmod(0o700)  # owner-only whatever the umask: it holds the database, uploads and keys
    private_sqlite_file()
    if not env_str("GONGKAI_SECRET_KEY") and not secret_key_path().is_file():
        path = secret_key_path()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
    return root
