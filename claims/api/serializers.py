"""Serializers.

Claims are read through hand-built dicts (``claims.api.payloads``) because /api/claims/ is
benchmarked against a bare ``.values()`` view; the ``*Doc`` serializers here only describe
those payloads to the OpenAPI schema. The smaller resources (articles, actors, events,
reviews) use ordinary serializers whose list serializers fetch the per-row counts for a
whole page in one query each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer, inline_serializer
from rest_framework import serializers

from claims import editing
from claims.api.filters import MAX_ID
from claims.models import Actor, Article, Claim, ClaimRelation, Event, Evidence, Review
from claims.stats import VERDICTS, verdict_counts_by

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet

VerdictCounts = inline_serializer(
    "VerdictCounts",
    {v: serializers.IntegerField() for v in VERDICTS},
)


# --- Claims (documentation of the hand-built payloads) ----------------------------------------


class ArticleRefDoc(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)


class ActorRefDoc(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ActorBriefDoc(ActorRefDoc):
    kind = serializers.ChoiceField(choices=Actor.Kind.choices)


class EventRefDoc(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    date = serializers.DateField(allow_null=True)


class MentionedDateDoc(serializers.Serializer):
    text = serializers.CharField(help_text="As written in the claim.")
    date = serializers.DateField(help_text="Normalised; first day of the month/year if coarser.")
    precision = serializers.ChoiceField(choices=Event.Precision.choices)


class ClaimDoc(serializers.Serializer):
    """One claim as /api/claims/ returns it (built by ``claims.api.payloads``)."""

    id = serializers.IntegerField()
    article = ArticleRefDoc()
    position = serializers.IntegerField(help_text="Order of the claim in its article.")
    text = serializers.CharField()
    start = serializers.IntegerField(help_text="Offset of the claim in the article body.")
    end = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    attribution = serializers.ChoiceField(
        choices=Claim.Attribution.choices,
        help_text="How the speaker was found; '' is the article's own narration, "
        "'anonymous' an unnamed source (no speaker).",
    )
    speaker = ActorRefDoc(allow_null=True)
    actors = ActorBriefDoc(many=True, help_text="Actors named in the claim.")
    events = EventRefDoc(many=True)
    mentioned_dates = MentionedDateDoc(many=True)
    check_worthiness = serializers.FloatField(allow_null=True)
    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    verdict_note = serializers.CharField(allow_blank=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField(
        help_text="Send it back with a verdict: a newer version on the server means 409."
    )
    assignee = serializers.CharField(
        allow_null=True, help_text="Username of the editor checking the claim, if any."
    )
    published_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When an editor published the fact-check; null while it is the desk's own "
        "(anonymous readers see published claims only).",
    )


class ConflictDoc(serializers.Serializer):
    detail = serializers.CharField()
    claim = ClaimDoc()


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "url", "title", "excerpt", "stance", "created_at"]


class ReviewSerializer(serializers.ModelSerializer):
    editor = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "verdict", "previous_verdict", "note", "editor", "created_at", "evidence"]

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Editor's username."))
    def get_editor(self, review: Review) -> str | None:
        return review.editor.username if review.editor else None


class VerdictResultDoc(serializers.Serializer):
    review = ReviewSerializer()
    claim = ClaimDoc()


# --- Claim writes ----------------------------------------------------------------------------


class EvidenceInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    excerpt = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(
        choices=Evidence.Stance.choices, required=False, default=Evidence.Stance.CONTEXT
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("url", "").strip() and not attrs.get("excerpt", "").strip():
            raise serializers.ValidationError("Evidence needs a url or an excerpt.")
        return attrs


class VerdictInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = EvidenceInputSerializer(many=True, required=False, default=list)
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="The claim's `version` as you last read it; required.",
    )


class AssignInputSerializer(serializers.Serializer):
    assignee = serializers.CharField(
        allow_null=True,
        max_length=150,
        help_text="Username of an editor, or null to take the claim back.",
    )

    def validate_assignee(self, value: str | None) -> AbstractBaseUser | None:
        if value is None:
            return None
        user = editing.editors().filter(username=value).first()
        if user is None:
            raise serializers.ValidationError(f"No editor with the username {value!r}.")
        return user


class RelationInputSerializer(serializers.Serializer):
    to_claim = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="Claim id.")
    relation = serializers.ChoiceField(choices=ClaimRelation.Relation.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RelatedClaimRefDoc(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    article = inline_serializer(
        "RelationArticleRef", {"id": serializers.IntegerField(), "title": serializers.CharField()}
    )


class RelationDoc(serializers.Serializer):
    id = serializers.IntegerField()
    relation = serializers.ChoiceField(choices=ClaimRelation.Relation.choices)
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: this claim <relation> other_claim; incoming: the reverse.",
    )
    from_claim = serializers.IntegerField()
    to_claim = serializers.IntegerField()
    other_claim = RelatedClaimRefDoc()
    note = serializers.CharField(allow_blank=True)
    created_by = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()


class RelatedCandidateDoc(serializers.Serializer):
    claim = inline_serializer(
        "RelatedClaim",
        {
            "id": serializers.IntegerField(),
            "text": serializers.CharField(),
            "article": ArticleRefDoc(),
            "speaker": ActorRefDoc(allow_null=True),
            "verdict": serializers.ChoiceField(choices=Claim.Verdict.choices),
        },
    )
    score = serializers.FloatField(min_value=0, max_value=1)
    reasons = serializers.ListField(child=serializers.CharField())
    shared_actors = ActorRefDoc(many=True)
    shared_events = EventRefDoc(many=True)
    shared_dates = serializers.ListField(child=serializers.DateField())
    text_similarity = serializers.FloatField(min_value=0, max_value=1)
    suggested_relation = serializers.ChoiceField(
        choices=ClaimRelation.Relation.choices,
        help_text="The relation the two claims suggest: contradicts when a figure or a "
        "negation disagrees, duplicates for the same direct quote or wording, else "
        "corroborates. An editor still decides.",
    )
    relation_reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text='Why that relation, e.g. "12 vs 20 drone", "“postponed” vs “not '
        'postponed”", "same quote: “…”".',
    )


class RelatedListDoc(serializers.Serializer):
    claim = serializers.IntegerField()
    results = RelatedCandidateDoc(many=True)


# --- Articles --------------------------------------------------------------------------------


class CountsListSerializer(serializers.ListSerializer):
    """Fetches the counts for every item of the page in one query before serializing them,
    instead of one query per item (see ``attach_counts`` on the child serializers)."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.attach_counts(items)
        return super().to_representation(items)


