"""Forms of the requests app: they collect input; the rules are checked by `services` (errors per field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.applications import services
from gongkai.applications.constants import (
    APPLICANT_TYPE_CHOICES,
    CONSULTATION_KIND_CHOICES,
    FEE_METHOD_CHOICES,
    OUTCOME_CHOICES,
    STAFF_CHANNELS,
    AttachmentKind,
    DeliveryWay,
    IdType,
    LetterKind,
    ProvisionForm,
)
from gongkai.applications.letters import PLACEHOLDERS, REQUIRED
from gongkai.law.requests import EXTENSION_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field (others above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def uploads(files: list[Any]) -> list[services.Upload]:
    """Uploaded files as the services take them (Django has already refused over-large requests)."""
    return [services.Upload(f.name, f.read()) for f in files]


class ApplicantForm(forms.Form):
    """条例 第二十九条: who applies, what they seek, how they want it."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=APPLICANT_TYPE_CHOICES)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=100)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices)
    id_number = forms.CharField(label=_("证件号码"), max_length=40,
                                help_text=_("自然人填写身份证件号码；法人或其他组织填写统一社会信用代码。"))
    contact_person = forms.CharField(label=_("联系人"), max_length=50, required=False,
                                     help_text=_("法人或其他组织申请的必填。"))
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False,
                             error_messages={"invalid": _("请填写有效的电子邮箱地址。")})
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=6, required=False)
    info_title = forms.CharField(label=_("所需信息的名称"), max_length=200, required=False)
    info_number = forms.CharField(label=_("所需信息的文号"), max_length=100, required=False)
    description = forms.CharField(label=_("所需信息的内容描述"), widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("政府信息的名称、文号或者便于行政机关查询的其他特征性描述。"))
    provision_form = forms.ChoiceField(label=_("提供形式"), choices=ProvisionForm.choices)
    delivery_way = forms.ChoiceField(label=_("获取方式"), choices=DeliveryWay.choices)
    files = MultipleFileField(label=_("附件（身份证明等）"), required=False,
                              help_text=_("可上传PDF、图片或Word文件，每个文件不超过20MB。"))

    error_messages_required = _("此项必填。")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = self.error_messages_required

    def applicant_data(self) -> dict[str, Any]:
        return {f: self.cleaned_data.get(f, "") for f in services.APPLICANT_FIELDS}


class PortalApplicationForm(ApplicantForm):
    org = forms.ModelChoiceField(label=_("向哪个机关申请"), queryset=None, empty_label=_("请选择机关"))  # type: ignore[arg-type]
    field_order = ("org",)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.order_fields(["org", *self.fields])


class RegisterForm(ApplicantForm):
    """Staff registering an application received in person, by post, fax or e-mail."""

    org = forms.ModelChoiceField(label=_("受理机关"), queryset=None, empty_label=None)  # type: ignore[arg-type]
    channel = forms.ChoiceField(label=_("申请方式"), choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    handed_in = forms.DateField(label=_("当面提交日期"), required=False, widget=DATE,
                                help_text=_("当面提交的，以提交之日为收到申请之日（条例 第三十一条第（一）项）。"))
    signed_for = forms.DateField(label=_("签收日期"), required=False, widget=DATE,
                                 help_text=_("邮寄需签收的，以签收之日为收到申请之日（第三十一条第（二）项）。"))
    confirmed = forms.DateField(label=_("确认日期"), required=False, widget=DATE,
                                help_text=_("平常信函、传真：以与申请人确认之日为收到申请之日。"))
    arrived = forms.DateField(label=_("电子邮件收到日期"), required=False, widget=DATE,
                              help_text=_("电子邮件：以电子邮件系统收到之日为收到申请之日。"))
    files = MultipleFileField(label=_("申请材料扫描件"), required=False,
                              help_text=_("可上传PDF、图片或Word文件，每个文件不超过20MB。"))

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.order_fields(["org", "channel", "handed_in", "signed_for", "confirmed", "arrived"])


class ConfirmForm(forms.Form):
    on = forms.DateField(label=_("确认日期"), widget=DATE)


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("经办人"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers  # type: ignore[attr-defined]


class CorrectionForm(forms.Form):
    items = forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3}))
    period = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=60, initial=15)
    on = forms.DateField(label=_("告知日期"), widget=DATE)
    delivered = forms.DateField(label=_("申请人收到日期"), required=False, widget=DATE)


