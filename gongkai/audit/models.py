"""The audit log's tables: the entries, and the chain head that anchors the last one."""

from __future__ import annotations

from typing import Any, NoReturn, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.audit import chain, events
from gongkai.orgs.querysets import OrgScopedQuerySet


class AppendOnlyError(Exception):
    """The audit log is append-only: entries are never changed or removed."""

    def __init__(self) -> None:
        super().__init__("审计日志只能追加，不能修改或删除。")


class AuditEntryQuerySet(OrgScopedQuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AppendOnlyError

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def visible_to(self, user: Any) -> Self:
        """Entries of visible organisations; entries without one (system events) only for superusers."""
        if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
            return self.all()
        return super().visible_to(user)


class AuditEntry(models.Model):
    """One change of state: who, when, what, before and after; hashed together with the previous hash."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    created_at = models.DateTimeField(_("时间"))
    event = models.CharField(_("事件"), max_length=100)
    # The actor is copied, not referenced: the log must outlive accounts and survive backups as it is.
    actor_user_id = models.BigIntegerField(_("操作人编号"), null=True, blank=True)
    actor_username = models.CharField(_("操作人账号"), max_length=150, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=100, blank=True)
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("机关"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    message = models.TextField(_("说明"), blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ("-seq",)
        indexes = (
            models.Index(fields=["org", "-seq"], name="audit_org_seq"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        )

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_label}"

    @property
    def event_label(self) -> str:
        return events.label(self.event)

    @property
    def actor_display(self) -> str:
        if not self.actor_username:
            return str(_("系统"))
        return f"{self.actor_name}（{self.actor_username}）" if self.actor_name else self.actor_username

    def hashed_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in chain.HASHED_FIELDS}

    def compute_hash(self) -> str:
        return chain.entry_hash(self.hashed_fields())

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only `services.record` inserts (it sets the flag); nothing ever updates.
        if not self._state.adding or not getattr(self, "_inserting_through_record", False):
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError


class AuditHead(models.Model):
    """The chain head: sequence number and hash of the last entry; one row, moved only forward.

    It is the lock every writer takes, and it lets `verify()` notice entries removed from the end.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(_("最后序号"), default=0)
    hash = models.CharField(_("最后哈希"), max_length=64)

    class Meta:
        verbose_name = _("审计日志链头")
        verbose_name_plural = _("审计日志链头")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
