"""`gongkai worker`: run background tasks (the web server starts one itself; more may run on other machines)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="run background tasks (bulk checks, reminders, mail, imports)",
        description="运行后台任务（批量检查、到期提醒、邮件、导入等）。`gongkai serve` 和 `gongkai demo` 已自带一个；"
        "设置 GONGKAI_TASKS_REDIS_URL 后，可在多台机器上各运行若干个。",
    )
    worker.add_argument("--batch", action="store_true", help="run the waiting tasks, then exit")
    worker.add_argument("--interval", type=float, default=1.0,
                        help="seconds between looks at the database when idle (database backend; default 1)")
    worker.add_argument("--daily", action="store_true",
                        help="also enqueue the daily tasks (reminders) at their hour; the server's own worker does")
    worker.set_defaults(handler=_worker)


def _worker(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.tasks import process, worker

    process.follow_parent()
    worker.run(batch=args.batch, interval=max(0.05, args.interval), signals=True, daily=args.daily)
    return 0
