"""`gongkai backup` / `gongkai restore`: one zip file holding all data, the uploaded files and a manifest.

    manifest.json   format, versions, time, row counts, applied migrations, audit chain head, checksums
    data.json       `dumpdata` of every app (natural keys for content types and permissions)
    files/...       the contents of MEDIA_ROOT (GONGKAI_DATA_DIR/files)

Restore goes into an empty database only (after migrations), checks every checksum first, and ends by
verifying the audit chain against the head recorded in the manifest.

The archive is written owner-only (0600, whatever the umask): it holds password hashes, tokens and
personal data. With a passphrase it is encrypted as a whole (`backup_crypto`: scrypt, AES-256-GCM in
chunks), and restore refuses it when any byte was changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from gongkai.web.backup_crypto import DecryptionError, EncryptingWriter, decrypt, is_encrypted

FORMAT = "gongkai-backup/1"
FILE_MODE = 0o600
DIRECTORY_MODE = 0o700
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "django_rq"]  # rebuilt by migrations / transient; RQ's
# dashboard model has no table (the queues live in Redis)
MADE_BY_MIGRATIONS = ["notifications.composecursor"]  # a row `migrate` writes; the backup's own replaces it


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why and what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _applied_migrations() -> dict[str, str]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED and model._meta.label_lower not in EXCLUDED
    }


def default_path(*, encrypted: bool = False) -> Path:
    from django.conf import settings

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.GONGKAI_DATA_DIR) / "backups" / f"gongkai-{stamp}.zip{'.enc' if encrypted else ''}"


@contextmanager
def private_file(path: Path) -> Iterator[IO[bytes]]:
    """A new file readable and writable by its owner only, whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        yield handle


