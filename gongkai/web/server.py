"""`gongkai serve`: migrations, static files, then the site on waitress (a production WSGI server)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from gongkai.web.env import env_str

PROXY_HEADERS = {"x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "x-forwarded-port"}


def prepare() -> None:
    """Bring the database schema up to date and collect the static files (both idempotent)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


class WorkGate:
    """At most `limit` requests run the site at once; the others wait asleep (off the GIL) in their threads.

    With many threads no request waits in waitress' queue, and with few of them working the health check
    (which never waits at the gate) answers at once even while a crowd submits forms.
    """

    def __init__(self, application: Callable[..., Iterable[bytes]], limit: int, exempt: tuple[str, ...]) -> None:
        self.application = application
        self.slots = threading.BoundedSemaphore(limit)
        self.exempt = exempt

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in self.exempt:
            return self.application(environ, start_response)
        with self.slots:
            return self.application(environ, start_response)


def serve(*, host: str, port: int, threads: int | None = None, workers: int | None = None) -> int:
    """Serve until stopped: `workers` processes (default GONGKAI_WEB_WORKERS, one per core) on one socket,
    or this process alone when 1 (gongkai.web.workers)."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from waitress import serve as waitress_serve

    prepare()
    application = WorkGate(get_wsgi_application(), settings.GONGKAI_WORKING_REQUESTS, exempt=("/healthz",))
    print(f"gongkai: http://{host}:{port}/  （按 Ctrl+C 停止）", flush=True)
    print(f"  数据库: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
          f" {settings.DATABASES['default']['NAME']}；数据目录: {settings.GONGKAI_DATA_DIR}", flush=True)
    if settings.SESSION_COOKIE_SECURE:
        print("  GONGKAI_HTTPS=1：登录 Cookie 仅经 HTTPS 发送，请由 HTTPS 反向代理对外提供服务；"
              "仅在本机以 http 访问时设 GONGKAI_HTTPS=0。", flush=True)
    # The reverse proxy in front (same machine by default) may tell us the original scheme and host.
    trusted = env_str("GONGKAI_TRUSTED_PROXY", "127.0.0.1")
    from gongkai.tasks.process import worker_beside

    options = dict(
        threads=threads or settings.GONGKAI_THREADS,
        ident="gongkai",
        max_request_body_size=settings.GONGKAI_MAX_UPLOAD_BYTES,
        **settings.GONGKAI_WAITRESS,
        trusted_proxy=trusted or None,
        trusted_proxy_count=1,
        trusted_proxy_headers=PROXY_HEADERS,
        clear_untrusted_proxy_headers=True,
    )
    count = workers or settings.GONGKAI_WEB_WORKERS
    with worker_beside():  # the background-task worker (gongkai worker) lives as long as the server
        if count <= 1:
            waitress_serve(application, host=host, port=port, **options)
        else:
            from gongkai.web import workers as web_workers

            print(f"  网站进程: {count} 个（共用端口 {port}）", flush=True)
            sock = web_workers.bind(host, port, settings.GONGKAI_WAITRESS.get("backlog", 1024))
            web_workers.run(lambda shared: waitress_serve(application, sockets=[shared], **options), sock, count)
    return 0
