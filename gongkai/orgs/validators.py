"""Django validators wrapping the pure checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from gongkai.orgs import credit_code


def validate_credit_code(value: str) -> None:
    """统一社会信用代码, GB 32100-2015: length, alphabet, region digits, check character."""
    try:
        normalized = credit_code.validate(value)
    except credit_code.CreditCodeError as exc:
        raise ValidationError(str(exc), code="credit_code") from None
    if normalized != value:
        raise ValidationError("请去掉空格并使用半角大写字母。", code="credit_code_form")
