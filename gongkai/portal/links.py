"""Addresses of the public services that other apps' public pages print."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from gongkai.orgs.models import Organisation


def apply_url(request: HttpRequest, org: Organisation) -> str:
    """The absolute address of the online application form for `org`: its 网上申请渠道 (条例 第十二条)."""
    return request.build_absolute_uri(f"{reverse('applications:apply')}?org={org.pk}")
