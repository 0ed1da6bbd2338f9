"""No input gives a 500: every URL of the site, with malformed query parameters, path values and API bodies.

The walk starts from the URLconf (every pattern but Django's admin), finds a real URL for each pattern by
following the links each person sees (and the API's lists), records which query parameters each page
actually reads, and sends each of those parameters every malformed value: NUL bytes, overlong text,
wrong types, negative and huge integers, impossible dates, unknown choices. Nothing may answer 5xx; a
refusal says what is wrong in Chinese. It runs on SQLite and (DATABASE_URL) on PostgreSQL, where a NUL
byte in a query is an error of the database itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from gongkai.applications.models import Request
from gongkai.orgs.models import User

pytestmark = pytest.mark.django_db

MALFORMED: dict[str, str] = {
    "NUL byte": "1\x00' OR 1=1 --",
    "overlong": "9" * 5000,
    "wrong type": "abc",
    "negative": "-1",
    "huge": "99999999999999999999999",
    "just over bigint": "9223372036854775808",
    "fraction": "1.5",
    "bad date": "2026-13-45",
    "unicode digit": "²",
    "unknown choice": "no-such-choice",
    "control characters": "\x01\x1b[0m\r\n",
}

# Path values for the string and integer parts of URL patterns.
MALFORMED_PATH_TEXT = ["%00", "x" * 3000, "%ED%A0%80", "..", "%C0%AF", "DEMO%00"]
MALFORMED_PATH_INT = ["99999999999999999999999", "9223372036854775808", "99999", "0"]

# Names Django itself looks up in every request's data, not parameters of the site's pages.
IGNORED_PARAMETERS = {"csrfmiddlewaretoken"}

START_PAGES = ("/", "/dashboard/", "/requests/", "/requests/apply/", "/requests/track/", "/publishing/items/",
               "/publishing/catalogue/", "/publishing/register/", "/publishing/dictionaries/", "/publishing/fixes/",
               "/annual/", "/annual/reports/", "/appeals/", "/orgs/", "/audit/", "/api/", "/requests/table3/",
               "/requests/templates/", "/requests/import/")
NOT_FOLLOWED = ("/admin/", "/accounts/logout/", "/i18n/")
CRAWL_LIMIT = 400  # pages followed per person: the demo county has fewer distinct patterns than that

PEOPLE = {"staff": "dazhai_handler", "supervisor": "county_supervisor", "anonymous": None}

HREF = re.compile(r"""(?:href|action)="(/[^"#]*)""")


def url_patterns() -> list[str]:
    """Every route of the site but Django's own admin, as written in the URLconf."""

    def walk(resolver: URLResolver, prefix: str) -> Iterator[str]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    routes = {plain(route) for route in walk(get_resolver(), "/")}
    return sorted(route for route in routes if not route.startswith("/admin/"))


def plain(route: str) -> str:
    """A route without the regular expressions' anchors (as `resolve` reports it)."""
    return route.replace("^", "").replace("$", "")


