"""The REST API: token authentication, a generated OpenAPI description, a docs page without CDN assets."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_schema_describes_every_resource_and_token_auth(demo):
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for path in ("/api/orgs/", "/api/orgs/{id}/", "/api/memberships/", "/api/audit-entries/",
                 "/api/audit-entries/{seq}/", "/api/me/"):
        assert path in schema["paths"], path
    assert "patch" in schema["paths"]["/api/orgs/{id}/"]
    assert "post" not in schema["paths"]["/api/audit-entries/"]
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("type") == "apiKey" and s.get("name") == "Authorization" for s in schemes.values())


def test_docs_page_lists_operations_and_loads_nothing_from_elsewhere(demo):
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/orgs/{id}/" in page and "PATCH" in page
    external = re.findall(r'(?:src|href)="(https?:)?//', page)
    assert external == []


def test_token_authentication_and_me(demo, api_for):
    me = api_for("county_supervisor").get("/api/me/").json()
    assert me["username"] == "county_supervisor"
    assert [m["role"] for m in me["memberships"]] == ["supervisor"]
    assert len(me["visible_orgs"]) == 9
    bad = Client().get("/api/orgs/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert bad.status_code == 401


def test_api_root_lists_the_registered_resources(demo, api_for):
    root = api_for("dazhai_handler").get("/api/", HTTP_ACCEPT="application/json").json()
    assert {"orgs", "memberships", "audit-entries", "me"} <= set(root)
