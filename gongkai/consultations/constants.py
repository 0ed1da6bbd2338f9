"""Choices and audit events of the consultations app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationEvent(models.TextChoices):
    CREATED = "consultations.consultation.created", _("起草意见征集")
    OPENED = "consultations.consultation.opened", _("发布征求意见稿")
    COMMENTED = "consultations.comment.received", _("收到公众意见")
    REPLIED = "consultations.comment.replied", _("答复公众意见")
    RESULT = "consultations.consultation.result_published", _("公布意见采纳情况")
    CONCERN_CREATED = "consultations.concern.created", _("起草回应关切")
    CONCERN_PUBLISHED = "consultations.concern.published", _("发布回应关切")


class Adoption(models.TextChoices):
    """Whether a comment was taken up (采纳情况)."""

    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")
