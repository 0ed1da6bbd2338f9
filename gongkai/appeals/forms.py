from __future__ import annotations

from typing import ClassVar

from django import forms

from gongkai.appeals.models import Appeal
from gongkai.appeals.services import APPEAL_FIELDS


class AppealForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Appeal
        fields = APPEAL_FIELDS
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "filed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
