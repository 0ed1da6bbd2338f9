"""The search form of the audit pages and exports: every filter narrows what the viewer may already see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.audit import events
from gongkai.audit.models import AuditEntryQuerySet
from gongkai.orgs.permissions import visible_orgs


class AuditFilterForm(forms.Form):
    org = forms.ModelChoiceField(
        label=_("机关"),
        queryset=None,
        required=False,
        empty_label=_("全部（我可查看的机关）"),
        error_messages={"invalid_choice": _("没有这个机关，或您无权查看。")},
    )
    event = forms.ChoiceField(label=_("事件"), required=False)
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        help_text=_("对象名称、操作人账号或姓名"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = visible_orgs(user)  # type: ignore[attr-defined]
        self.fields["event"].choices = [("", _("全部")), *events.all_events()]  # type: ignore[attr-defined]

    def apply(self, entries: AuditEntryQuerySet) -> AuditEntryQuerySet:
        """Filter by whatever is valid; an invalid filter is reported on the form and left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("org"):
            entries = entries.filter(org=data["org"])
        if data.get("event"):
            entries = entries.filter(event=data["event"])
        if query := data.get("q", "").strip():
            entries = entries.filter(
                Q(object_repr__icontains=query) | Q(actor_username__icontains=query) | Q(actor_name__icontains=query)
            )
        return entries
