"""Starting Django from the `gongkai` command: environment defaults, data directory, then django.setup()."""

from __future__ import annotations

import os

PRODUCTION_SETTINGS = "gongkai.web.settings.production"


def setup(*, demo: bool = False) -> None:
    """Configure and start Django once; a no-op when it already runs (tests, `gongkai manage`)."""
    from django.apps import apps

    if apps.ready:
        return
    if demo:
        # The demo is served over plain HTTP on this machine: cookies cannot be HTTPS-only.
        os.environ.setdefault("GONGKAI_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
    from gongkai.web.env import ensure_data_dir_and_secret_key

    ensure_data_dir_and_secret_key()
    import django

    django.setup()

