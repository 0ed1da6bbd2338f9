"""Which apps are complete in English: a page is in one language (issue 15 item 7).

With English chosen, a page of an app listed in ENGLISH_APPS is shown in English; a page of any other app
is shown wholly in Chinese, with `lang="zh-hans"` and a short English note, rather than half translated.
An app joins ENGLISH_APPS when its catalogue (`<app>/locale/en/LC_MESSAGES/django.po`) covers every
string on its pages; tests/platform/test_i18n_pages.py checks that no page mixes the two.
"""

from __future__ import annotations

from django.urls import ResolverMatch

# URL namespaces (= app labels) whose pages are complete in English; "" is the site's own pages
# (login, password, errors), "admin" is Django's admin (Django's own translation).
ENGLISH_APPS = frozenset({
    "", "admin", "api", "portal", "orgs", "consultations", "appeals", "notifications", "publishing", "disclosure",
    "findings",
})

# Why some pages stay Chinese whatever the work on the catalogue: the document itself is Chinese by law.
CHINESE_BY_LAW = {
    "annual": "Annual reports keep the official Chinese format laid down by the State Council's General Office.",
    "applications": "Letters to applicants are official documents and are issued in Chinese.",
    "oversight": "Bulletins and rectification notices are official documents and are issued in Chinese.",
}


# Pages complete in English within an app that is not yet: the public application form and tracking.
ENGLISH_VIEWS = frozenset({"applications:apply", "applications:applied", "applications:track", "applications:tracked"})

# Pages of an English app that still show text made in Chinese by a pure core (the screening engine's findings,
# the deadline clock): wholly Chinese until that text is translated too.
CHINESE_ONLY_VIEWS = {
    "publishing:item": "Screening findings are written by the screening engine, in Chinese.",
    "publishing:fixes": "Screening findings are written by the screening engine, in Chinese.",
    "findings:regions": "The comparison names the cells of the annual report's official format, Chinese by law.",
}


def namespace_of(match: ResolverMatch | None) -> str:
    return match.namespaces[0] if match and match.namespaces else ""


def is_chinese_only(match: ResolverMatch | None) -> bool:
    view_name = match.view_name if match else ""
    if view_name in ENGLISH_VIEWS:
        return False
    return namespace_of(match) not in ENGLISH_APPS or view_name in CHINESE_ONLY_VIEWS


def note(match: ResolverMatch | None) -> str:
    """The English note on a Chinese-only page."""
    view_name = match.view_name if match else ""
    reason = CHINESE_ONLY_VIEWS.get(view_name) or CHINESE_BY_LAW.get(namespace_of(match), "")
    return " ".join(part for part in ("This page is available in Chinese only.", reason) if part)
