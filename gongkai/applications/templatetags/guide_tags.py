"""`{% guide_remedies %}`: the 公开指南's 监督和救济 paragraphs under this site's 复议前置 setting, the same
the reply letters use (`gongkai.law.remedies.guide_remedies`)."""

from __future__ import annotations

from django import template

from gongkai.applications.clock import request_settings
from gongkai.law.remedies import guide_remedies as _guide_remedies

register = template.Library()


@register.simple_tag
def guide_remedies() -> tuple[str, ...]:
    """The paragraphs, to loop over: `{% guide_remedies as paragraphs %}`."""
    return _guide_remedies(request_settings())
