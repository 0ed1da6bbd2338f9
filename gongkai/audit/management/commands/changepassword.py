"""Django's `changepassword`, audited: `gongkai manage changepassword USER` leaves an entry.

The prompts run outside any transaction (an open write transaction would block the site meanwhile);
the entry is written as soon as the new password is saved.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword

from gongkai.audit import accounts


class Command(changepassword.Command):
    def handle(self, *args: Any, **options: Any) -> str:
        message: str = super().handle(*args, **options)
        model = get_user_model()
        username = options["username"] or getpass.getuser()
        user = model._default_manager.using(options["database"]).get(**{model.USERNAME_FIELD: username})
        accounts.password_set(user, actor=None, via="gongkai manage changepassword")
        return message
