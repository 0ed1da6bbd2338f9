"""Forms of the requests app: they collect input; the rules are checked by `services` (errors per field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
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
from gongkai.web.uploads import validate_upload_content

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Table 三's applicant columns come from gongkai.law (no Django); on the form they are translated.
APPLICANT_TYPE_LABELS = {
    "natural_person": _("自然人"), "commercial": _("商业企业"), "research": _("科研机构"),
    "public_interest": _("社会公益组织"), "legal_services": _("法律服务机构"), "other_org": _("其他"),
}
TRANSLATED_APPLICANT_TYPES = [
    (value, APPLICANT_TYPE_LABELS.get(value, label)) for value, label in APPLICANT_TYPE_CHOICES
]
# plain Chinese for the public instead of Django's stock wording (“确保该变量包含不超过 100 字符”)
TOO_LONG = _("最多填写%(limit_value)d个字，现在是%(show_value)d个字，请删减。")
TOO_SHORT = _("至少填写%(limit_value)d个字，现在是%(show_value)d个字。")
PLAIN_MESSAGES = {
    "invalid_choice": _("请从列表中选择一项。"),
    "invalid": _("填写的格式不对，请检查。"),
    "missing": _("没有收到文件，请重新选择。"),
    "empty": _("上传的文件是空的，请重新选择。"),
    "max_length": _("文件名太长，请改短后重新选择。"),
    "invalid_list": _("请从列表中选择。"),
}


def use_plain_messages(form: forms.Form) -> None:
    """Replace Django's stock error messages (those a field did not set itself) by plain Chinese ones."""
    for field in form.fields.values():
        stock: dict[str, Any] = {}
        for cls in reversed(type(field).__mro__):
            stock.update(getattr(cls, "default_error_messages", {}))
        for key, message in PLAIN_MESSAGES.items():
            if key in field.error_messages and field.error_messages[key] == stock.get(key):
                field.error_messages[key] = message
        field.validators = [
            MaxLengthValidator(v.limit_value, TOO_LONG) if type(v) is MaxLengthValidator
            else MinLengthValidator(v.limit_value, TOO_SHORT) if type(v) is MinLengthValidator else v
            for v in field.validators
        ]


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
    default_validators = (validate_upload_content,)  # each file checked by its content, not only its name

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

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=TRANSLATED_APPLICANT_TYPES)
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
                                  max_length=settings.GONGKAI_DESCRIPTION_MAX_CHARS,
                                  help_text=_("政府信息的名称、文号或者便于行政机关查询的其他特征性描述。"))
    provision_form = forms.ChoiceField(label=_("提供形式"), choices=ProvisionForm.choices)
    delivery_way = forms.ChoiceField(label=_("获取方式"), choices=DeliveryWay.choices)
    files = MultipleFileField(label=_("附件（身份证明等）"), required=False,
                              help_text=_("可上传PDF、图片或Word文件，每个文件不超过20MB。"))

    error_messages_required = _("此项必填。")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_plain_messages(self)
        for field in self.fields.values():
            field.error_messages["required"] = self.error_messages_required

    def applicant_data(self) -> dict[str, Any]:
        return {f: self.cleaned_data.get(f, "") for f in services.APPLICANT_FIELDS}


class PortalApplicationForm(ApplicantForm):
    org = forms.ModelChoiceField(label=_("向哪个机关申请"), queryset=None, empty_label=_("请选择机关"))  # type: ignore[arg-type]
    field_order = ("org",)
    assistance_needed = forms.BooleanField(
        label=_("我有阅读困难或者视听障碍，需要帮助（条例 第四十三条）"), required=False,
        help_text=_("勾选后工作人员会与您联系并提供必要的帮助；也可以电话或者当面提出申请，由工作人员代为填写。"),
    )

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.order_fields(["org", *self.fields])
        limits = settings.GONGKAI_PUBLIC_UPLOADS
        self.fields["files"].help_text = _(
            "可上传PDF、图片或Word文件，最多%(count)d个，每个不超过%(each)dMB，合计不超过%(total)dMB。"
        ) % {"count": limits["files"], "each": limits["file_mb"], "total": limits["total_mb"]}

    def clean_files(self) -> list[Any]:
        """Anonymous uploads are bounded: how many files, each one's size and their total (settings)."""
        files: list[Any] = self.cleaned_data.get("files") or []
        limits, mb = settings.GONGKAI_PUBLIC_UPLOADS, 1024 * 1024
        if len(files) > limits["files"]:
            raise ValidationError(_("最多上传%(count)d个文件。") % {"count": limits["files"]})
        for upload in files:
            if upload.size > limits["file_mb"] * mb:
                raise ValidationError(_("文件“%(name)s”超过%(each)dMB。") % {"name": upload.name[:60],
                                                                             "each": limits["file_mb"]})
        if sum(upload.size for upload in files) > limits["total_mb"] * mb:
            raise ValidationError(_("附件合计超过%(total)dMB。") % {"total": limits["total_mb"]})
        return files

    def clean(self) -> dict[str, Any]:
        """The service's rules too, on what was typed, so the public sees every bad
        field in one round (staff registration gets them, with the receipt dates, from the service)."""
        cleaned = super().clean() or {}
        typed = {f: cleaned[f] if f in cleaned else self.data.get(self.add_prefix(f), "")
                 for f in services.APPLICANT_FIELDS}
        try:
            services.check_applicant(typed)
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {}).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, errors)
        return cleaned


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
    arrived = forms.DateField(label=_("到达日期"), required=False, widget=DATE,
                              help_text=_("电子邮件：以电子邮件系统收到之日为收到申请之日。平常信函、传真：申请到达之日"
                                          "（条例 第三十一条：平常信函应当于收到当日与申请人确认），"
                                          "确认晚于到达的会被提示。"))
    oral = forms.BooleanField(label=_("口头提出，由工作人员代为填写（条例 第二十九条第一款）"), required=False)
    assistance = forms.CharField(label=_("为申请人提供的帮助（条例 第四十三条）"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("申请人有阅读困难或者视听障碍的，写明提供了哪些帮助，"
                                             "如代为填写、读给申请人听、手语或文字交流。"))
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


class ReasonsForm(forms.Form):
    """条例 第三十五条: ask the applicant to explain a number or frequency of requests beyond a reasonable range."""

    items = forms.CharField(label=_("需要说明理由的事项"), widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.DateField(label=_("说明理由的期限"), widget=DATE)
    on = forms.DateField(label=_("告知日期"), widget=DATE)


class SplitForm(forms.Form):
    """国办函〔2020〕109号 第四条: 一事一申请."""

    units = forms.IntegerField(label=_("计件数"), min_value=1, max_value=100,
                               help_text=_("按合理的最小单元计算，如同一申请中相互独立的几项信息各计1件。"))
    reason = forms.CharField(label=_("拆分理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AssistanceForm(forms.Form):
    """条例 第二十九条第一款、第四十三条."""

    assistance = forms.CharField(label=_("提供的帮助"), widget=forms.Textarea(attrs={"rows": 2}))
    oral = forms.BooleanField(label=_("口头提出，由工作人员代为填写"), required=False)


class DisclosureForm(forms.Form):
    """条例 第三十二条: disclose despite the third party's objection."""

    reason = forms.CharField(label=_("不公开可能对公共利益造成重大影响的理由"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(label=_("决定日期"), widget=DATE)


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
    file = forms.FileField(label=_("文件"), validators=[validate_upload_content])


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
