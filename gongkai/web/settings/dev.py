"""Development mode: DEBUG on, plain-HTTP cookies, static files served from the apps directly."""

from __future__ import annotations

from gongkai.web.env import read_secret_key
from gongkai.web.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = read_secret_key() or "dev-only-insecure-key-never-use-in-production"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
GONGKAI_HTTPS = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
