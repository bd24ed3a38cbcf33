"""Claims: the checkable sentences of an article, their verdicts, and the QuerySet rules
(editor work, positions, an actor's claims, search) every layer above reads them with."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.text import slugify

from claims.extract.paragraphs import paragraph_around
from claims.models.actors import Actor
from claims.models.articles import Article
from claims.models.events import Event


class StaleVersion(Exception):
    """A claim was changed by someone else since the editor loaded it."""

    def __init__(self, claim: Claim, expected: int):
        super().__init__(
            f"Claim {claim.pk} is at version {claim.version}, not {expected}: "
            "it was changed meanwhile"
        )
        self.claim = claim
        self.expected = expected


# Up to this many claims, ClaimQuerySet.for_actor narrows by the actor's claim ids first.
ACTOR_UNION_MAX = 2000

# Claims being renumbered are parked above every real position for one UPDATE, so the unique
# (article, position) constraint (checked row by row on SQLite and PostgreSQL alike) never
# sees two claims on one number while positions move.
PARKED = 1_000_000_000


def _editor_work() -> Q:
    """The one definition of "an editor worked on this claim": it has a verdict, an assignee,
    or reviews (a verdict given and taken back still counts), evidence, or a relation either
    way. Such a claim is kept by a re-import, protects its article from deletion, and decides
    which claim of a merged pair keeps its pk. EXISTS per table (relations once per direction,
    each on its own index), so the database stops at the first row and never joins or
    de-duplicates."""
    # Imported here: those models point at Claim, so their modules import this one.
    from claims.models.history import Evidence, Review
    from claims.models.relations import ClaimRelation

    claim = OuterRef("pk")
    return (
        ~Q(verdict=Claim.Verdict.UNVERIFIED)
        | Q(assignee__isnull=False)
        | Exists(Review.objects.filter(claim=claim))
        | Exists(Evidence.objects.filter(claim=claim))
        | Exists(ClaimRelation.objects.filter(from_claim=claim))
        | Exists(ClaimRelation.objects.filter(to_claim=claim))
    )


class ClaimQuerySet(models.QuerySet["Claim"]):
    def reviewed(self) -> ClaimQuerySet:
        return self.exclude(verdict=Claim.Verdict.UNVERIFIED)

    def published(self) -> ClaimQuerySet:
        """Fact-checks the desk has published (``editing.publish_claims``): what the public
        pages, feeds and anonymous API readers see. Only a reviewed claim is ever published
        (``claim_published_reviewed``)."""
        return self.filter(published_at__isnull=False)

    def visible_to(self, user: Any) -> ClaimQuerySet:
        """What ``user`` may read: everything for a logged-in user or token holder (the desk),
        only published fact-checks for anyone else."""
        if user is not None and user.is_authenticated:
            return self
        return self.published()

    def with_editor_work(self) -> ClaimQuerySet:
        """Claims an editor worked on (``_editor_work``)."""
        return self.filter(_editor_work())

    def park(self, **also: Any) -> int:
        """Move these claims to positions no real claim has (``PARKED``), in one UPDATE that
        also writes ``also``; ``unpark`` or a later UPDATE gives them their final numbers."""
        return self.update(position=F("position") + PARKED, **also)

    def unpark(self, *, by: int = 0) -> int:
        """Land the parked claims among these back on their old numbers moved by ``by``."""
        return self.filter(position__gte=PARKED).update(position=F("position") - PARKED + by)

    def spoken_by(self, actor: Actor | int) -> ClaimQuerySet:
        return self.filter(speaker=actor)

    def for_actor(self, actor: Actor | int, *, paged: bool = False) -> ClaimQuerySet:
        """Claims the actor said or is named in, with the plan that suits the actor; the
        API's ?actor=, the admin's actor filter and the actor list's links all use it.

        Counting the actor's claims first (up to ``ACTOR_UNION_MAX``, two cheap indexed
        queries) picks the plan. A rare actor: the UNION of the two indexed lookups, joined
        first. A frequent actor: PostgreSQL runs "speaker = X OR pk IN (…)" by hashing every
        claim id the actor is named in, then probing it along the scan; that is right when
        aggregating every match (stats), while the UNION would be hashed and joined whole.
        For one page of an ordered list (``paged``) it instead tests each row the scan reads
        against the (claim, actor) unique index and stops after the page. The probe is never
        used for a rare actor (the scan would read most of the table to fill a page) nor for
        a whole table (it would probe every row). Timings: bench/RESULTS.md.
        """
        pk = actor.pk if isinstance(actor, Actor) else actor
        spoken = Claim.objects.filter(speaker_id=pk).order_by().values("id")
        named = Claim.actors.through.objects.filter(actor_id=pk).values("claim_id")
        if spoken[:ACTOR_UNION_MAX].count() + named[:ACTOR_UNION_MAX].count() < ACTOR_UNION_MAX:
            return self.filter(pk__in=spoken.union(named))
        if paged and connection.vendor == "postgresql":
            qn = connection.ops.quote_name
            through = qn(Claim.actors.through._meta.db_table)
            # OFFSET 0 keeps PostgreSQL from turning the EXISTS back into the hashed plan.
            probe = RawSQL(
                f"EXISTS (SELECT 1 FROM {through} ca WHERE ca.{qn('claim_id')} = "
                f"{qn(Claim._meta.db_table)}.{qn('id')} AND ca.{qn('actor_id')} = %s OFFSET 0)",
                [pk],
                output_field=models.BooleanField(),
            )
            return self.filter(Q(speaker_id=pk) | Q(probe))
        return self.filter(Q(speaker_id=pk) | Q(pk__in=named))

    def about_event(self, event: Event | int) -> ClaimQuerySet:
        """Claims linked to the event: a subquery, not a join, because a join would be reused
        by a later ``values("events")`` grouping (stats by event) and hide a claim's other
        events."""
        pk = event.pk if isinstance(event, Event) else event
        return self.filter(
            pk__in=Claim.events.through.objects.filter(event_id=pk).values("claim_id")
        )

    def search(self, query: str) -> ClaimQuerySet:
        """Full-text search of the claim text.

        PostgreSQL: ``to_tsvector('english', text)`` against ``websearch_to_tsquery``, the
        same expression as the GIN index ``claim_text_fts`` so the index is used. SQLite:
        every word must appear (case-insensitive substring), which is good enough for a demo.
        """
        query = query.strip()
        if not query:
            return self
        if connection.vendor == "postgresql":
            return self.filter(
                RawSQL(
                    "to_tsvector('english', claims_claim.text) "
                    "@@ websearch_to_tsquery('english', %s)",
                    [query],
                    output_field=models.BooleanField(),
                )
            )
        qs = self
        for word in re.findall(r"\w+", query)[:10]:
            qs = qs.filter(text__icontains=word)
        return qs


def claim_slug(text: str) -> str:
    """The readable part of a fact-check's URL: short and never empty (the URL pattern needs
    one). The id alone finds the page; a stale slug redirects to this one."""
    return slugify(text)[:60].strip("-") or "claim"


class ClaimAttribution(models.TextChoices):
    """How the importer found a claim's speaker (claims.extract.types.AttributionKind).
    Defined outside Claim so that Claim.Meta's check constraint can read its values."""

    NONE = "", "Narration"
    DIRECT = "direct", "Direct quote"
    PARTIAL = "partial", "Partial quote"
    INDIRECT = "indirect", "Indirect speech"
    CONTINUATION = "continuation", "Continued quote"
    TRANSCRIPT = "transcript", "Transcript turn"
    DOCUMENT = "document", "Attributed statement"
    ANONYMOUS = "anonymous", "Anonymous source"


