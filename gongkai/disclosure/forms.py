"""Forms of the disclosure pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.constants import ReviewDecision


def _categories(scheme: str) -> Any:
    from gongkai.publishing.models import Category

    return Category.objects.filter(scheme=scheme, is_active=True)


class CategoryFields(forms.Form):
    topic = forms.ModelChoiceField(label=_("主题分类"), queryset=None, required=False)
    genre = forms.ModelChoiceField(label=_("体裁分类"), queryset=None, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = _categories("topic")  # type: ignore[attr-defined]
        self.fields["genre"].queryset = _categories("genre")  # type: ignore[attr-defined]


class ConversionForm(CategoryFields):
    """Decide on one group of requests: convert (title and classification of the draft item) or decline."""

    action = forms.ChoiceField(label=_("决定"),
                               choices=(("convert", _("转为主动公开")), ("decline", _("不转为主动公开"))))
    requests = forms.CharField(label=_("所选申请"), widget=forms.HiddenInput)
    title = forms.CharField(label=_("拟主动公开信息的标题"), max_length=300, required=False)
    reason = forms.CharField(label=_("不转为主动公开的理由"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_requests(self) -> list[int]:
        text = self.cleaned_data["requests"]
        if not re.fullmatch(r"\d{1,12}(,\d{1,12}){0,199}", text):
            raise ValidationError(_("申请编号格式不正确。"))
        return [int(part) for part in text.split(",")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "convert":
            for name, message in (("title", _("请填写标题。")), ("topic", _("请选择主题分类。")),
                                  ("genre", _("请选择体裁分类。"))):
                if not data.get(name):
                    self.add_error(name, message)
        elif data.get("action") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("请写明不转为主动公开的理由。"))
        return data


class ReviewForm(CategoryFields):
    """A periodic review of one withheld entry."""

    decision = forms.ChoiceField(label=_("审查结论"), choices=ReviewDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("理由"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("审查日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("转为公开时：信息标题"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == ReviewDecision.RELEASE:
            for name, message in (("topic", _("转为公开须选择主题分类。")), ("genre", _("转为公开须选择体裁分类。"))):
                if not data.get(name):
                    self.add_error(name, message)
        return data
