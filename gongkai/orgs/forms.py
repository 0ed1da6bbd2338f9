"""Forms of the organisation pages: every error is a sentence in Chinese next to its field."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
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


class PersonForm(forms.Form):
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("登录时使用；字母、数字和 @ . + - _。"),
    )
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    password = forms.CharField(
        label=_("初始密码"),
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("至少8位，不能全是数字；请本人登录后修改。"),
    )
    roles = RolesField(required=True, error_messages={"required": _("请至少选择一个角色。")})

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("这个用户名已被使用，请换一个。"))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            probe = User(username=data.get("username", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class RolesForm(forms.Form):
    roles = RolesField(required=False, help_text=_("全部取消即把此人移出本机关。"))
