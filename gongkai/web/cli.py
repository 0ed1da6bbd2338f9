"""The web platform's sub-commands of `gongkai`: serve, demo, audit verify, backup, restore, manage.

Django is imported inside the handlers only, so `gongkai report ...` works without it being configured.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
PASSPHRASE_ENV = "GONGKAI_BACKUP_PASSPHRASE"
MIN_PASSPHRASE = 10


def register(subparsers: Any) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="run the web platform (waitress, migrations applied)",
        description="运行网站：先更新数据库结构、收集静态文件，再以 waitress 在本机地址上提供服务。",
    )
    _add_server_options(serve)
    serve.set_defaults(handler=_serve)

    demo = subparsers.add_parser(
        "demo",
        help="load the demo county (大寨乡 …) and serve it",
        description="载入（可重复执行）演示用的某县及大寨乡等机关和各角色人员，打印登录账号，然后运行网站。",
    )
    _add_server_options(demo)
    demo.add_argument("--no-serve", action="store_true", help="only load the demo data")
    demo.add_argument("--items", type=int, default=0, metavar="N",
                      help="also publish N generated catalogue items (varied 主题, 体裁, years; for benchmarks)")
    demo.set_defaults(handler=_demo)

    audit = subparsers.add_parser("audit", help="the audit trail", description="审计日志")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = audit_commands.add_parser(
        "verify",
        help="check the hash chain; exit 1 on an edited or deleted entry",
        description="逐条校验审计日志的哈希链：发现被修改或删除的记录时报告第一条并以状态 1 退出。",
    )
    verify.add_argument(
        "--expect-head", metavar="SEQ:HASH", help="a checkpoint noted earlier (printed by a previous verify)"
    )
    verify.add_argument(
        "--checkpoint-file", type=Path, metavar="FILE",
        help="checkpoints to compare with (default: audit-checkpoints.jsonl in the data directory)",
    )
    verify.add_argument("--json", action="store_true", help="machine-readable result")
    verify.set_defaults(handler=_audit_verify)

    backup = subparsers.add_parser(
        "backup", help="write all data and files to one zip", description="把全部数据和上传文件备份为一个 zip 文件。"
    )
    backup.add_argument("-o", "--output", type=Path, help="file to write (default: DATA_DIR/backups/...)")
    backup.add_argument(
        "--encrypt", action="store_true",
        help=f"encrypt with a passphrase (prompted, or --passphrase-file, or {PASSPHRASE_ENV})",
    )
    _add_passphrase_file(backup)
    backup.set_defaults(handler=_backup)

    restore = subparsers.add_parser(
        "restore", help="restore a backup into an empty database", description="把备份恢复到一个空数据库。"
    )
    restore.add_argument("file", type=Path)
    _add_passphrase_file(restore)
    restore.set_defaults(handler=_restore)

    manage = subparsers.add_parser(
        "manage",
        help="run a Django management command (createsuperuser, changepassword, ...)",
        description="运行 Django 管理命令，例如 createsuperuser、changepassword、drf_create_token。",
    )
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)


def _add_passphrase_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file", type=Path, metavar="FILE",
        help=f"read the backup passphrase from the file's first line (for cron; or set {PASSPHRASE_ENV})",
    )


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}; put HTTPS in front)"
    )
    parser.add_argument("--threads", type=int, default=None,
                        help="worker threads (default GONGKAI_THREADS, 256; GONGKAI_WORKING_REQUESTS work at once)")
    parser.add_argument("--workers", type=int, default=None,
                        help="web processes sharing the port (default GONGKAI_WEB_WORKERS, one per core; 1 = one)")


def _serve(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.web.server import serve

    return serve(host=args.host, port=args.port, threads=args.threads, workers=args.workers)


def _demo(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup(demo=True)
    from gongkai.web import demo
    from gongkai.web.server import prepare

    prepare()
    ctx = demo.load_all()
    print("演示数据已就绪（可重复执行，不会重复添加）。所有演示账号的密码：" + ctx.password)
    print(demo.logins_table(ctx))
    for note in ctx.notes:
        print(note)
    if args.items > 0:
        from gongkai.publishing.demo_items import add_items

        added = add_items(args.items)
        print(f"已批量发布 {added.created} 件演示信息（附件 {added.attachments} 个）。")
    if args.no_serve:
        return 0
    from gongkai.web.server import serve

    return serve(host=args.host, port=args.port, threads=args.threads, workers=args.workers)


def _database_problem(exc: Exception) -> int:
    print(f"gongkai: 无法读取数据库（{exc.__class__.__name__}: {exc}）。"
          "数据库是否已初始化？先运行 `gongkai serve` 或 `gongkai demo`。", file=sys.stderr)
    return 2


def _audit_verify(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.db import DatabaseError, connection

    from gongkai.audit import checkpoints, guard
    from gongkai.audit.services import verify

    expected = None
    if args.expect_head:
        seq, _, hash_ = args.expect_head.partition(":")
        if not seq.isdigit() or len(hash_) != 64:
            print("gongkai: --expect-head 应为 序号:哈希（64位），如上次校验时打印的检查点。", file=sys.stderr)
            return 2
        expected = (int(seq), hash_)
    source = args.checkpoint_file or checkpoints.path()
    if args.checkpoint_file and not source.is_file():
        print(f"gongkai: 找不到检查点文件 {source}。", file=sys.stderr)
        return 2
    try:
        points = checkpoints.read(source)
    except checkpoints.CheckpointFileError as exc:
        print(f"审计日志校验失败：{exc}", file=sys.stderr)
        return 1
    try:
        result = verify(expected_head=expected, anchors=[(p.seq, p.hash) for p in points])
        guarded = guard.is_installed(connection)
    except DatabaseError as exc:
        return _database_problem(exc)
    written = checkpoints.anchor(result.head_seq, result.head_hash, "verify") if result.ok else None
    if args.json:
        print(json.dumps({
            "ok": result.ok, "checked": result.checked, "broken_seq": result.broken_seq,
            "problem": result.problem, "checkpoint": result.checkpoint, "guard_installed": guarded,
            "checkpoints_compared": len(points), "checkpoint_written": written is not None,
        }, ensure_ascii=False))
    elif result.ok:
        print(f"审计日志完整：共 {result.checked} 条，哈希链无误；与 {source} 中的 {len(points)} 个检查点相符。")
        print(f"检查点（已记入检查点文件，也可另行记下，用 --expect-head 核对）：{result.checkpoint}")
    else:
        print(f"审计日志校验失败：{result.problem}", file=sys.stderr)
        print(f"（在此之前的 {result.checked} 条无误）", file=sys.stderr)
    return 0 if result.ok else 1


class _NoPassphrase(Exception):
    """No passphrase could be had; the message says how to give one."""


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    """--passphrase-file, else the environment variable, else asked on the terminal."""
    import getpass
    import os

    if args.passphrase_file:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise _NoPassphrase(f"无法读取口令文件 {args.passphrase_file}（{exc}）。") from None
        passphrase = text[0] if text else ""
    elif os.environ.get(PASSPHRASE_ENV):
        passphrase = os.environ[PASSPHRASE_ENV]
    elif sys.stdin.isatty():
        passphrase = getpass.getpass("备份口令：")
        if confirm and getpass.getpass("再输入一次：") != passphrase:
            raise _NoPassphrase("两次输入的口令不一致。")
    else:
        raise _NoPassphrase(f"需要备份口令：在终端上运行，或用 --passphrase-file 或环境变量 {PASSPHRASE_ENV}。")
    if confirm and len(passphrase) < MIN_PASSPHRASE:
        raise _NoPassphrase(f"口令太短：至少 {MIN_PASSPHRASE} 个字符。")
    if not passphrase:
        raise _NoPassphrase("口令为空。")
    return passphrase


def _backup(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.db import DatabaseError

    from gongkai.web.backup import create_backup

    try:
        passphrase = _passphrase(args, confirm=True) if args.encrypt else None
    except _NoPassphrase as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return 2
    try:
        path, manifest = create_backup(args.output, passphrase=passphrase)
    except DatabaseError as exc:
        return _database_problem(exc)
    rows = sum(manifest["counts"].values())
    kind = "加密备份" if passphrase else "备份"
    print(f"已{kind}到 {path}（仅本账户可读）：{rows} 行数据，{len(manifest['files'])} 个文件，"
          f"审计日志 {manifest['audit_head']['seq']} 条。")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.web.backup import BackupError, restore_backup

    try:
        manifest = restore_backup(args.file, passphrase=lambda: _passphrase(args, confirm=False))
    except (BackupError, _NoPassphrase) as exc:
        print(f"gongkai: 恢复失败：{exc}", file=sys.stderr)
        return 1
    print(f"已从 {args.file} 恢复（备份于 {manifest['created_at']}），"
          f"审计日志 {manifest['audit_head']['seq']} 条，校验无误。")
    if manifest["checkpoint_note"]:
        print(f"注意：{manifest['checkpoint_note']}")
    return 0


def _manage(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args.args])
    return 0
