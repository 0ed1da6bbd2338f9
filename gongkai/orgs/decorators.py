"""View decorators for staff pages (later apps use them too)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from gongkai.orgs.permissions import is_staff_member

View = Callable[..., HttpResponse]


def staff_member_required(view: View) -> View:
    """Logged in (else to the login page) and holding a role somewhere (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise PermissionDenied(_("此页面仅供机关工作人员使用。"))
        return view(request, *args, **kwargs)

    return login_required(wrapper)
