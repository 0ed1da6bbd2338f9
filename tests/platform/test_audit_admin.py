"""Operators' actions on accounts are audited (issue 13): roles granted on the admin's user page,
passwords set there or by `changepassword` and changed by the person, API tokens created or deleted
(admin, `drf_create_token`), bulk checks deleted. A token's key never enters the log."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from gongkai.audit.constants import AccountEvent, AdminEvent
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import verify
from gongkai.orgs.constants import Role
from gongkai.orgs.models import Membership, User

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The values a browser would submit from the form with the given id."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        name = a.get("name", "")
        if not self.inside or "__prefix__" in name or (tag != "option" and not name):
            return  # outside the form, an inline's empty template, or a control that submits nothing
        if tag == "input" and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") not in {"checkbox", "radio"} or "checked" in a:
                self.data.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data.append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[-1] = (self._textarea, self.data[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_data(page: str, form_id: str) -> dict[str, str]:
    parser = _FormFields(form_id)
    parser.feed(page)
    return dict(parser.data)


def entries(event: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(event=event).order_by("seq"))


@pytest.fixture
def operator(demo, client_for):
    return client_for("sysadmin")


def test_a_role_granted_and_removed_on_the_admin_user_page_is_audited(operator, org):
    person = User.objects.get(username="dazhai_handler")
    url = f"/admin/orgs/user/{person.pk}/change/"
    data = form_data(operator.get(url).content.decode(), "user_form")
    rows = int(data["memberships-TOTAL_FORMS"])
    assert rows >= 1
    shiqiao = org("石桥镇")
    data.update({"memberships-TOTAL_FORMS": str(rows + 1), f"memberships-{rows}-org": str(shiqiao.pk),
                 f"memberships-{rows}-role": Role.ADMIN, f"memberships-{rows}-user": str(person.pk)})
    response = operator.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    granted = Membership.objects.get(user=person, org=shiqiao, role=Role.ADMIN)
    [entry] = entries(AdminEvent.CREATED)
    assert (entry.actor_username, entry.object_type) == ("sysadmin", "orgs.membership")
    assert entry.object_id == str(granted.pk)
    assert entry.org_id == shiqiao.pk and entry.after["role"] == Role.ADMIN

    data = form_data(operator.get(url).content.decode(), "user_form")
    index = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == str(granted.pk))
    data[f"memberships-{index}-DELETE"] = "on"
    assert operator.post(url, data).status_code == 302
    assert not Membership.objects.filter(pk=granted.pk).exists()
    [removed] = entries(AdminEvent.DELETED)
    assert removed.object_id == str(granted.pk) and removed.before["role"] == Role.ADMIN
    assert verify().ok


def test_a_password_set_on_the_admin_page_is_audited(operator):
    person = User.objects.get(username="dazhai_handler")
    response = operator.post(f"/admin/orgs/user/{person.pk}/password/",
                             {"password1": "Xk3#long-enough", "password2": "Xk3#long-enough",
                              "usable_password": "true"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Xk3#long-enough")
    [entry] = entries(AccountEvent.PASSWORD_SET)
    assert (entry.actor_username, entry.object_id) == ("sysadmin", str(person.pk))
    assert "Xk3#long-enough" not in str(entry.after) and person.password not in str(entry.after)


def test_a_refused_password_leaves_no_entry(operator):
    person = User.objects.get(username="dazhai_handler")
    response = operator.post(f"/admin/orgs/user/{person.pk}/password/",
                             {"password1": "a", "password2": "b", "usable_password": "true"})
    assert response.status_code == 200
    assert entries(AccountEvent.PASSWORD_SET) == []


def test_changepassword_command_is_audited(demo, monkeypatch):
    from django.contrib.auth.management.commands import changepassword

    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt="": "Xk3#long-enough")
    call_command("changepassword", "dazhai_handler", stdout=None)
    person = User.objects.get(username="dazhai_handler")
    assert person.check_password("Xk3#long-enough")
    [entry] = entries(AccountEvent.PASSWORD_SET)
    assert entry.actor_username == "" and entry.object_id == str(person.pk)
    assert "changepassword" in entry.message


def test_a_person_changing_their_own_password_is_audited(demo, client_for):
    client = client_for("dazhai_handler")
    response = client.post("/accounts/password/", {"old_password": "demo12345",
                                                   "new_password1": "Xk3#long-enough",
                                                   "new_password2": "Xk3#long-enough"})
    assert response.status_code == 302
    [entry] = entries(AccountEvent.PASSWORD_CHANGED)
    assert entry.actor_username == "dazhai_handler" and entry.object_repr


def test_api_tokens_created_and_deleted_in_the_admin_are_audited_without_the_key(operator):
    person = User.objects.get(username="dazhai_handler")
    response = operator.post("/admin/authtoken/tokenproxy/add/", {"user": str(person.pk)})
    assert response.status_code == 302
    token = Token.objects.get(user=person)
    [created] = entries(AccountEvent.TOKEN_CREATED)
    assert (created.actor_username, created.object_type, created.object_id) == (
        "sysadmin", "orgs.user", str(person.pk))

    response = operator.post(f"/admin/authtoken/tokenproxy/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Token.objects.filter(user=person).exists()
    [deleted] = entries(AccountEvent.TOKEN_DELETED)
    assert deleted.actor_username == "sysadmin" and deleted.object_id == str(person.pk)
    for entry in AuditEntry.objects.all():
        assert token.key not in str(entry.hashed_fields())


def test_drf_create_token_is_audited(demo, capsys):
    call_command("drf_create_token", "dazhai_handler")
    call_command("drf_create_token", "dazhai_handler")  # the existing token: nothing new
    assert len(entries(AccountEvent.TOKEN_CREATED)) == 1
    call_command("drf_create_token", "dazhai_handler", reset_token=True)
    assert len(entries(AccountEvent.TOKEN_CREATED)) == 2 and len(entries(AccountEvent.TOKEN_DELETED)) == 1
    key = Token.objects.get(user__username="dazhai_handler").key
    assert not AuditEntry.objects.filter(object_repr__contains=key).exists()
    assert entries(AccountEvent.TOKEN_CREATED)[-1].message == "gongkai manage drf_create_token"


def test_a_bulk_check_deleted_in_the_admin_is_audited(operator, org):
    from gongkai.annual.models import BulkCheck

    check = BulkCheck.objects.create(org=org("某县人民政府"), source="三个文件", results=[{"name": "a.docx"}])
    response = operator.post(f"/admin/annual/bulkcheck/{check.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not BulkCheck.objects.filter(pk=check.pk).exists()
    [entry] = [e for e in entries(AdminEvent.DELETED) if e.object_type == "annual.bulkcheck"]
    assert entry.actor_username == "sysadmin" and entry.before["source"] == "三个文件"
    assert "results" not in entry.before


def test_an_operator_changing_their_own_password_on_the_admin_site_is_audited(operator):
    response = operator.post("/admin/password_change/", {"old_password": "demo12345",
                                                         "new_password1": "Xk3#long-enough",
                                                         "new_password2": "Xk3#long-enough"})
    assert response.status_code == 302
    assert User.objects.get(username="sysadmin").check_password("Xk3#long-enough")
    [entry] = entries(AccountEvent.PASSWORD_CHANGED)
    assert entry.actor_username == "sysadmin"
    refused = operator.post("/admin/password_change/", {"old_password": "wrong", "new_password1": "Yk3#long-enough",
                                                        "new_password2": "Yk3#long-enough"})
    assert refused.status_code == 200 and len(entries(AccountEvent.PASSWORD_CHANGED)) == 1
