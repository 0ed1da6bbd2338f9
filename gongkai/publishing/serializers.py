from __future__ import annotations

from rest_framework import serializers

from gongkai.publishing.models import Item, NormativeDocument, Review


class NormativeDocumentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    org_name = serializers.CharField(source="org.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = NormativeDocument
        fields = ("id", "org", "org_name", "kind", "kind_label", "title", "registration_number", "document_number",
                  "signed_on", "effective_on", "valid_until", "is_provisional", "ended_on", "end_kind", "end_act")
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Review
        fields = ("round", "stage", "decision", "reviewer", "comment", "decided_at")
        read_only_fields = fields


class PublicItemSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """What the public catalogue shows of an item."""

    topic = serializers.CharField(source="topic.name")
    genre = serializers.CharField(source="genre.name")
    validity = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = ("id", "index_number", "title", "summary", "body", "publisher", "made_on", "published_at",
                  "document_number", "topic", "genre", "disclosure_method", "disclosure_term", "public_until",
                  "validity", "normative_document")
        read_only_fields = fields

    def get_validity(self, item: Item) -> str:
        return item.validity_label()


class ItemSerializer(PublicItemSerializer):
    """Staff view: the catalogue fields plus state and review."""

    reviews = ReviewSerializer(many=True, read_only=True)
    org = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(PublicItemSerializer.Meta):
        fields = (*PublicItemSerializer.Meta.fields, "org", "state", "review_round", "reviews")
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    decision = serializers.ChoiceField(choices=(("approve", "通过"), ("return", "退回修改")))
    comment = serializers.CharField(required=False, allow_blank=True, default="")