def route_of(path: str) -> str | None:
    """The URLconf route a path resolves to (None when it resolves to nothing)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return None
    return plain("/" + match.route)


@contextmanager
def parameters_read() -> Iterator[set[str]]:
    """Records the names of the query (and form) parameters a view asks for while the block runs."""
    names: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "__getitem__", "getlist", "__contains__")}

    def recording(method_name: str):
        original = originals[method_name]

        def method(self, key, *args, **kwargs):
            if isinstance(key, str):
                names.add(key)
            return original(self, key, *args, **kwargs)

        return method

    for name in originals:
        setattr(QueryDict, name, recording(name))
    try:
        yield names
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def client_as(username: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if username:
        user = User.objects.get(username=username)
        client.force_login(user)
        token, _ = Token.objects.get_or_create(user=user)
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def links(response) -> list[str]:
    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or getattr(response, "streaming", False):
        return []
    body = response.content.decode("utf-8", "replace")
    if content_type.startswith("application/json"):
        return api_links(body)
    if not content_type.startswith("text/html"):
        return []
    return [html_unescape(href) for href in HREF.findall(body)]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def api_links(body: str) -> list[str]:
    """URLs in an API answer (the root's map, `next`), and detail URLs built from listed ids."""
    try:
        data = json.loads(body)
    except ValueError:
        return []
    found: list[str] = []
    if isinstance(data, dict):
        found += [urlsplit(v).path + ("?" + urlsplit(v).query if urlsplit(v).query else "")
                  for v in data.values() if isinstance(v, str) and "/api/" in v]
    return found


def api_detail_urls(client: Client, routes: list[str]) -> list[str]:
    """For each API list, the detail URL of its first record (`id`, `pk` or `seq`)."""
    found = []
    for route in routes:
        if not route.startswith("/api/") or "(?P<" in route or route == "/api/":
            continue
        list_path = route
        response = client.get(list_path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("application/json"):
            continue
        data = response.json()
        rows = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(rows, list) and rows and isinstance(rows[0], dict):
            key = next((rows[0][k] for k in ("id", "pk", "seq") if k in rows[0]), None)
            if key is not None:
                found.append(f"{list_path}{key}/")
    return found


def crawl(client: Client, routes: list[str]) -> dict[str, str]:
    """One real URL per route, found by following the links a person sees from the start pages."""
    found: dict[str, str] = {}
    queue = list(START_PAGES) + api_detail_urls(client, routes)
    seen: set[str] = set()
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop(0)
        path = urlsplit(url).path
        route = route_of(path)
        if url in seen or route is None or path.startswith(NOT_FOLLOWED) or route in found:
            continue
        seen.add(url)
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code} without any parameter"
        if response.status_code in (200, 302, 403, 404, 405):
            found[route] = path
        queue += links(response)
    return found


VARIABLE = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def filled(route: str, user: User | None) -> str:
    """A URL for a route nobody links to, with plausible values (an id that may not exist is fine)."""
    code = Request.objects.values_list("tracking_code", flat=True).first() or "X"
    org = user.memberships.first().org_id if user and user.memberships.exists() else 1
    values = {"org_id": org, "year": 2025, "code": code, "user_id": user.pk if user else 1, "kind": "pdf"}
    return VARIABLE.sub(lambda m: str(values.get(m.group(2) or m.group(3), 1)), route)


def with_malformed_path_values(route: str, path: str) -> list[str]:
    """The same URL with each of its variable parts in turn replaced by malformed values."""
    from django.urls import resolve

    kwargs = resolve(path).kwargs
    urls = []
    for variable in VARIABLE.finditer(route):
        converter, name = variable.group(1), variable.group(2) or variable.group(3)
        for bad in MALFORMED_PATH_INT if converter == "int" else MALFORMED_PATH_TEXT + MALFORMED_PATH_INT:
            def value(m: re.Match[str], bad: str = bad, name: str = name) -> str:
                own = m.group(2) or m.group(3)
                return bad if own == name else str(kwargs.get(own, 1))

            urls.append(VARIABLE.sub(value, route))
    return urls


def reachable_urls(username: str | None) -> tuple[Client, dict[str, str]]:
    client = client_as(username)
    routes = url_patterns()
    found = crawl(client, routes)
    user = User.objects.get(username=username) if username else None
    for route in routes:
        found.setdefault(route, filled(route, user))
    return client, found


def server_errors(client: Client, urls: dict[str, str]) -> list[str]:
    """Every (URL, parameter, malformed value) that answers 5xx."""
    failures = []
    for route, path in sorted(urls.items()):
        with parameters_read() as read:
            client.get(path)
        for name in sorted(read - IGNORED_PARAMETERS):
            for label, value in MALFORMED.items():
                response = client.get(path, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{path}?{name}=<{label}> → {response.status_code}  ({route})")
        for bad_path in with_malformed_path_values(route, path):
            response = client.get(bad_path)
            if response.status_code >= 500:
                failures.append(f"{bad_path[:120]} → {response.status_code}  ({route})")
    return failures


@pytest.mark.parametrize("person", list(PEOPLE))
def test_no_malformed_query_parameter_or_path_value_gives_a_server_error(demo, person):
    client, urls = reachable_urls(PEOPLE[person])
    assert set(urls) == set(url_patterns())  # every route of the site is walked
    failures = server_errors(client, urls)
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)


# API bodies: nested past any parser's stack, NUL bytes, wrong types and sizes in every field.
NESTED = "[" * 100_000 + "]" * 100_000


def malformed_bodies(fields: list[str]) -> Iterator[tuple[str, str]]:
    yield "deeply nested list", NESTED
    yield "deeply nested object", '{"a":' * 50_000 + "1" + "}" * 50_000
    yield "not JSON", "{'org': 1"
    yield "a list, not an object", "[1, 2, 3]"
    values = [*MALFORMED.values(), -1, 10**30, 1.5, True, None, [], {}, ["\x00"], {"a": {"b": [1]}}]
    for value in values:
        yield f"every field = {value!r:.30}", json.dumps(dict.fromkeys(fields, value))


def writable_api_urls(client: Client, urls: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(method, URL, field names) for every API route that declares a write action (OPTIONS)."""
    found = []
    for route, path in sorted(urls.items()):
        if not route.startswith("/api/"):
            continue
        response = client.options(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("application/json"):
            continue
        allowed = {method.strip() for method in response.get("Allow", "").split(",")}
        actions = response.json().get("actions", {})
        for method in ("POST", "PUT", "PATCH"):
            if method in allowed:
                fields = list(actions.get(method, actions.get("POST", actions.get("PUT", {}))))
                found.append((method, path, fields or ["org", "year", "name"]))
    return found


@pytest.mark.parametrize("person", ["staff", "supervisor"])
def test_no_malformed_api_body_gives_a_server_error(demo, person):
    client, urls = reachable_urls(PEOPLE[person])
    writable = writable_api_urls(client, urls)
    assert writable, "the API declares write actions (requests, appeals, publishing items)"
    failures = []
    for method, path, fields in writable:
        for label, body in malformed_bodies(fields):
            response = client.generic(method, path, body, content_type="application/json")
            if response.status_code >= 500:
                failures.append(f"{method} {path} <{label}> → {response.status_code}")
            elif label.startswith("deeply nested"):
                assert response.status_code in (400, 403, 404, 405), (method, path, response.status_code)
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)


def test_a_refused_parameter_says_what_is_wrong_in_chinese(demo, client_for, api_for):
    page = client_for("dazhai_handler").get("/requests/", {"org": "abc"})
    assert page.status_code == 400 and "参数“org”应为" in page.content.decode()
    nul = Client().get("/publishing/catalogue/", {"q": "公开\x00"})
    assert nul.status_code == 400 and "控制字符" in nul.content.decode()
    api = api_for("dazhai_handler").get("/api/requests/", {"org": "9" * 30})
    assert api.status_code == 400 and "整数" in api.json()["detail"]
    nested = api_for("dazhai_handler").post("/api/requests/", NESTED, content_type="application/json")
    assert nested.status_code == 400 and "嵌套" in nested.json()["detail"]


# ------------------------------------------------------------------------------------------------------ low items
def test_the_api_gives_a_tracking_code_only_to_the_agencys_own_staff(demo, api_for):
    own = api_for("dazhai_handler").get("/api/requests/").json()["results"]
    dazhai_rows = [row for row in own if row["org_name"] == "大寨乡"]
    assert dazhai_rows and all(row["tracking_code"] for row in dazhai_rows)
    for reader in ("county_supervisor", "api_portal"):
        rows = api_for(reader).get("/api/requests/").json()["results"]
        assert rows and all(row["tracking_code"] is None for row in rows if row["org_name"] != "某县人民政府")
        detail = api_for(reader).get(f"/api/requests/{dazhai_rows[0]['id']}/").json()
        assert detail["tracking_code"] is None


def test_a_read_only_supervisor_cannot_file_a_bulk_check_under_a_subordinate_agency(demo, org, client_for):
    from gongkai.annual.models import BulkCheck

    before = BulkCheck.objects.count()
    dazhai = org("大寨乡")
    response = client_for("county_supervisor").post(f"/annual/supervise/{dazhai.pk}/check/", {"folder": ""})
    assert response.status_code == 403
    assert BulkCheck.objects.count() == before
    assert client_for("county_supervisor").get(f"/annual/supervise/{dazhai.pk}/check/").status_code == 200