class CorrectedForm(forms.Form):
    on = forms.DateField(label=_("收到补正申请日期"), widget=DATE)
    files = MultipleFileField(label=_("补正材料"), required=False)


class ConsultForm(forms.Form):
    kind = forms.ChoiceField(label=_("征求意见对象类型"), choices=CONSULTATION_KIND_CHOICES)
    party = forms.CharField(label=_("征求意见对象"), max_length=100)
    party_address = forms.CharField(label=_("对方地址"), max_length=200, required=False)
    matter = forms.CharField(label=_("征求意见的事项"), widget=forms.Textarea(attrs={"rows": 3}))
    sent = forms.DateField(label=_("发出日期"), widget=DATE)
    delivered = forms.DateField(label=_("对方收到日期"), required=False, widget=DATE)


class OpinionForm(forms.Form):
    answered = forms.DateField(label=_("收到意见日期"), widget=DATE)
    delivered = forms.DateField(label=_("对方收到征求意见书日期"), required=False, widget=DATE)
    opinion = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class FeeForm(forms.Form):
    method = forms.ChoiceField(label=_("计收方式"), choices=FEE_METHOD_CHOICES)
    pages = forms.IntegerField(label=_("页数（按量计收）"), min_value=0, required=False)
    sent = forms.DateField(label=_("发出日期"), widget=DATE)
    delivered = forms.DateField(label=_("申请人收到日期"), required=False, widget=DATE)


class DateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class WaiverForm(forms.Form):
    on = forms.DateField(label=_("减免日期"), widget=DATE)
    reason = forms.CharField(label=_("减免理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=EXTENSION_MAX.length,
                              initial=EXTENSION_MAX.length,
                              error_messages={"max_value": _("延长答复期限最长不得超过20个工作日。")})
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label=_("批准日期"), widget=DATE)


class DeferForm(forms.Form):
    to = forms.DateField(label=_("合理的答复期限"), widget=DATE)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class DraftForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=[("", "—"), *OUTCOME_CHOICES])
    facts = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("写明认定的事实：信息是否存在、如何提供或获取等。"))
    reasons = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              help_text=_("不予公开、部分公开的，必须写明理由。"))
    responsible_agency = forms.CharField(label=_("负责公开的机关及联系方式"), max_length=200, required=False,
                                         help_text=_("不属于本机关负责公开的，能够确定负责机关的写明其名称、联系方式。"))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核意见"), choices=(("approve", _("同意，签发")), ("return", _("退回修改"))),
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("办结方式"),
        choices=[(k, label) for k, label in OUTCOME_CHOICES if k in services.DIRECT_CLOSE_OUTCOMES],
    )
    on = forms.DateField(label=_("办结日期"), widget=DATE)
    reasons = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AttachForm(forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"),
                             choices=[c for c in AttachmentKind.choices if c[0] != AttachmentKind.LETTER])
    file = forms.FileField(label=_("文件"))


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("段落之间空一行；第一段为称谓。"))

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    @property
    def placeholders(self) -> list[tuple[str, str, bool]]:
        return [(name, label, name in REQUIRED[self.kind]) for name, label in PLACEHOLDERS[self.kind].items()]

    @property
    def kind_label(self) -> str:
        return str(LetterKind(self.kind).label)


class ImportForm(forms.Form):
    org = forms.ModelChoiceField(label=_("导入到机关"), queryset=None, empty_label=None)  # type: ignore[arg-type]
    file = forms.FileField(label=_("台账文件（XLSX或CSV）"))

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20, error_messages={"required": _("请填写查询码。")})

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).replace("-", "").upper()
