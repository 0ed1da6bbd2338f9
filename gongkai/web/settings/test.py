"""The test suite: production-like (DEBUG off), plain HTTP for the live server, fast password hashing.

The database is DATABASE_URL when set (tests/platform runs again on PostgreSQL), else SQLite in memory.
"""

from __future__ import annotations

import os

import dj_database_url

from gongkai.web.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
GONGKAI_HTTPS = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Nothing counted across tests (rate limits): the throttling tests switch a real cache on themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