class Claim(models.Model):
    """One checkable sentence of an article, with exact offsets into ``article.body``."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement"
        QUOTE = "quote", "Quote"

    Attribution = ClaimAttribution

    class Verdict(models.TextChoices):
        UNVERIFIED = "unverified", "Unverified"
        CORROBORATED = "corroborated", "Corroborated"
        CONTRADICTED = "contradicted", "Contradicted"
        MIXED = "mixed", "Mixed"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="claims",
        db_index=False,  # claim_position_unique below starts with it
    )
    position = models.PositiveIntegerField(help_text="Order of the claim in the article")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField(default=0, help_text="Index of the paragraph in body")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STATEMENT)
    speaker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spoken_claims",
        db_index=False,  # claim_speaker_verdict_idx below starts with it
    )
    # db_default too: the bulk COPY paths (datagen, bulk import) leave the column out.
    attribution = models.CharField(
        max_length=12,
        choices=Attribution.choices,
        default=Attribution.NONE,
        db_default=Attribution.NONE,
        blank=True,
        help_text="How the speaker was found; 'anonymous' marks unnamed sources.",
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="mentioned_in")
    events = models.ManyToManyField(Event, blank=True, related_name="claims")
    mentioned_dates = models.JSONField(
        default=list,
        blank=True,
        help_text='Dates named in the text: [{"text", "date", "precision"}], ISO dates.',
    )
    check_worthiness = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    check_reasons = models.JSONField(
        default=list, blank=True, help_text="Why the check-worthiness score is what it is."
    )
    verdict = models.CharField(max_length=12, choices=Verdict.choices, default=Verdict.UNVERIFIED)
    verdict_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_claims",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every verdict bumps it; a writer that read an older value loses.
    version = models.PositiveIntegerField(default=1)
    # Who is checking it: a desk shares its claims out. ``editing.assign_claims`` writes the
    # three together and records each change in the claim's history; an assignment is not a
    # verdict, so it leaves the version alone (an open claim form does not go stale).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        db_index=False,  # claim_assignee_idx below starts with it
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # only ever read with the claim
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    # Publishing: a verdict is the desk's own until an editor publishes it
    # (``editing.publish_claims``, recorded in the claim's history); then the public pages,
    # feeds and anonymous API readers see it. Clearing the verdict unpublishes it.
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # only ever read with the claim
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="claim_position_unique"),
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="claim_offsets_valid"
            ),
            models.CheckConstraint(
                condition=Q(check_worthiness__isnull=True)
                | Q(check_worthiness__gte=0.0, check_worthiness__lte=1.0),
                name="claim_check_worthiness_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    verdict__in=[
                        "unverified",
                        "corroborated",
                        "contradicted",
                        "mixed",
                        "unverifiable",
                    ]
                ),
                name="claim_verdict_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["statement", "quote"]), name="claim_kind_valid"
            ),
            # Only a verdict is published: an unverified claim has nothing to publish.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | ~Q(verdict="unverified"),
                name="claim_published_reviewed",
            ),
            models.CheckConstraint(
                condition=Q(attribution__in=ClaimAttribution.values),
                name="claim_attribution_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["verdict", "-id"], name="claim_verdict_idx"),
            models.Index(fields=["speaker", "verdict"], name="claim_speaker_verdict_idx"),
            models.Index(fields=["-check_worthiness", "id"], name="claim_worthiness_idx"),
            models.Index(fields=["reviewed_at"], name="claim_reviewed_at_idx"),
            models.Index(fields=["kind"], name="claim_kind_idx"),
            models.Index(fields=["attribution"], name="claim_attribution_idx"),
            # "Assigned to me", in the list's default order.
            models.Index(fields=["assignee", "-check_worthiness", "id"], name="claim_assignee_idx"),
            # The public index and the Atom feed: newest published first.
            models.Index(fields=["-published_at", "-id"], name="claim_published_idx"),
        ]
        permissions = [("review_claim", "Can give verdicts on claims")]

    def __str__(self) -> str:
        short = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"#{self.position} {short}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.validate_offsets()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("admin:claims_claim_change", args=[self.pk])

    def get_public_url(self) -> str:
        """The published fact-check's public page (``claims.public``)."""
        return reverse("public-fact-check", args=[self.pk, self.slug])

    @property
    def slug(self) -> str:
        return claim_slug(self.text)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        self.validate_offsets()

    def validate_offsets(self) -> None:
        """The invariant every claim keeps: ``article.body[start:end] == text``."""
        if self.start is None or self.end is None or self.start >= self.end:
            raise ValidationError({"end": "A claim needs 0 <= start < end."})
        body = self.article.body
        if self.end > len(body):
            raise ValidationError(
                {"end": f"end={self.end} is past the article body ({len(body)} characters)."}
            )
        if body[self.start : self.end] != self.text:
            raise ValidationError(
                {"text": f"The text does not match article.body[{self.start}:{self.end}]."}
            )

    @property
    def is_reviewed(self) -> bool:
        return self.verdict != self.Verdict.UNVERIFIED

    def has_editor_work(self) -> bool:
        """``ClaimQuerySet.with_editor_work`` for this one claim (one query)."""
        return Claim.objects.filter(pk=self.pk).with_editor_work().exists()

    def context(self) -> tuple[str, str, str]:
        """(before, claim, after) within the claim's paragraph, for reading it in context."""
        body = self.article.body
        para_start, para_end = paragraph_around(body, self.start, self.end)
        return body[para_start : self.start], self.text, body[self.end : para_end]