def visible_claims(context: dict[str, Any]) -> QuerySet[Claim]:
    """The claims a serializer's reader may count: anonymous readers count published
    fact-checks only, like the claim list they can page through."""
    request = context.get("request")
    return Claim.objects.visible_to(request.user if request is not None else None)


class VerdictCountsMixin:
    """``claim_count`` and ``verdict_counts`` from the ``_verdict_counts`` that the subclass's
    ``attach_counts`` puts on each object: once per page through CountsListSerializer, or
    for the one object of a detail view."""

    def _claims(self) -> QuerySet[Claim]:
        return visible_claims(self.context)

    def _counts(self, obj: Article | Event) -> dict[str, int]:
        if not hasattr(obj, "_verdict_counts"):
            self.attach_counts([obj])
        return obj._verdict_counts

    def get_claim_count(self, obj: Article | Event) -> int:
        return sum(self._counts(obj).values())

    @extend_schema_field(VerdictCounts)
    def get_verdict_counts(self, obj: Article | Event) -> dict[str, int]:
        return self._counts(obj)


class ArticleSerializer(VerdictCountsMixin, serializers.ModelSerializer):
    claim_count = serializers.SerializerMethodField()
    verdict_counts = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "subtitle",
            "publisher",
            "author",
            "url",
            "published_on",
            "section",
            "title_source",
            "dateline_place",
            "dateline_agency",
            "claim_count",
            "verdict_counts",
        ]
        list_serializer_class = CountsListSerializer

    def attach_counts(self, articles: list[Article]) -> None:
        counts = verdict_counts_by("article", [a.pk for a in articles], claims=self._claims())
        for article in articles:
            article._verdict_counts = counts[article.pk]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]


