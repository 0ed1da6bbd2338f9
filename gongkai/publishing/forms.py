"""Forms of the publishing pages: every error a Chinese sentence next to its field."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.publishing import vocabularies
from gongkai.publishing.constants import EndKind, Scheme
from gongkai.publishing.models import Category, Item, NormativeDocument, ScreeningDictionary
from gongkai.publishing.services import ITEM_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Item
        fields = ITEM_FIELDS
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "made_on": DATE, "public_until": DATE, "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, org_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocabularies.ensure_defaults()
        self.fields["topic"].queryset = Category.objects.filter(scheme=Scheme.TOPIC, is_active=True)
        self.fields["genre"].queryset = Category.objects.filter(scheme=Scheme.GENRE, is_active=True)
        self.fields["normative_document"].queryset = NormativeDocument.objects.select_related("org")
        self.fields["publisher"].required = False
        if org_choices is not None:
            self.fields = {"org": forms.ModelChoiceField(org_choices, label=_("机关")), **self.fields}


class CorrectionForm(ItemForm):
    reason = forms.CharField(label=_("更正理由"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class NormativeDocumentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = NormativeDocument
        fields = ("kind", "title", "document_number", "registration_number", "signed_on", "effective_on",
                  "valid_until", "is_provisional")
        widgets: ClassVar[dict[str, forms.Widget]] = {"signed_on": DATE, "effective_on": DATE, "valid_until": DATE}

    def __init__(self, *args: Any, org_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registration_number"].required = False
        self.fields["org"] = forms.ModelChoiceField(org_choices, label=_("制发机关"))
        self.order_fields(["org"])

    def validate_unique(self) -> None:
        """The service checks the registration number (it may still be drawn)."""


class EndDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("方式"), choices=EndKind.choices)
    on = forms.DateField(label=_("废止（失效）日期"), widget=DATE)
    act = forms.CharField(label=_("依据（决定的名称和文号）"), max_length=300)
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DictionaryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ScreeningDictionary
        fields = ("org", "slug", "name", "source", "content", "is_active")
        widgets: ClassVar[dict[str, forms.Widget]] = {"content": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args: Any, org_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = org_choices
