"""Running numbers (索引号, 登记编号) that stay unique when several people number at once."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """The last number handed out in one scope (e.g. one agency's 索引号 in one year)."""

    scope = models.CharField(_("编号范围"), max_length=200, unique=True)
    last = models.PositiveIntegerField(_("已用到"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self) -> str:
        return f"{self.scope}: {self.last}"

    @classmethod
    def next_in(cls, scope: str) -> int:
        """The next number of `scope`. The row stays locked until the caller's transaction ends, so two
        concurrent callers never get the same number (the UPDATE takes the lock on PostgreSQL; SQLite
        writers are serialised)."""
        with transaction.atomic():
            cls.objects.get_or_create(scope=scope)
            cls.objects.filter(scope=scope).update(last=F("last") + 1)
            return int(cls.objects.values_list("last", flat=True).get(scope=scope))
