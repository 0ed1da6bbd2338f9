"""Chinese by default (whatever the browser asks for), English on request; catalogs compiled and current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import gongkai

pytestmark = pytest.mark.django_db

CATALOGS = sorted(Path(gongkai.__file__).parent.glob("*/locale/en/LC_MESSAGES/django.po"))


def test_chinese_even_when_the_browser_prefers_english(demo, client_for):
    client = client_for("dazhai_handler")
    page = client.get("/dashboard/", follow=True, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in page and "待办事项" in page and "经办人" in page


def test_english_when_chosen(demo, client_for):
    client = client_for("dazhai_handler")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/dashboard/"})
    assert response.status_code == 302
    page = client.get("/dashboard/", follow=True).content.decode()
    assert 'lang="en"' in page
    for text in ("To-do", "People and roles", "Recent activity", "Handler", "Dashboard"):
        assert text in page, text
    assert "简体中文" in page  # the way back


def _entries(po: Path) -> list[tuple[str, str]]:
    text = po.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, flags=re.M)

    def unquote(block: str) -> str:
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"')

    return [(unquote(a), unquote(b)) for a, b in pairs if unquote(a)]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-5])
def test_catalog_is_complete_and_compiled(po):
    assert po.with_suffix(".mo").is_file(), "run compilemessages (see README)"
    entries = _entries(po)
    assert entries and all(english for _, english in entries), "untranslated entries"
    with translation.override("en"):
        for chinese, english in entries:
            assert translation.gettext(chinese) == english, f"{po}: .mo is older than .po ({chinese})"


def test_languages():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
