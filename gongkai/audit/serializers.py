from __future__ import annotations

from rest_framework import serializers

from gongkai.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    event_label = serializers.CharField(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True, default=None)

    class Meta:
        model = AuditEntry
        fields = (
            "seq", "created_at", "event", "event_label", "org", "org_name",
            "actor_user_id", "actor_username", "actor_name",
            "object_type", "object_id", "object_repr", "before", "after", "message", "prev_hash", "hash",
        )
        read_only_fields = fields
