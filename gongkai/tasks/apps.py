from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "gongkai.tasks"
    label = "tasks"
    verbose_name = _("后台任务")
    url_prefix = "tasks"

    def ready(self) -> None:
        from gongkai.audit import events
        from gongkai.tasks import demo
        from gongkai.tasks.constants import TaskEvent

        events.register(TaskEvent)
        demo.register()
