"""Staff page: draft the 政策解读 of an item that publishes a registered normative document."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required
from gongkai.publishing import interpretation
from gongkai.publishing.models import Item


class InterpretationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=300,
                            error_messages={"required": gettext_lazy("请填写政策解读的标题。")})
    summary = forms.CharField(label=gettext_lazy("内容概述"), max_length=500, required=False)
    body = forms.CharField(label=gettext_lazy("解读正文"), max_length=100_000,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           error_messages={"required": gettext_lazy("请填写政策解读的正文。")})


@staff_member_required
@require_http_methods(["GET", "POST"])
def interpretation_new(request: HttpRequest, pk: int) -> HttpResponse:
    document = Item.objects.visible_to(request.user).select_related("org").filter(pk=pk).first()
    if document is None:
        raise Http404
    permissions.require_edit(request.user, document.org)
    initial = {"title": (_("《%(title)s》政策解读") % {"title": document.title})[:300]}
    form = InterpretationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = interpretation.draft_interpretation(document, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("政策解读已起草，请与文件同步提交三审。"))
            return redirect("publishing:item", item.pk)
    return render(request, "publishing/interpretation_form.html", {"document": document, "form": form})
