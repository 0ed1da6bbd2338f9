from __future__ import annotations

from rest_framework import serializers

from gongkai.orgs.models import Membership, Organisation, User
from gongkai.orgs.services import EDITABLE_ORG_FIELDS


class OrganisationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    person_in_charge = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Organisation
        fields = (
            "id", "name", "short_name", "kind", "kind_label", "credit_code", "parent", "supervising_org",
            "office_name", "office_address", "office_postcode", "office_hours", "office_phone", "office_fax",
            "office_email", "online_channel", "person_in_charge", "report_deadline_month",
            "report_deadline_day", "is_active",
        )
        read_only_fields = tuple(f for f in fields if f not in EDITABLE_ORG_FIELDS)


class PersonSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("id", "username", "full_name")
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    user = PersonSerializer(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "org", "org_name", "user", "role", "role_label")
        read_only_fields = fields


class MeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = serializers.CharField()
    full_name = serializers.CharField()
    account_type = serializers.CharField()
    is_superuser = serializers.BooleanField()
    memberships = MembershipSerializer(many=True)
    visible_orgs = serializers.ListField(child=serializers.IntegerField())
