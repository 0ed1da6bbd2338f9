from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The project itself as an app: base templates, static files, translations."""

    name = "gongkai.web"
    label = "web"
    verbose_name = _("平台")
    url_prefix = None

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from gongkai.audit import events
        from gongkai.web import throttle

        events.register(throttle.SecurityEvent)
        user_locked_out.connect(throttle.on_locked_out, dispatch_uid="gongkai.web.locked_out")
        user_logged_in.connect(throttle.on_logged_in, dispatch_uid="gongkai.web.logged_in")
