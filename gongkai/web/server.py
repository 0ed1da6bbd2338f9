"""`gongkai serve`: migrations, static files, then the site on waitress (a production WSGI server)."""

from __future__ import annotations

from gongkai.web.env import env_str

PROXY_HEADERS = {"x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "x-forwarded-port"}


def prepare() -> None:
    """Bring the database schema up to date and collect the static files (both idempotent)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def serve(*, host: str, port: int, threads: int) -> int:
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from waitress import serve as waitress_serve

    prepare()
    application = get_wsgi_application()
    print(f"gongkai: http://{host}:{port}/  （按 Ctrl+C 停止）", flush=True)
    print(f"  数据库: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
          f" {settings.DATABASES['default']['NAME']}；数据目录: {settings.GONGKAI_DATA_DIR}", flush=True)
    if settings.SESSION_COOKIE_SECURE:
        print("  GONGKAI_HTTPS=1：登录 Cookie 仅经 HTTPS 发送，请由 HTTPS 反向代理对外提供服务；"
              "仅在本机以 http 访问时设 GONGKAI_HTTPS=0。", flush=True)
    # The reverse proxy in front (same machine by default) may tell us the original scheme and host.
    trusted = env_str("GONGKAI_TRUSTED_PROXY", "127.0.0.1")
    waitress_serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="gongkai",
        max_request_body_size=settings.GONGKAI_MAX_UPLOAD_BYTES,
        trusted_proxy=trusted or None,
        trusted_proxy_count=1,
        trusted_proxy_headers=PROXY_HEADERS,
        clear_untrusted_proxy_headers=True,
    )
    return 0
