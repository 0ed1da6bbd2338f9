"""Forms of 督促整改."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications.forms import DATE


class IssueForm(forms.Form):
    found = forms.MultipleChoiceField(label=_("检查发现的问题"), required=False, widget=forms.CheckboxSelectMultiple)
    other = forms.CharField(label=_("其他需要整改的问题（每行一项）"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label=_("整改期限"), widget=DATE)
    note = forms.CharField(label=_("整改要求"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, suggestions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions
        self.fields["found"].choices = [(str(i), text) for i, (_kind, text) in enumerate(suggestions)]  # type: ignore[attr-defined]

    def items(self) -> list[tuple[str, str]]:
        chosen = [self.suggestions[int(i)] for i in self.cleaned_data["found"]]
        return chosen + [("other", line) for line in self.cleaned_data["other"].splitlines() if line.strip()]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("整改情况"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("写明改了什么：如已公开修订后的年度报告、已公开的信息、已答复的申请。"))
    items = forms.ModelMultipleChoiceField(label=_("整改中公开的信息"), required=False, queryset=None,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("通知发出后本机关公开的信息，可勾选作为整改的依据。"))
    version = forms.ModelChoiceField(label=_("修订后的年度报告版本"), required=False, queryset=None,
                                     empty_label=_("（不涉及）"))

    def __init__(self, *args: Any, notice: Any, **kwargs: Any) -> None:
        from gongkai.oversight.services import answerable_items, answerable_versions

        super().__init__(*args, **kwargs)
        items, versions = self.fields["items"], self.fields["version"]
        items.queryset = answerable_items(notice)  # type: ignore[attr-defined]
        items.label_from_instance = lambda i: f"{i.title}（{i.index_number or _('未编号')}）"  # type: ignore[attr-defined]
        items.error_messages["invalid_choice"] = _("只能列出本机关在通知发出后公开的信息。")
        versions.queryset = answerable_versions(notice)  # type: ignore[attr-defined]
        versions.label_from_instance = (  # type: ignore[attr-defined]
            lambda v: _("%(year)d年度报告第%(n)d版（%(day)s公开）") % {
                "year": v.report.year, "n": v.number, "day": timezone.localdate(v.published_at).isoformat()})
        versions.error_messages["invalid_choice"] = _("只能选择本机关该年度已公开的年度报告版本。")


class ReopenForm(forms.Form):
    reopen_note = forms.CharField(label=_("退回意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class BulletinForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=[("", _("请选择"))])
    title = forms.CharField(label=_("标题"), max_length=200)
    number = forms.CharField(label=_("发文字号"), max_length=100, required=False, help_text=_("如：某政办〔2026〕12号"))
    addressees = forms.CharField(label=_("主送机关"), max_length=300)
    body = forms.CharField(label=_("正文"), max_length=20000, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("每段一行。由记录生成的事实可以修改；“【请…】”提示须在公布前填写。"))
    signed_on = forms.DateField(label=_("成文日期"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from gongkai.oversight.constants import BulletinKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("请选择")), *BulletinKind.choices]  # type: ignore[attr-defined]
        self.fields["kind"].error_messages["required"] = _("请选择通报类别。")
        self.fields["title"].error_messages["required"] = _("请填写标题。")
        self.fields["body"].error_messages["required"] = _("请填写正文。")
