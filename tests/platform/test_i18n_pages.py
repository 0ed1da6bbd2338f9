"""A page is in one language (issue 15 item 7): with English chosen, every page a role reaches by links is
either all English, apart from what people typed, or says it is Chinese-only and is then all Chinese.

What counts as "what people typed" (user data), kept simple:
- every text value stored in the database (names of agencies and people, titles, bodies, comments …): the
  demo's own values are cut out of the page before counting;
- an official number (文号, 案号, a request's number: 大寨乡依申请〔2026〕7号), an identifier like a name;
- anything inside an element that declares itself Chinese with `lang="zh-hans"`: a Chinese-only page
  (`<html lang="zh-hans">`), an official document shown as it is issued (letters, the annual report's
  official format — Chinese by law), the language switch's "简体中文".
Whatever Chinese is left is an untranslated label or message.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve

from gongkai.orgs.models import User

pytestmark = pytest.mark.django_db

LETTERS = "\u3400-\u9fff"
OFFICIAL_NUMBER = re.compile(r"[\u3400-\u9fff（）]*〔\d{4}〕\d+号")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
NOT_FOLLOWED = ("/admin/", "/api/", "/accounts/logout/", "/i18n/")
PER_URL_NAME = 2  # two pages of each kind (two items, two requests …) are enough to see their labels

# The roles of the issue, each starting where that person starts.
ROLES = {
    "public": None,
    "handler": "dazhai_handler",
    "reviewer1": "dazhai_reviewer1",
    "reviewer2": "dazhai_reviewer2",
    "reviewer3": "dazhai_reviewer3",
    "office_head": "dazhai_head",
    "admin": "dazhai_admin",
    "supervisor": "county_supervisor",
}


class _Text(HTMLParser):
    """The text a reader sees, without the parts declared Chinese (`lang="zh-hans"`), and the page's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside a Chinese element)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self.page_lang = ""

    def _chinese(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.page_lang = values.get("lang") or ""
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        lang = values.get("lang")
        chinese = lang.lower().startswith("zh") if lang else self._chinese()
        if not chinese:
            self.chunks.extend(values[name] or "" for name in SHOWN_ATTRIBUTES if values.get(name))
            if tag == "input" and values.get("type") in ("submit", "button"):
                self.chunks.append(values.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, chinese or tag in ("script", "style")))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if not self._chinese():
            self.chunks.append(data)


def stored_values() -> list[re.Pattern[str]]:
    """Every Chinese text stored in the database (and the site's configured name), as patterns, longest first
    (a title goes before a word inside it). A value of one to three characters (a person's name, a short
    word such as 公开) is user data only where it stands alone, not inside a longer Chinese word or phrase."""
    found: set[str] = {settings.GONGKAI_SITE_NAME}
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for value in row:
                if value and CJK.search(str(value)):
                    found.update(line.strip() for line in str(value).splitlines() if CJK.search(line))
    return [
        re.compile(re.escape(value) if len(value) >= 4 else rf"(?<![{LETTERS}]){re.escape(value)}(?![{LETTERS}])")
        for value in sorted(found, key=len, reverse=True)
    ]


def untranslated(html: str, data: list[re.Pattern[str]]) -> tuple[str, str, list[str]]:
    """(page language, Chinese left outside user data, links)."""
    parser = _Text()
    parser.feed(html)
    text = " ".join(" ".join(parser.chunks).split())
    for value in data:
        text = value.sub(" ", text)
    text = OFFICIAL_NUMBER.sub(" ", text)
    return parser.page_lang, " ".join(CJK.findall(text)), parser.links


def walk(client: Client, starts: list[str], data: list[re.Pattern[str]],
         limit: int = 120) -> dict[str, tuple[str, str]]:
    """Pages reachable by links from `starts`: {url: (page language, Chinese left)}."""
    seen: set[str] = set()
    per_name: Counter[str] = Counter()
    pages: dict[str, tuple[str, str]] = {}
    queue = deque(starts)
    while queue and len(pages) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        name = match.view_name
        if per_name[name] >= PER_URL_NAME:
            continue
        per_name[name] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.appendleft(urljoin(url, response["Location"]))
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        lang, left, links = untranslated(response.content.decode(), data)
        pages[url] = (lang, left)
        for link in links:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc not in ("", "testserver") or parts.path.startswith(NOT_FOLLOWED):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def tracked_pages() -> list[str]:
    """What an applicant sees with a tracking code (no link leads there): one request in each state."""
    from gongkai.applications.models import Request

    firsts: dict[str, str] = {}
    for state, code in Request.objects.order_by("pk").values_list("state", "tracking_code"):
        firsts.setdefault(state, f"/requests/track/{code}/")
    return list(firsts.values())


def english_client(username: str | None) -> Client:
    client = Client(raise_request_exception=False)  # a broken page is other tests' business; this one reads
    if username:
        client.force_login(User.objects.get(username=username))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_every_page_a_role_reaches_is_in_one_language(demo, capsys):
    data = stored_values()
    mixed: dict[str, str] = {}
    counts = Counter()
    for role, username in ROLES.items():
        client = english_client(username)
        pages = walk(client, ["/", *tracked_pages()] if username is None else ["/dashboard/"], data)
        for url, (lang, left) in pages.items():
            counts["pages"] += 1
            if lang.startswith("zh"):
                counts["chinese only"] += 1
            elif left:
                counts["mixed"] += 1
                counts["chinese characters"] += len(left.replace(" ", ""))
                mixed.setdefault(f"{role} {url}", left[:300])
            else:
                counts["english"] += 1
    with capsys.disabled():
        print(f"\n[i18n pages] {dict(counts)}")
        for where, left in sorted(mixed.items()):
            print(f"  {where}: {left}")
    assert not mixed, f"{len(mixed)} pages mix English and Chinese: " + "; ".join(sorted(mixed)[:20])
