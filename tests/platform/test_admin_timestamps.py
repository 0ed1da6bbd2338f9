"""Admin saves keep timestamps to the second and log only real changes (issue 13, Low): the zh-hans
time format is %H:%M, so an unchanged user page used to cut the seconds off 上次登录 and 加入日期
and log that as a change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.audit.constants import AdminEvent
from gongkai.audit.models import AuditEntry
from gongkai.orgs.models import User
from tests.platform.test_audit_admin import form_data

pytestmark = pytest.mark.django_db

STAMP = timezone.make_aware(dt.datetime(2026, 11, 3, 9, 41, 27, 654321))


@pytest.fixture
def person(demo):
    person = User.objects.get(username="dazhai_handler")
    User.objects.filter(pk=person.pk).update(last_login=STAMP, date_joined=STAMP - dt.timedelta(days=30))
    return User.objects.get(pk=person.pk)


def test_an_unchanged_user_page_saved_keeps_every_timestamp_and_logs_nothing(client_for, person):
    operator = client_for("sysadmin")
    url = f"/admin/orgs/user/{person.pk}/change/"
    page = operator.get(url).content.decode()
    assert "09:41:27" in page  # the seconds are shown, so a browser sends them back
    response = operator.post(url, form_data(page, "user_form"))
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = User.objects.get(pk=person.pk)
    assert (saved.last_login, saved.date_joined) == (person.last_login, person.date_joined)
    assert not AuditEntry.objects.filter(event=AdminEvent.CHANGED, object_type="orgs.user").exists()


def test_a_timestamp_edited_to_the_second_is_stored_and_logged_as_the_only_change(client_for, person):
    operator = client_for("sysadmin")
    url = f"/admin/orgs/user/{person.pk}/change/"
    data = form_data(operator.get(url).content.decode(), "user_form")
    data["last_login_1"] = "10:15:08"
    assert operator.post(url, data).status_code == 302
    saved = User.objects.get(pk=person.pk)
    assert timezone.localtime(saved.last_login).time() == dt.time(10, 15, 8)
    assert saved.date_joined == person.date_joined
    [entry] = AuditEntry.objects.filter(event=AdminEvent.CHANGED, object_type="orgs.user")
    assert set(entry.after) == {"last_login"}
