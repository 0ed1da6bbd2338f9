"""Forms of 投诉举报: the public form (bounded like the application form), staff registration, the steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gongkai.applications.forms import DATE, MultipleFileField, PortalApplicationForm, use_plain_messages
from gongkai.complaints import services
from gongkai.complaints.constants import Channel, ComplaintKind, Finding


class ComplaintForm(forms.Form):
    """条例 第五十一条: whom, about what, and how to reach the complainant."""

    org = forms.ModelChoiceField(label=_("被投诉的机关"), queryset=None, empty_label=_("请选择机关"))  # type: ignore[arg-type]
    kind = forms.ChoiceField(label=_("投诉事项"), choices=[("", _("请选择")), *ComplaintKind.choices])
    request_reference = forms.CharField(label=_("所涉申请的编号或查询码"), max_length=100, required=False,
                                        help_text=_("投诉与某件政府信息公开申请有关的，请填写。"))
    description = forms.CharField(label=_("投诉举报的事项和理由"), widget=forms.Textarea(attrs={"rows": 6}),
                                  max_length=settings.GONGKAI_DESCRIPTION_MAX_CHARS)
    name = forms.CharField(label=_("投诉人姓名或名称"), max_length=100)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["kind"].error_messages["required"] = _("请选择投诉事项。")
        use_plain_messages(self)

    def complaint_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k, "") for k in (*services.COMPLAINANT_FIELDS, *services.CASE_FIELDS)}


class PortalComplaintForm(ComplaintForm):
    files = MultipleFileField(label=_("证明材料"), required=False)
    # the same bounds on anonymous uploads as the application form (GONGKAI_PUBLIC_UPLOADS)
    clean_files = PortalApplicationForm.clean_files

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = settings.GONGKAI_PUBLIC_UPLOADS
        self.fields["files"].help_text = _(
            "可上传PDF、图片或Word文件，最多%(count)d个，每个不超过%(each)dMB，合计不超过%(total)dMB。"
        ) % {"count": limits["files"], "each": limits["file_mb"], "total": limits["total_mb"]}


class RegisterForm(ComplaintForm):
    channel = forms.ChoiceField(label=_("来源"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)


class AskForm(forms.Form):
    question = forms.CharField(label=_("要求被投诉机关说明的事项"), widget=forms.Textarea(attrs={"rows": 4}),
                               max_length=4000)


class ExplainForm(forms.Form):
    explanation = forms.CharField(label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000)


class ReplyForm(forms.Form):
    finding = forms.ChoiceField(label=_("处理结论"), choices=[("", _("请选择")), *Finding.choices])
    reply = forms.CharField(label=_("答复意见"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000,
                            help_text=_("将告知投诉人，投诉人凭查询码查看。"))
    correction_ordered = forms.BooleanField(label=_("责令被投诉机关改正"), required=False)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20, error_messages={"required": _("请填写查询码。")})

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).replace("-", "").upper()


class RatingForm(forms.Form):
    org = forms.ModelChoiceField(label=_("评议的机关"), queryset=None, empty_label=_("请选择机关"))  # type: ignore[arg-type]
    score = forms.TypedChoiceField(label=_("评分（5分为最好）"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(n, str(n)) for n in range(5, 0, -1)],
                                   error_messages={"required": _("请选择评分。")})
    comment = forms.CharField(label=_("意见建议（选填，将转给该机关和其监督机关）"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        use_plain_messages(self)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None, empty_label=_("请选择"))  # type: ignore[arg-type]

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        from gongkai.orgs.models import User

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__org=office, is_active=True).distinct().order_by("username"))
