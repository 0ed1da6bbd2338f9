"""Throttling: login lockout (django-axes) recorded in the audit trail, and per-address rate limits.

Login: after GONGKAI_LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one address, that account
(or address) is locked for GONGKAI_LOGIN_COOLOFF_MINUTES; the lockout and its release (the first successful
login after the cool-off) are audit entries.

Public form and tracking: at most N requests per address per window, counted in Django's cache
(`rate_limited`); over it the page answers 429 with a Chinese message.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SecurityEvent(models.TextChoices):
    LOGIN_LOCKED_OUT = "web.login.locked_out", gettext_lazy("登录失败次数过多，已锁定")
    LOGIN_RELEASED = "web.login.released", gettext_lazy("登录锁定解除")


def client_address(request: HttpRequest) -> str:
    """The client's address as waitress reports it (the proxy's X-Forwarded-For when it is trusted)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _record(event: str, *, username: str, address: str, message: str, actor: Any = None) -> None:
    from gongkai.audit.services import record
    from gongkai.orgs.models import User

    user = User.objects.filter(username=username).first() if username else None
    org = user.memberships.values_list("org_id", flat=True).first() if user else None
    record(event, actor=actor, obj=user, org=org, after={"username": username, "address": address},
           message=message)


def _last_event(username: str) -> str | None:
    """The latest lockout or release recorded for this user name."""
    from gongkai.audit.models import AuditEntry

    return (AuditEntry.objects.filter(event__in=SecurityEvent.values, after__username=username)
            .order_by("-seq").values_list("event", flat=True).first())


def on_locked_out(sender: Any, request: HttpRequest | None = None, username: str = "", ip_address: str = "",
                  **kwargs: Any) -> None:
    """axes' `user_locked_out`: the lockout enters the audit trail."""
    if _last_event(username or "") == SecurityEvent.LOGIN_LOCKED_OUT:
        return  # another try while locked: the lockout is already recorded
    _record(SecurityEvent.LOGIN_LOCKED_OUT, username=username or "", address=ip_address or "",
            message=_("连续 %(limit)d 次登录失败，锁定 %(minutes)d 分钟")
            % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": settings.GONGKAI_LOGIN_COOLOFF_MINUTES})


def on_logged_in(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
    """A successful login of an account whose last lockout entry has no release after it (the cool-off
    is over) releases it: audited."""
    if user is None:
        return
    username = user.get_username()
    if _last_event(username) == SecurityEvent.LOGIN_LOCKED_OUT:
        _record(SecurityEvent.LOGIN_RELEASED, username=username,
                address=client_address(request) if request else "", message=_("冷却期满后登录成功，锁定解除"))


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """The page a locked account or address sees (axes' AXES_LOCKOUT_CALLABLE): 429, in Chinese."""
    message = _("登录失败次数过多，已暂时锁定。请 %(minutes)d 分钟后再试，或联系本机关管理员解除。") % {
        "minutes": settings.GONGKAI_LOGIN_COOLOFF_MINUTES}
    return render(request, "error.html", {"status": 429, "message": message}, status=429)


def rate_limited(request: HttpRequest, scope: str) -> HttpResponse | None:
    """Count one request of `scope` from this address; a 429 page when over GONGKAI_RATE_LIMITS[scope]."""
    limit, window = settings.GONGKAI_RATE_LIMITS[scope]
    key = f"gongkai-rate:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count <= limit:
        return None
    message = _("操作过于频繁，请 %(minutes)d 分钟后再试。") % {"minutes": max(1, window // 60)}
    return render(request, "error.html", {"status": 429, "message": message}, status=429)
