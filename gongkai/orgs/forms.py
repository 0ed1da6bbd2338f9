"""Forms of the organisation pages: every error is a sentence in Chinese next to its field."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.constants import Role
from gongkai.orgs.models import Organisation, User
from gongkai.orgs.services import EDITABLE_ORG_FIELDS


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    online_channel = forms.URLField(label=_("网上申请渠道"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = EDITABLE_ORG_FIELDS
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "report_deadline_month": forms.NumberInput(attrs={"min": 1, "max": 12}),
            "report_deadline_day": forms.NumberInput(attrs={"min": 1, "max": 31}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person_in_charge"].queryset = User.objects.filter(
            memberships__org=self.instance
        ).distinct()

    def clean_office_postcode(self) -> str:
        value: str = self.cleaned_data["office_postcode"].strip()
        if value and not re.fullmatch(r"\d{6}", value):
            raise forms.ValidationError(_("邮政编码应为6位数字。"))
        return value


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Role.choices, label=_("角色"), **kwargs)


USERNAME_CHARACTERS = _("用户名只能包含字母、数字和 @ . + - _，不能有空格或其他符号。")
PHONE = re.compile(r"[0-9+\-() ]{3,30}")


def _too_long(label: str) -> str:
    return _("%(label)s最多填写%%(limit_value)d个字，现在是%%(show_value)d个字，请删减。") % {"label": label}


class PersonForm(forms.Form):
    """添加人员: every field checked in one round, each error a plain Chinese sentence naming the field, and
    what was typed (the initial password included) shown again."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        validators=[UnicodeUsernameValidator(message=USERNAME_CHARACTERS)],
        help_text=_("登录时使用；字母、数字和 @ . + - _。"),
        error_messages={"required": _("请填写用户名。")},
    )
    full_name = forms.CharField(label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名。")})
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False, max_length=254,
                             error_messages={"invalid": _("电子邮箱的格式不对，例如 wangli@example.gov.cn。")},
                             help_text=_("用于接收待办和退回修改的邮件通知。"))
    password = forms.CharField(
        label=_("初始密码"),
        strip=False,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("至少8位，不能全是数字；请本人登录后修改。"),
        error_messages={"required": _("请设置初始密码。")},
    )
    roles = RolesField(required=True, error_messages={"required": _("请至少选择一个角色。"),
                                                      "invalid_choice": _("请从列出的角色中选择。")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # “姓名最多填写50个字……” instead of Django's “确保该变量……”
            field.validators = [
                MaxLengthValidator(v.limit_value, _too_long(str(field.label))) if type(v) is MaxLengthValidator
                else v for v in field.validators
            ]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("这个用户名已被使用，请换一个。"))
        return username

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(_("联系电话只能包含数字、空格和 + - ( )，例如 0591-12345678。"))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:  # checked even when other fields are wrong: one round names every problem
            probe = User(username=self.data.get("username", ""), full_name=self.data.get("full_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", [_plain_password_error(e) for e in exc.error_list])
        return data


def _plain_password_error(error: forms.ValidationError) -> str:
    plain = {
        "password_too_short": _("密码太短，至少需要%(min_length)d位。"),
        "password_entirely_numeric": _("密码不能全是数字。"),
        "password_too_common": _("这个密码太常见，容易被猜到，请换一个。"),
        "password_too_similar": _("密码与用户名或姓名太相似，请换一个。"),
    }
    template = plain.get(error.code or "")
    if template is None:
        return " ".join(error.messages)
    return template % (error.params or {}) if "%(" in str(template) else str(template)


class RolesForm(forms.Form):
    roles = RolesField(required=False, help_text=_("全部取消即把此人移出本机关。"))
