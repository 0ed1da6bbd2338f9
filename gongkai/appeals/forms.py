from __future__ import annotations

from typing import Any, ClassVar

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

    def __init__(self, *args: Any, org: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        requests = self.fields["request"]
        requests.queryset = requests.queryset.filter(org=org).order_by("-received", "-pk")  # type: ignore[attr-defined]