# --- Actors ----------------------------------------------------------------------------------


ActorClaimCounts = inline_serializer(
    "ActorClaimCounts",
    {"as_speaker": VerdictCounts, "as_mentioned": VerdictCounts},
)


class ActorSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()
    claim_counts = serializers.SerializerMethodField()

    class Meta:
        model = Actor
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "wikidata_id",
            "wikidata_url",
            "aliases",
            "claim_counts",
        ]
        list_serializer_class = CountsListSerializer

    def attach_counts(self, actors: list[Actor]) -> None:
        ids, claims = [a.pk for a in actors], visible_claims(self.context)
        spoken = verdict_counts_by("speaker", ids, claims=claims)
        mentioned = verdict_counts_by("actors", ids, claims=claims)
        for actor in actors:
            actor._claim_counts = {
                "as_speaker": spoken[actor.pk],
                "as_mentioned": mentioned[actor.pk],
            }

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, actor: Actor) -> list[str]:
        return [alias.alias for alias in actor.aliases.all()]  # prefetched by the view

    @extend_schema_field(ActorClaimCounts)
    def get_claim_counts(self, actor: Actor) -> dict[str, dict[str, int]]:
        if not hasattr(actor, "_claim_counts"):
            self.attach_counts([actor])
        return actor._claim_counts


# --- Events ----------------------------------------------------------------------------------


class EventParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name", "kind"]


class EventSerializer(VerdictCountsMixin, serializers.ModelSerializer):
    participants = EventParticipantSerializer(many=True, read_only=True)
    claim_count = serializers.SerializerMethodField()
    verdict_counts = serializers.SerializerMethodField()
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "date",
            "date_precision",
            "end_date",
            "location",
            "description",
            "aliases",
            "status",
            "participants",
            "claim_count",
            "verdict_counts",
        ]
        list_serializer_class = CountsListSerializer

    def attach_counts(self, events: list[Event]) -> None:
        counts = verdict_counts_by("events", [e.pk for e in events], claims=self._claims())
        for event in events:
            event._verdict_counts = counts[event.pk]


# --- Stats -----------------------------------------------------------------------------------


# An id (integer) or a verdict / YYYY-MM (string): documented as a string only, an actor
# group's integer keys failed .ci/schemathesis.sh's schema check.
@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}], "nullable": True})
class StatsKeyField(serializers.Field):
    pass


class StatsRowDoc(serializers.Serializer):
    key = StatsKeyField(
        allow_null=True,
        help_text="The group's id (article, actor, speaker, event), verdict value or YYYY-MM; "
        "null for claims without one (no speaker, no event, undated article).",
    )
    label = serializers.CharField()
    total = serializers.IntegerField()
    verdicts = VerdictCounts


# One object, although /api/stats/ is a viewset's "list" (which the schema would otherwise
# document as an array of these; found by .ci/schemathesis.sh).
@extend_schema_serializer(many=False)
class StatsDoc(serializers.Serializer):
    group_by = serializers.ChoiceField(
        choices=["verdict", "article", "actor", "speaker", "event", "month"]
    )
    total = serializers.IntegerField(help_text="Claims matching the filters.")
    truncated = serializers.BooleanField(help_text="More groups exist than `limit`.")
    results = StatsRowDoc(many=True)


# --- ClaimReview (schema.org JSON-LD) ---------------------------------------------------------


class ClaimReviewDoc(serializers.Serializer):
    """schema.org ClaimReview; see docs/api.md for the rating scale."""

    context = serializers.CharField(default="https://schema.org")
    type = serializers.CharField(default="ClaimReview")
    url = serializers.URLField()
    claimReviewed = serializers.CharField()
    datePublished = serializers.DateField()
    reviewBody = serializers.CharField(required=False)
    author = serializers.DictField()
    reviewRating = serializers.DictField()
    itemReviewed = serializers.DictField()

    def get_fields(self) -> dict[str, serializers.Field]:
        # "@context" and "@type" are not valid Python names.
        fields = super().get_fields()
        fields["@context"] = fields.pop("context")
        fields["@type"] = fields.pop("type")
        return fields