def create_backup(target: Path | None = None, *, passphrase: str | None = None) -> tuple[Path, dict[str, Any]]:
    """Write the backup (encrypted when a passphrase is given); returns its path and manifest."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    import gongkai
    from gongkai.audit import checkpoints
    from gongkai.audit.services import head

    target = Path(target) if target else default_path(encrypted=passphrase is not None)
    if not target.parent.is_dir():
        target.parent.mkdir(mode=DIRECTORY_MODE, parents=True)
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        # One snapshot: the data, the counts and the audit head describe the same moment.
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata", exclude=EXCLUDED, natural_foreign=True, output=str(data), verbosity=0
            )
            seq, chain_hash = head()
            counts = _counts()
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        manifest = {
            "format": FORMAT,
            "gongkai_version": gongkai.__version__,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": _applied_migrations(),
            "counts": counts,
            "audit_head": {"seq": seq, "hash": chain_hash},
            "data": {"name": "data.json", "sha256": _sha256(data), "size": data.stat().st_size},
            "files": [
                {"path": p.relative_to(media).as_posix(), "sha256": _sha256(p), "size": p.stat().st_size}
                for p in files
            ],
        }
        partial = target.with_suffix(target.suffix + ".part")
        with private_file(partial) as out:
            # Encrypted, the zip streams through the cipher: no plain copy is ever written.
            sink: Any = EncryptingWriter(out, passphrase) if passphrase is not None else out
            with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(data, "data.json")
                for p in files:
                    archive.write(p, f"files/{p.relative_to(media).as_posix()}")
            sink.close()
        partial.replace(target)
    checkpoints.anchor(seq, chain_hash, "backup")
    return target, manifest


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("不是 gongkai 备份文件：缺少 manifest.json。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')!r} 不受支持（需要 {FORMAT}）。")
    return manifest


def _check_member(archive: zipfile.ZipFile, name: str, sha256: str) -> None:
    digest = hashlib.sha256()
    try:
        with archive.open(name) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except KeyError:
        raise BackupError(f"备份文件不完整：缺少 {name}。") from None
    if digest.hexdigest() != sha256:
        raise BackupError(f"备份文件已损坏：{name} 的校验值不符。")


def _safe_relative(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise BackupError(f"备份中的文件路径不安全：{path}")
    return rel


def database_is_empty() -> bool:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED + MADE_BY_MIGRATIONS:
            continue
        if model._default_manager.exists():
            return False
    return True


def _anchor_restored(seq: int, hash_: str) -> str:
    """Anchor the restored head. Checkpoints of the data directory that the restored log does not
    contain (an older backup restored after a loss) are set aside, with a note saying so."""
    from django.utils import timezone

    from gongkai.audit import checkpoints
    from gongkai.audit.models import AuditEntry

    target = checkpoints.path()
    try:
        points = checkpoints.read(target)
    except checkpoints.CheckpointFileError:
        problem = "无法读取"
    else:
        stored = dict(AuditEntry.objects.filter(seq__in={p.seq for p in points}).values_list("seq", "hash"))
        lost = [p.seq for p in points if p.seq > 0 and stored.get(p.seq) != p.hash]
        problem = f"记有恢复后的日志中没有的第 {lost[0]} 条（备份之后的记录已丢失）" if lost else ""
    if not problem:
        checkpoints.anchor(seq, hash_, "restore")
        return ""
    aside = target.with_name(f"{target.name}.before-restore-{timezone.now():%Y%m%d-%H%M%S}")
    target.replace(aside)
    checkpoints.anchor(seq, hash_, "restore")
    return f"原检查点文件{problem}，已移到 {aside}。"


def restore_backup(source: Path, *, passphrase: Callable[[], str] | None = None) -> dict[str, Any]:
    """Restore into an empty database (migrations are applied first); returns the manifest.

    An encrypted archive is decrypted first (`passphrase` is asked only then) and refused when changed.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"找不到备份文件：{source}")
    with tempfile.TemporaryDirectory() as tmp:
        plain = source
        with source.open("rb") as handle:
            if is_encrypted(handle):
                if passphrase is None:
                    raise BackupError(
                        "这是加密备份：请给出口令（--passphrase-file 或环境变量 GONGKAI_BACKUP_PASSPHRASE）。"
                    )
                plain = Path(tmp) / "decrypted.zip"
                try:
                    with private_file(plain) as out:
                        decrypt(handle, out, passphrase())
                except DecryptionError as exc:
                    raise BackupError(str(exc)) from None
        try:
            archive = zipfile.ZipFile(plain)
        except zipfile.BadZipFile:
            raise BackupError(f"不是 gongkai 备份（既不是 zip 文件，也不是加密备份）：{source}") from None
        with archive:
            return _restore_archive(archive, Path(tmp))


def _restore_archive(archive: zipfile.ZipFile, tmp: Path) -> dict[str, Any]:
    """Check every checksum, migrate, load the data, verify the chain, then copy the files."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from gongkai.audit.services import verify

    manifest = read_manifest(archive)
    _check_member(archive, "data.json", manifest["data"]["sha256"])
    for item in manifest["files"]:
        _safe_relative(item["path"])
        _check_member(archive, f"files/{item['path']}", item["sha256"])

    call_command("migrate", interactive=False, verbosity=0)
    if not database_is_empty():
        raise BackupError("目标数据库不是空的：恢复只能在新建的空数据库中进行（请换一个 DATABASE_URL）。")
    media = Path(settings.MEDIA_ROOT)
    clashes = [i["path"] for i in manifest["files"] if (media / i["path"]).exists()]
    if clashes:
        raise BackupError(f"文件目录 {media} 中已有同名文件（如 {clashes[0]}），请换一个空的 GONGKAI_DATA_DIR。")

    data = tmp / "data.json"
    data.write_bytes(archive.read("data.json"))
    with transaction.atomic():
        call_command("loaddata", str(data), verbosity=0)
        expected = manifest["audit_head"]
        result = verify(expected_head=(expected["seq"], expected["hash"]))
        if not result.ok:
            raise BackupError(f"恢复后的审计日志未通过校验：{result.problem}")
    manifest["checkpoint_note"] = _anchor_restored(expected["seq"], expected["hash"])
    for item in manifest["files"]:
        destination = media / _safe_relative(item["path"])
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(f"files/{item['path']}") as src, destination.open("wb") as out:
            while block := src.read(1 << 20):
                out.write(block)
    return manifest
