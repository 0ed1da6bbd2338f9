"""Checkpoints: the chain head written where an edit of the database cannot reach it.

A checkpoint is one JSON line `{"seq", "hash", "at", "reason"}` appended to a file in the data
directory (`GONGKAI_AUDIT_CHECKPOINT_FILE`, mode 0600), and optionally e-mailed to the supervising
office (`GONGKAI_AUDIT_CHECKPOINT_EMAILS`). One is written every `GONGKAI_AUDIT_CHECKPOINT_EVERY`
entries, at the first entry of each day, and by `gongkai audit verify`, `backup` and `restore`.
`verify()` then checks every checkpoint: a log cut at its end together with its head, or an entry
rewritten and the rest re-hashed, no longer matches what was written down.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

__all__ = ["Checkpoint", "CheckpointFileError", "after_record", "anchor", "path", "read", "write"]

logger = logging.getLogger(__name__)
MODE = 0o600
DIRECTORY_MODE = 0o700

_last_day: dict[Path, dt.date] = {}  # per checkpoint file: the local day of its last checkpoint


class CheckpointFileError(Exception):
    """The checkpoint file exists but cannot be read as checkpoints (damaged or edited)."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    reason: str

    @property
    def day(self) -> dt.date:
        return timezone.localdate(dt.datetime.fromisoformat(self.at))


def path() -> Path:
    return Path(settings.GONGKAI_AUDIT_CHECKPOINT_FILE)


def read(source: Path | None = None) -> list[Checkpoint]:
    """All checkpoints in the file, oldest first; [] when there is no file yet."""
    source = source or path()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise CheckpointFileError(f"无法读取检查点文件 {source}：{exc.strerror}") from None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            point = Checkpoint(int(item["seq"]), str(item["hash"]), str(item["at"]), str(item.get("reason", "")))
            dt.datetime.fromisoformat(point.at)
        except (ValueError, KeyError, TypeError):
            raise CheckpointFileError(f"检查点文件 {source} 第 {number} 行无法读取：文件被损坏或改动。") from None
        if point.seq < 0 or len(point.hash) != 64:
            raise CheckpointFileError(f"检查点文件 {source} 第 {number} 行无效：文件被损坏或改动。")
        found.append(point)
    return found


def _append(target: Path, line: str) -> None:
    """One write in append mode; the file is made owner-only whatever the umask."""
    if not target.parent.is_dir():
        target.parent.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, MODE)
    try:
        os.fchmod(fd, MODE)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _mail(point: Checkpoint) -> None:
    recipients = list(getattr(settings, "GONGKAI_AUDIT_CHECKPOINT_EMAILS", []))
    if not recipients:
        return
    site = getattr(settings, "GONGKAI_SITE_NAME", "gongkai")
    body = (
        f"{site} 审计日志检查点\n\n"
        f"序号：{point.seq}\n哈希：{point.hash}\n时间：{point.at}\n原因：{point.reason}\n\n"
        "请保存本邮件。核对时在服务器上运行：\n"
        f"gongkai audit verify --expect-head {point.seq}:{point.hash}\n"
        "若校验失败，说明审计日志在此检查点之前的记录被删除或改写。\n"
    )
    try:
        send_mail(f"[{site}] 审计日志检查点 第 {point.seq} 条", body, None, recipients)
    except Exception:  # the checkpoint is on disk already; a mail server being down must not stop work
        logger.exception("audit checkpoint %s could not be e-mailed to %s", point.seq, recipients)


def write(seq: int, hash_: str, reason: str, *, target: Path | None = None) -> Checkpoint:
    """Append a checkpoint (and e-mail it when addresses are set)."""
    target = target or path()
    point = Checkpoint(seq, hash_, timezone.now().isoformat(timespec="seconds"), reason)
    line = json.dumps({"seq": seq, "hash": hash_, "at": point.at, "reason": reason}, ensure_ascii=False)
    _append(target, line + "\n")
    _last_day[target] = point.day
    _mail(point)
    return point


def anchor(seq: int, hash_: str, reason: str) -> Checkpoint | None:
    """Write a checkpoint unless the last one already holds this head (verify, backup, restore)."""
    points = read()
    if points and (points[-1].seq, points[-1].hash) == (seq, hash_):
        return None
    return write(seq, hash_, reason)


def _last_checkpoint_day(target: Path) -> dt.date | None:
    if target not in _last_day:
        try:
            points = read(target)
        except CheckpointFileError:
            return None
        if not points:
            return None
        _last_day[target] = points[-1].day
    return _last_day[target]


def after_record(seq: int, hash_: str) -> None:
    """Run once the entry is committed: a checkpoint every N entries and at the day's first entry."""
    target = path()
    every = int(getattr(settings, "GONGKAI_AUDIT_CHECKPOINT_EVERY", 0))
    try:
        if every > 0 and seq % every == 0:
            write(seq, hash_, f"every-{every}", target=target)
        elif _last_checkpoint_day(target) != timezone.localdate():
            write(seq, hash_, "daily", target=target)
    except OSError:  # the change is committed; say loudly that the anchor is missing, do not undo work
        logger.exception("audit checkpoint for entry %s could not be written to %s", seq, target)
