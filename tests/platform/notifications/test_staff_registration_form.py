"""The staff registration form (添加人员) reports every bad field at once, in plain Chinese, next to the field,
and keeps what was typed (issue 15, item 4: "Forms report every bad field at once … keeping what was typed")."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gongkai.orgs.models import Organisation, User

pytestmark = pytest.mark.django_db
STOCK = ("确保该变量", "Ensure this value", "输入一个有效的", "Enter a valid", "这个字段是必填项",
         "This field is required", "合法的用户名")


def test_every_bad_field_is_named_at_once_in_plain_chinese_and_the_input_is_kept(county, client) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    client.force_login(User.objects.get(username="dazhai_admin"))
    url = reverse("orgs:person_add", args=[dazhai.pk])
    typed = {"username": "wang li!", "full_name": "王" * 51, "phone": "电话号码", "email": "wang@",
             "password": "12345678"}
    page = client.post(url, typed).content.decode()
    for message in ("用户名只能包含字母、数字和 @ . + - _", "姓名最多填写50个字，现在是51个字",
                    "联系电话只能包含数字", "电子邮箱的格式不对", "请至少选择一个角色", "密码不能全是数字"):
        assert message in page, message
    for stock in STOCK:
        assert stock not in page, stock
    for name, value in typed.items():  # everything typed is still in its field
        assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"', page), name
    assert not User.objects.filter(full_name="王" * 51).exists()

    empty = client.post(url, {}).content.decode()
    for message in ("请填写用户名", "请填写姓名", "请设置初始密码", "请至少选择一个角色"):
        assert message in empty, message
    for stock in STOCK:
        assert stock not in empty, stock


def test_a_taken_username_is_reported_with_the_other_errors(county, client) -> None:
    dazhai = Organisation.objects.get(name="大寨乡")
    client.force_login(User.objects.get(username="dazhai_admin"))
    page = client.post(reverse("orgs:person_add", args=[dazhai.pk]), {
        "username": "DAZHAI_HANDLER", "full_name": "王丽", "email": "bad", "password": "Gk-2026-xyz",
        "roles": ["handler"]}).content.decode()
    assert "这个用户名已被使用" in page and "电子邮箱的格式不对" in page
