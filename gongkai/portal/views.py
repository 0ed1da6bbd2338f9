"""Public pages: the agencies of this deployment, each one's public services and disclosure office."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.orgs.services import public_directory
from gongkai.portal.links import apply_url


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"rows": public_directory()})


@require_GET
def agency(request: HttpRequest, org_id: int) -> HttpResponse:
    org = next((org for org, _depth in public_directory() if org.pk == org_id), None)
    if org is None:
        raise Http404
    return render(request, "portal/agency.html", {"org": org, "apply_url": apply_url(request, org)})
