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


def test_english_when_chosen(demo, client_for, org):
    client = client_for("dazhai_handler")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/dashboard/"})
    assert response.status_code == 302
    page = client.get(f"/orgs/{org('大寨乡').pk}/").content.decode()
    assert 'lang="en"' in page
    for text in ("Agencies and people", "People and roles", "Handler", "Dashboard", "Change password"):
        assert text in page, text
    assert "简体中文" in page  # the way back


def test_a_page_not_yet_in_english_is_wholly_chinese_and_says_so(demo, client_for, org):
    """Issue 15 item 7: no half-translated page. The dashboard gathers panels of apps whose catalogues are
    not complete yet, so in English it is shown in Chinese, with a note in English."""
    client = client_for("dazhai_handler")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(f"/dashboard/{org('大寨乡').pk}/")
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page and response["Content-Language"] == "zh-hans"
    assert "待办事项" in page and "修改密码" in page  # the frame too, not only the body
    assert '<p class="language-note" lang="en">This page is available in Chinese only.</p>' in page
    assert 'value="zh-hans"' in page  # the switch still offers the way back to Chinese for good


def test_an_official_document_s_page_says_why_it_stays_chinese(demo, client_for):
    client = client_for("dazhai_handler")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/annual/reports/").content.decode()
    assert "This page is available in Chinese only. Annual reports keep the official Chinese format" in page


def _entries(po: Path) -> list[tuple[str, str, str]]:
    """(context, Chinese, English) of each entry (plural entries are left out)."""
    text = po.read_text(encoding="utf-8")
    found = re.findall(r'^(?:msgctxt (".*")\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, flags=re.M)

    def unquote(block: str) -> str:
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"')

    return [(unquote(c), unquote(a), unquote(b)) for c, a, b in found if unquote(a)]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-5])
def test_catalog_is_complete_and_compiled(po):
    assert po.with_suffix(".mo").is_file(), "run compilemessages (see README)"
    entries = _entries(po)
    assert entries and all(english for _, _, english in entries), "untranslated entries"
    with translation.override("en"):
        for context, chinese, english in entries:
            shown = translation.pgettext(context, chinese) if context else translation.gettext(chinese)
            assert shown == english, f"{po}: .mo is older than .po, or another catalogue says otherwise ({chinese})"


def test_languages():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]


def test_the_public_application_form_is_wholly_english_errors_included(demo, org):
    """The form and its messages (条例 第二十九条's fields) in English; what the applicant typed stays as typed."""
    from django.test import Client

    from tests.platform.test_i18n_pages import stored_values, untranslated

    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    typed = {"org": org("大寨乡").pk, "applicant_type": "natural_person", "applicant_name": "张三",
             "id_type": "resident_id", "id_number": "110101199001011230", "phone": "电话", "email": "zhang@",
             "postcode": "1234", "description": "本乡惠民惠农补贴发放明细", "provision_form": "electronic",
             "delivery_way": "online"}
    page = client.post("/requests/apply/", typed).content.decode()
    assert '<html lang="en">' in page and "4 fields need changing" in page
    for typed_value in ("张三", "电话", "本乡惠民惠农补贴发放明细"):  # what the applicant typed stays as typed
        page = page.replace(typed_value, "")
    _lang, left, _links = untranslated(page, stored_values())
    assert left == "", left
    done = client.post("/requests/apply/", {**typed, "id_number": "110101199001011237", "phone": "13800000000",
                                            "email": "zhang@example.com", "postcode": "100000"}, follow=True)
    page = done.content.decode()
    assert done.redirect_chain and '<html lang="en">' in page and "Tracking code (please note it)" in page
    assert untranslated(page, stored_values())[1] == ""
