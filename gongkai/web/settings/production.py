"""Production: DEBUG off, secure cookies (unless GONGKAI_HTTPS=0), a real secret key required."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from gongkai.web.env import read_secret_key, secret_key_path
from gongkai.web.settings.base import *  # noqa: F403

DEBUG = False

_key = read_secret_key()
if not _key:
    raise ImproperlyConfigured(
        f"No secret key: set GONGKAI_SECRET_KEY, or let `gongkai serve` create {secret_key_path()}."
    )
SECRET_KEY = _key
