"""`gongkai backup` / `gongkai restore`: one zip file holding all data, the uploaded files and a manifest.

    manifest.json   format, versions, time, row counts, applied migrations, audit chain head, checksums
    data.json       `dumpdata` of every app (natural keys for content types and permissions)
    files/...       the contents of MEDIA_ROOT (GONGKAI_DATA_DIR/files)

Restore goes into an empty database only (after migrations), checks every checksum first, and ends by
verifying the audit chain against the head recorded in the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "gongkai-backup/1"
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]  # rebuilt by migrations / transient


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
        if model._meta.app_label not in {"contenttypes", "sessions"} and model._meta.label != "auth.Permission"
    }


def default_path() -> Path:
    from django.conf import settings

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.GONGKAI_DATA_DIR) / "backups" / f"gongkai-{stamp}.zip"


def create_backup(target: Path | None = None) -> tuple[Path, dict[str, Any]]:
    """Write the backup; returns its path and manifest."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    import gongkai
    from gongkai.audit.services import head

    target = Path(target) if target else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
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
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            archive.write(data, "data.json")
            for p in files:
                archive.write(p, f"files/{p.relative_to(media).as_posix()}")
        partial.replace(target)
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
        if model._meta.app_label in {"contenttypes", "sessions"} or model._meta.label == "auth.Permission":
            continue
        if model._default_manager.exists():
            return False
    return True


def restore_backup(source: Path) -> dict[str, Any]:
    """Restore into an empty database (migrations are applied first); returns the manifest."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from gongkai.audit.services import verify

    source = Path(source)
    if not source.is_file():
        raise BackupError(f"找不到备份文件：{source}")
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise BackupError(f"不是 zip 文件：{source}") from None
    with archive, tempfile.TemporaryDirectory() as tmp:
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

        data = Path(tmp) / "data.json"
        data.write_bytes(archive.read("data.json"))
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
            expected = manifest["audit_head"]
            result = verify(expected_head=(expected["seq"], expected["hash"]))
            if not result.ok:
                raise BackupError(f"恢复后的审计日志未通过校验：{result.problem}")
        for item in manifest["files"]:
            destination = media / _safe_relative(item["path"])
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(f"files/{item['path']}") as src, destination.open("wb") as out:
                while block := src.read(1 << 20):
                    out.write(block)
    return manifest
