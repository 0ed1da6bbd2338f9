"""Throttling: wrong passwords lock the account and the address (django-axes), the lockout and its release are
in the audit trail; the public application form and tracking lookups are rate-limited per address; the
public form bounds the size of its fields and attachments."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from gongkai.applications.models import Request
from gongkai.audit.models import AuditEntry
from gongkai.orgs.models import User
from gongkai.web.throttle import SecurityEvent
from tests.platform.applications import conftest as applications
from tests.platform.applications.conftest import PERSON

pytestmark = pytest.mark.django_db

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle-test"}}
PASSWORD = "right-password-2024"
county, dazhai, known_calendar = applications.county, applications.dazhai, applications.known_calendar  # fixtures


@pytest.fixture
def person(db: None) -> User:
    return User.objects.create_user(username="wangfang", password=PASSWORD, full_name="王芳")


def login(username: str, password: str, address: str = "203.0.113.7") -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post("/accounts/login/", {"username": username, "password": password}).status_code


@override_settings(AXES_FAILURE_LIMIT=5, GONGKAI_LOGIN_COOLOFF_MINUTES=15, AXES_COOLOFF_TIME=0.25)
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one_and_both_ends_are_audited(person):
    # from five different addresses: the account itself is locked, not only one address
    statuses = [login("wangfang", "wrong", address=f"198.51.100.{n}") for n in range(5)]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert statuses[4] == 429
    refused = Client(REMOTE_ADDR="192.0.2.1").post("/accounts/login/", {"username": "wangfang", "password": PASSWORD})
    assert refused.status_code == 429 and "登录失败次数过多" in refused.content.decode()
    locked = AuditEntry.objects.get(event=SecurityEvent.LOGIN_LOCKED_OUT)
    assert locked.after["username"] == "wangfang" and locked.object_id == str(person.pk)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert login("wangfang", PASSWORD, address="192.0.2.1") == 302
    released = AuditEntry.objects.get(event=SecurityEvent.LOGIN_RELEASED)
    assert released.seq > locked.seq and released.after["username"] == "wangfang"


@override_settings(AXES_FAILURE_LIMIT=5)
def test_one_address_guessing_many_accounts_is_locked_out(person):
    for n in range(5):
        login(f"nobody{n}", "guess", address="203.0.113.9")
    assert login("wangfang", PASSWORD, address="203.0.113.9") == 429
    assert login("wangfang", PASSWORD, address="203.0.113.10") == 302  # the account itself is not locked


@override_settings(CACHES=LOCAL_CACHE, GONGKAI_RATE_LIMITS={"apply": (3, 3600), "track": (5, 3600)})
def test_the_public_form_and_tracking_are_rate_limited_per_address(dazhai, known_calendar):
    client = Client(REMOTE_ADDR="203.0.113.20")
    answers = [client.post("/requests/apply/", {**PERSON, "org": dazhai.pk}).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert Request.objects.count() == 3
    assert Client(REMOTE_ADDR="203.0.113.21").post("/requests/apply/", {**PERSON, "org": dazhai.pk}).status_code == 302
    guesses = [client.post("/requests/track/", {"code": f"GUESS{n}"}).status_code for n in range(5)]
    assert guesses == [200] * 5
    assert client.get("/requests/track/GUESS9/").status_code == 429  # a code in the address counts too
    assert "操作过于频繁" in client.post("/requests/track/", {"code": "X"}).content.decode()


@override_settings(GONGKAI_DESCRIPTION_MAX_CHARS=5000,
                   GONGKAI_PUBLIC_UPLOADS={"files": 2, "file_mb": 1, "total_mb": 1})
def test_the_public_form_bounds_the_description_and_the_attachments(dazhai, known_calendar):
    client = Client()
    long = client.post("/requests/apply/", {**PERSON, "org": dazhai.pk, "description": "查" * 5001})
    assert long.status_code == 200 and "5000" in long.content.decode()
    huge = client.post("/requests/apply/", {**PERSON, "org": dazhai.pk, "description": "查" * 2_500_000})
    assert huge.status_code == 400  # over Django's 2.5 MB for form fields: refused before the form
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    too_big = client.post("/requests/apply/", {**PERSON, "org": dazhai.pk, "files": [big]})
    assert too_big.status_code == 200 and "超过1MB" in too_big.content.decode()
    many = [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1", content_type="application/pdf") for n in range(3)]
    too_many = client.post("/requests/apply/", {**PERSON, "org": dazhai.pk, "files": many})
    assert too_many.status_code == 200 and "最多上传2个文件" in too_many.content.decode()
    assert not Request.objects.exists()
