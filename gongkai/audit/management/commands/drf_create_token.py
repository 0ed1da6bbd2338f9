"""DRF's `drf_create_token`, audited: a new or reset API token leaves an entry (never the key)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.management.commands import drf_create_token
from rest_framework.authtoken.models import Token

from gongkai.audit import accounts

VIA = "gongkai manage drf_create_token"


class Command(drf_create_token.Command):
    def create_user_token(self, username: str, reset_token: bool) -> Any:
        with transaction.atomic():
            user = get_user_model()._default_manager.get_by_natural_key(username)
            existed = Token.objects.filter(user=user).exists()
            token = super().create_user_token(username, reset_token)
            if existed and reset_token:
                accounts.token_deleted(user, actor=None, via=VIA)
            if reset_token or not existed:
                accounts.token_created(user, actor=None, via=VIA)
        return token
