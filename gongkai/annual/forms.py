from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.annual.constants import Decision, Stage
from gongkai.web.uploads import validate_upload_content


class SectionsForm(forms.Form):
    overall = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea(attrs={"rows": 16}), required=False)
    problems = forms.CharField(label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea(attrs={"rows": 8}),
                               required=False)
    other = forms.CharField(label=_("六、其他需要报告的事项"), widget=forms.Textarea(attrs={"rows": 6}),
                            required=False, help_text=_("须写明信息处理费的收取情况（没有收取的也应写明）。"))


class FiguresForm(forms.Form):
    licensing = forms.IntegerField(label=_("行政许可 本年处理决定数量"), min_value=0)
    penalty = forms.IntegerField(label=_("行政处罚 本年处理决定数量"), min_value=0)
    coercion = forms.IntegerField(label=_("行政强制 本年处理决定数量"), min_value=0)
    fees = forms.DecimalField(label=_("行政事业性收费 本年收费金额（万元）"), min_value=Decimal(0), max_digits=14,
                              decimal_places=4)


class ReviewForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("审核意见"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("修订原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("文件"))


class PublishedFileForm(forms.Form):
    file = forms.FileField(label=_("已公开的报告文件"), help_text=_("TXT、HTML、DOCX、PDF、XLSX 或 JSON。"),
                           validators=[validate_upload_content])
    published_on = forms.DateField(label=_("公开日期"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class BulkCheckForm(forms.Form):
    """The uploaded files themselves (`<input type=file multiple name=files>`) are read from request.FILES."""

    folder = forms.CharField(label=_("服务器上的文件夹（仅平台管理员）"), required=False)
