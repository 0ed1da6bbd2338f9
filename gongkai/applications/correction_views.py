"""Staff pages of requests to correct records about the applicant (条例 第四十一条): the list with the short
registration form, one request with its decision and answer letter. Thin: every change is a call to
`record_corrections`."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gongkai.applications import forms, record_corrections
from gongkai.applications.constants import APPLICANT_TYPE_CHOICES, CHANNEL_CHOICES, CORRECTION_DECISION_CHOICES
from gongkai.applications.models import RecordCorrection
from gongkai.orgs import permissions
from gongkai.orgs.decorators import staff_member_required


class CorrectionForm(django_forms.Form):
    """条例 第四十一条: who asks, which record, what is wrong, the evidence."""

    org = django_forms.ModelChoiceField(label=_("受理机关"), queryset=None, empty_label=None)  # type: ignore[arg-type]
    applicant_type = django_forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_TYPE_CHOICES)
    applicant_name = django_forms.CharField(label=_("姓名或名称"), max_length=100)
    id_number = django_forms.CharField(label=_("证件号码"), max_length=40)
    phone = django_forms.CharField(label=_("联系电话"), max_length=30)
    email = django_forms.EmailField(label=_("电子邮箱"), required=False)
    address = django_forms.CharField(label=_("通信地址"), max_length=200, required=False)
    record = django_forms.CharField(label=_("需要更正的政府信息记录"), max_length=200)
    inaccuracy = django_forms.CharField(label=_("不准确之处及更正内容"),
                                        widget=django_forms.Textarea(attrs={"rows": 2}))
    evidence = django_forms.CharField(label=_("证明记录不准确的证据"), widget=django_forms.Textarea(attrs={"rows": 2}))
    channel = django_forms.ChoiceField(label=_("提出方式"), choices=CHANNEL_CHOICES)
    received = django_forms.DateField(label=_("收到之日"), widget=forms.DATE)
    assistance = django_forms.CharField(label=_("为申请人提供的帮助（条例 第四十三条）"), required=False,
                                        widget=django_forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]


class DecisionForm(django_forms.Form):
    decision = django_forms.ChoiceField(label=_("处理结果"), choices=[("", "—"), *CORRECTION_DECISION_CHOICES])
    other_agency = django_forms.CharField(label=_("有权更正的行政机关"), max_length=100, required=False,
                                          help_text=_("转送或者告知向其提出的，必须填写。"))
    note = django_forms.CharField(label=_("处理说明"), required=False, widget=django_forms.Textarea(attrs={"rows": 2}))
    on = django_forms.DateField(label=_("答复日期"), widget=forms.DATE)


def _get(user: Any, pk: int) -> RecordCorrection:
    found = RecordCorrection.objects.visible_to(user).select_related("org").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found  # type: ignore[no-any-return]


@staff_member_required
@require_http_methods(["GET", "POST"])
def correction_list(request: HttpRequest) -> HttpResponse:
    editable = permissions.editable_orgs(request.user)
    data = (request.POST,) if request.method == "POST" else (None,)
    form = CorrectionForm(*data, orgs=editable, initial={"received": timezone.localdate(), "channel": "in_person"})
    if request.method == "POST":
        if not editable.exists():
            raise PermissionDenied(_("只能查看，不能修改。"))
        if form.is_valid():
            try:
                created = record_corrections.register(form.cleaned_data["org"], form.cleaned_data,
                                                      actor=request.user)
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("已登记更正申请 %(number)s。") % {"number": created.number})
                return redirect("applications:correction", pk=created.pk)
    items = RecordCorrection.objects.visible_to(request.user).select_related("org")[:200]
    return render(request, "applications/correction_list.html", {
        "form": form, "items": items, "can_edit": editable.exists(),
    }, status=400 if request.method == "POST" else 200)


@staff_member_required
@require_http_methods(["GET", "POST"])
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    correction = _get(request.user, pk)
    can_edit = permissions.can_edit(request.user, correction.org)
    data = (request.POST,) if request.method == "POST" else (None,)
    form = DecisionForm(*data, initial={"on": timezone.localdate()})
    if request.method == "POST":
        permissions.require_edit(request.user, correction.org)
        if form.is_valid():
            c = form.cleaned_data
            try:
                record_corrections.decide(correction, actor=request.user, decision=c["decision"], note=c["note"],
                                          other_agency=c["other_agency"], on=c["on"])
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("已答复并生成更正申请答复书。"))
                return redirect("applications:correction", pk=correction.pk)
    return render(request, "applications/correction_detail.html", {
        "item": correction, "form": form, "can_edit": can_edit and correction.decided is None,
    }, status=400 if request.method == "POST" else 200)


@staff_member_required
def correction_letter(request: HttpRequest, pk: int) -> FileResponse:
    correction = _get(request.user, pk)
    if not correction.letter:
        raise Http404
    name = correction.letter.name.rsplit("/")[-1]
    return FileResponse(correction.letter.open("rb"), as_attachment=True, filename=name)
