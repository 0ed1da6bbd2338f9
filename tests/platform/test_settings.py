"""Settings from the environment: safe production defaults, a development mode, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

PROBE = """
import json, django
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG, "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE, "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "HOST": db.get("HOST", ""),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND, "EMAIL_HOST": settings.EMAIL_HOST,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT), "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "MAX_UPLOAD": settings.GONGKAI_MAX_UPLOAD_BYTES, "SECRET_KEY": settings.SECRET_KEY,
}))
"""


def load_settings(tmp_path: Path, module: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_"))}
    clean.update({"DJANGO_SETTINGS_MODULE": module, "GONGKAI_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run([sys.executable, "-c", PROBE], env=clean, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)


def test_production_defaults_are_safe(tmp_path):
    result = load_settings(tmp_path, "gongkai.web.settings.production", GONGKAI_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    s = json.loads(result.stdout)
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["NAME"] == str(tmp_path / "data" / "gongkai.sqlite3")
    assert s["MEDIA_ROOT"] == str(tmp_path / "data" / "files")
    assert s["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
    assert s["LANGUAGE_CODE"] == "zh-hans"
    assert s["MAX_UPLOAD"] == 20 * 1024 * 1024


def test_production_takes_everything_from_the_environment(tmp_path):
    result = load_settings(
        tmp_path, "gongkai.web.settings.production",
        GONGKAI_SECRET_KEY="s" * 50,
        DATABASE_URL="postgresql://gongkai:pw@db.example:5433/gongkai",
        GONGKAI_ALLOWED_HOSTS="gk.example.gov.cn, 127.0.0.1",
        GONGKAI_HTTPS="0",
        GONGKAI_EMAIL_HOST="smtp.example.gov.cn",
        GONGKAI_MAX_UPLOAD_MB="5",
    )
    assert result.returncode == 0, result.stderr
    s = json.loads(result.stdout)
    assert s["ENGINE"] == "django.db.backends.postgresql" and s["HOST"] == "db.example"
    assert s["ALLOWED_HOSTS"] == ["gk.example.gov.cn", "127.0.0.1"]
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["EMAIL_BACKEND"].endswith("smtp.EmailBackend") and s["EMAIL_HOST"] == "smtp.example.gov.cn"
    assert s["MAX_UPLOAD"] == 5 * 1024 * 1024


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = load_settings(tmp_path, "gongkai.web.settings.production")
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr


def test_production_reads_the_key_file_the_commands_create(tmp_path, monkeypatch):
    from gongkai.web import env

    data = tmp_path / "data"
    monkeypatch.setenv("GONGKAI_DATA_DIR", str(data))
    monkeypatch.delenv("GONGKAI_SECRET_KEY", raising=False)
    env.ensure_data_dir_and_secret_key()
    key_file = data / "secret_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    result = load_settings(tmp_path, "gongkai.web.settings.production")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["SECRET_KEY"] == key_file.read_text().strip()


def test_a_malformed_variable_is_named_in_the_error(tmp_path):
    result = load_settings(tmp_path, "gongkai.web.settings.production", GONGKAI_SECRET_KEY="k", GONGKAI_HTTPS="maybe")
    assert result.returncode != 0 and "GONGKAI_HTTPS='maybe'" in result.stderr


def test_development_mode(tmp_path):
    result = load_settings(tmp_path, "gongkai.web.settings.dev")
    assert result.returncode == 0, result.stderr
    s = json.loads(result.stdout)
    assert s["DEBUG"] is True and s["SESSION_COOKIE_SECURE"] is False


@pytest.mark.django_db
def test_security_headers(demo):
    response = Client().get("/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Content-Language"] == "zh-hans"


@pytest.mark.django_db
def test_oversized_request_is_refused_before_it_is_read(client_for, demo):
    with override_settings(GONGKAI_MAX_UPLOAD_BYTES=1024):
        response = client_for("dazhai_admin").post("/orgs/", data=b"x" * 5000, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


@pytest.mark.django_db
def test_csrf_is_enforced(demo):
    from gongkai.orgs.models import Organisation, User

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="dazhai_admin"))
    dazhai = Organisation.objects.get(name="大寨乡")
    response = client.post(f"/orgs/{dazhai.pk}/edit/", {"office_phone": "1"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_health_check_and_error_pages_never_500_on_bad_input(demo, client_for):
    assert Client().get("/healthz").json() == {"status": "ok"}
    client = client_for("dazhai_handler")
    assert client.get("/orgs/99999/").status_code == 404
    assert client.get("/audit/", {"org": "abc", "page": "zz"}).status_code == 200
    refused = client.get("/api/audit-entries/", {"org": "abc"})  # a filter that is no number is refused
    assert refused.status_code == 400 and "整数" in refused.json()["detail"]
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "没有找到这个页面" in page.content.decode()
