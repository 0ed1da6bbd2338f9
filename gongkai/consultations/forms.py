"""Forms of the consultation pages."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.consultations.constants import Adoption
from gongkai.consultations.models import ConcernResponse, Consultation
from gongkai.consultations.services import COMMENT_MAX_CHARS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Consultation
        fields = ("title", "summary", "body", "opens_on", "closes_on", "short_period_reason")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "opens_on": DATE, "closes_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}


class ConcernForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ConcernResponse
        fields = ("title", "concern", "source", "raised_on", "body")
        widgets: ClassVar[dict[str, forms.Widget]] = {"raised_on": DATE}


class CommentForm(forms.Form):
    """What the public posts: the comment, and optionally a name and a contact for the reply (never shown)."""

    text = forms.CharField(label=_("意见内容"), max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": _("请填写意见内容。"),
                                           "max_length": _("意见内容不超过%(limit_value)d字。")})
    name = forms.CharField(label=_("姓名或名称（选填）"), max_length=50, required=False)
    contact = forms.CharField(label=_("联系方式（选填，不公开）"), max_length=100, required=False)


class ReplyForm(forms.Form):
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=Adoption.choices)
    reply = forms.CharField(label=_("答复"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class ResultForm(forms.Form):
    result = forms.CharField(label=_("意见采纳情况说明"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))
