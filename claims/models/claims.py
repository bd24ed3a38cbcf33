"""claimtracker's domain: articles, the claims in them, who said and is named in them, what
events they are about, and the editors' verdicts on them.

Logic that belongs to one model lives on it or on its QuerySet; the one flow that spans many
models (importing an article) lives in ``claims.importer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone

from claims.extract.names import normalize_name
from claims.extract.paragraphs import paragraph_around, paragraph_spans

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class StaleVersion(Exception):
    """A claim was changed by someone else since the editor loaded it."""

    def __init__(self, claim: Claim, expected: int):
        super().__init__(
            f"Claim {claim.pk} is at version {claim.version}, not {expected}: "
            "it was changed meanwhile"
        )
        self.claim = claim
        self.expected = expected


wikidata_validator = RegexValidator(r"^Q[1-9]\d*$", "Enter a Wikidata item ID such as Q7747.")


# How many rows each (speaker, verdict) counter is sharded over (ClaimCount.slot).
SLOTS = 16

# Up to this many claims, ClaimQuerySet.for_actor narrows by the actor's claim ids first.
ACTOR_UNION_MAX = 2000

# Claims being renumbered are parked above every real position for one UPDATE, so the unique
# (article, position) constraint (checked row by row on SQLite and PostgreSQL alike) never
# sees two claims on one number while positions move.
PARKED = 1_000_000_000


# --- Actors ----------------------------------------------------------------------------------


class ActorQuerySet(models.QuerySet["Actor"]):
    def get_by_natural_key(self, name: str) -> Actor:
        return self.get(name=name)

    def matching(self, name: str) -> ActorQuerySet:
        """Actors whose name or one of whose aliases normalises to the same form as ``name``."""
        key = normalize_name(name)
        return self.filter(Q(normalized_name=key) | Q(aliases__normalized=key)).distinct()


class Actor(models.Model):
    """A person, organisation or country that says things or is named in claims."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"
        COUNTRY = "country", "Country"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    description = models.CharField(
        max_length=300, blank=True, help_text="Role or title, e.g. “US Secretary of State”."
    )
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, validators=[wikidata_validator]
    )
    # Kept in step with ``name`` on save; what the importer matches mentions against.
    normalized_name = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="actor_wikidata_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="actor_wikidata_id_format",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="actor_kind_name_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("admin:claims_actor_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        # Fixtures (fixtures/demo.json) name actors, not pks: migration 0004 has already
        # created the gazetteer's actors, at whatever pks the target database gave them.
        return (self.name,)

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""

    @transaction.atomic
    def merge(self, others: Iterable[Actor]) -> None:
        """Fold duplicate actors into this one: claims, speaker references, aliases and event
        participation move here, and each duplicate's name becomes an alias."""
        others = list(others)
        # Lock every actor involved first. An import's new claims that point at a duplicate
        # take a key-share lock on it when their foreign keys are checked (at commit), so
        # such an import now waits and then fails cleanly ("retry"). Unlocked, it could
        # commit between the moves below and the duplicate's delete, whose SET NULL and
        # CASCADE would silently drop those claims' speaker and mentions. Actors before
        # claims, in pk order: the importer locks the actors it names in the same order
        # before touching any claim, so a merge and a re-import queue instead of deadlocking.
        list(
            Actor.objects.select_for_update()
            .filter(pk__in=[self.pk, *(other.pk for other in others)])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for other in others:
            if other.pk == self.pk:
                continue
            Claim.objects.filter(speaker=other).update(speaker=self)
            Through = Claim.actors.through
            already = set(Through.objects.filter(actor=self).values_list("claim_id", flat=True))
            Through.objects.bulk_create(
                [
                    Through(claim_id=cid, actor=self)
                    for cid in Through.objects.filter(actor=other).values_list(
                        "claim_id", flat=True
                    )
                    if cid not in already
                ]
            )
            EventThrough = Event.participants.through
            in_events = set(
                EventThrough.objects.filter(actor=self).values_list("event_id", flat=True)
            )
            EventThrough.objects.bulk_create(
                [
                    EventThrough(event_id=eid, actor=self)
                    for eid in EventThrough.objects.filter(actor=other).values_list(
                        "event_id", flat=True
                    )
                    if eid not in in_events
                ]
            )
            taken = set(ActorAlias.objects.filter(actor=self).values_list("normalized", flat=True))
            taken.add(self.normalized_name)
            for alias in ActorAlias.objects.filter(actor=other):
                if alias.normalized in taken:
                    alias.delete()
                else:
                    alias.actor = self
                    alias.save()
                    taken.add(alias.normalized)
            old_name = other.name
            if not self.wikidata_id and other.wikidata_id:
                self.wikidata_id = other.wikidata_id
                other.wikidata_id = ""
                other.save(update_fields=["wikidata_id"])
            if not self.description and other.description:
                self.description = other.description
            other.delete()
            if normalize_name(old_name) not in taken:
                ActorAlias.objects.create(actor=self, alias=old_name)
        self.save()


class ActorAliasManager(models.Manager["ActorAlias"]):
    def get_by_natural_key(self, normalized: str) -> ActorAlias:
        return self.get(normalized=normalized)


class ActorAlias(models.Model):
    """Another name an actor goes by ("Putin", "the Kremlin leader", "POTUS")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False)

    objects = ActorAliasManager()

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(fields=["normalized"], name="actoralias_normalized_unique")
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.actor}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        # Unique, and the gazetteer's aliases exist before any fixture is loaded (see Actor).
        return (self.normalized,)

    def clean(self) -> None:
        key = normalize_name(self.alias)
        if not key:
            raise ValidationError({"alias": "An alias needs at least one letter or digit."})
        clash = ActorAlias.objects.filter(normalized=key).exclude(pk=self.pk).first()
        if clash:
            raise ValidationError(
                {"alias": f"“{self.alias}” is already an alias of {clash.actor}."}
            )


# --- Events ----------------------------------------------------------------------------------


class Event(models.Model):
    """Something that happened on a date that claims are about (a summit, a call, sanctions)."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        SUGGESTED = "suggested", "Suggested"
        DISMISSED = "dismissed", "Dismissed"

    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other phrases that name this event, matched in claims (a JSON list).",
    )
    participants = models.ManyToManyField(Actor, blank=True, related_name="events")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [F("date").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(date__isnull=False, end_date__gte=F("date")),
                name="event_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "date"], name="event_status_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})" if self.date else self.title

    def clean(self) -> None:
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": "Aliases must be a JSON list of strings."})


# --- Articles --------------------------------------------------------------------------------


class Article(models.Model):
    """One imported article. ``body`` is the cleaned text every claim's offsets point into;
    ``raw_text`` is exactly what was imported, kept so the importer can be re-run."""

    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    section = models.CharField(max_length=100, blank=True, help_text="e.g. news, commentary")
    language = models.CharField(max_length=10, default="en")
    body = models.TextField()
    raw_text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of raw_text")
    source_name = models.CharField(max_length=500, blank=True, help_text="File or feed")
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [F("published_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_url_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["published_on"], name="article_published_idx"),
            models.Index(fields=["source_name"], name="article_source_idx"),
            models.Index(fields=["publisher"], name="article_publisher_idx"),
        ]
        permissions = [("force_delete_article", "Can delete articles that have reviewed claims")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("admin:claims_article_change", args=[self.pk])

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each paragraph of ``body``: blocks separated by blank lines."""
        return paragraph_spans(self.body)

    def has_reviewed_claims(self) -> bool:
        """Whether editors worked on any of its claims: what protects an article from
        deletion (the admin refuses, ``delete_article`` needs ``--force``). "Reviewed" in the
        sense of the ``force_delete_article`` permission: any editor work, not only a verdict
        (``ClaimQuerySet.with_editor_work``)."""
        return self.claims.with_editor_work().exists()


# --- Claims ----------------------------------------------------------------------------------


def _editor_work() -> Q:
    """The one definition of "an editor worked on this claim": it has a verdict, or reviews
    (a verdict given and taken back still counts), evidence, or a relation either way. Such a
    claim is kept by a re-import, protects its article from deletion, and decides which claim
    of a merged pair keeps its pk. EXISTS per table (relations once per direction, each on its
    own index), so the database stops at the first row and never joins or de-duplicates."""
    claim = OuterRef("pk")
    return (
        ~Q(verdict=Claim.Verdict.UNVERIFIED)
        | Exists(Review.objects.filter(claim=claim))
        | Exists(Evidence.objects.filter(claim=claim))
        | Exists(ClaimRelation.objects.filter(from_claim=claim))
        | Exists(ClaimRelation.objects.filter(to_claim=claim))
    )


class ClaimQuerySet(models.QuerySet["Claim"]):
    def reviewed(self) -> ClaimQuerySet:
        return self.exclude(verdict=Claim.Verdict.UNVERIFIED)

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


class Claim(models.Model):
    """One checkable sentence of an article, with exact offsets into ``article.body``."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement"
        QUOTE = "quote", "Quote"

    class Verdict(models.TextChoices):
        UNVERIFIED = "unverified", "Unverified"
        CORROBORATED = "corroborated", "Corroborated"
        CONTRADICTED = "contradicted", "Contradicted"
        MIXED = "mixed", "Mixed"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    position = models.PositiveIntegerField(help_text="Order of the claim in the article")
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField(default=0, help_text="Index of the paragraph in body")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STATEMENT)
    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="spoken_claims"
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
        ]
        indexes = [
            models.Index(fields=["verdict", "-id"], name="claim_verdict_idx"),
            models.Index(fields=["speaker", "verdict"], name="claim_speaker_verdict_idx"),
            models.Index(fields=["-check_worthiness", "id"], name="claim_worthiness_idx"),
            models.Index(fields=["reviewed_at"], name="claim_reviewed_at_idx"),
            models.Index(fields=["kind"], name="claim_kind_idx"),
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

    def set_verdict(
        self,
        *,
        verdict: str,
        editor: AbstractBaseUser | None,
        note: str = "",
        evidence: Sequence[dict[str, str]] = (),
        expected_version: int | None = None,
    ) -> Review:
        """Give this claim a verdict and nothing else: ``editing.update_claim``, the one way
        a verdict changes (shorthand for scripts, the demo fixture and tests)."""
        # Imported here: the service layer sits above the models and imports them.
        from claims.editing import update_claim

        review = update_claim(
            self,
            changes={},
            loaded_version=expected_version,
            editor=editor,
            verdict=verdict,
            note=note,
            evidence=evidence,
        )
        return cast(Review, review)  # a verdict always writes a Review


class ClaimCount(models.Model):
    """Exact claim counts per (speaker, verdict), maintained by database triggers on
    claims_claim (migration 0005), so whole-database stats read a tiny table instead of
    scanning a million claims. Never written by Django code: the triggers see every write
    (ORM, bulk_create, raw SQL, COPY, cascades), which model signals would not.

    A (speaker, verdict) pair is spread over up to 16 ``slot`` rows; its count is SUM(n).
    """

    # A foreign key for the label join, but without a database constraint and with
    # DO_NOTHING: deleting an actor first sets its claims' speaker to NULL (Claim.speaker is
    # SET_NULL), which the triggers already move to the NULL-speaker rows; what is left for
    # the deleted actor sums to 0 and is never shown.
    speaker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    verdict = models.CharField(max_length=12, choices=Claim.Verdict.choices)
    slot = models.SmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(SLOTS - 1)])
    # int, not bigint: PostgreSQL sums bigint as numeric, markedly slower in the stats
    # query's aggregate; one (speaker, verdict, slot) row never nears 2**31 claims.
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # COALESCE, not nulls_distinct=False: the same expression index works on
            # PostgreSQL and SQLite, and it is the triggers' ON CONFLICT target.
            models.UniqueConstraint(
                models.functions.Coalesce("speaker", 0),
                "verdict",
                "slot",
                name="claimcount_speaker_verdict_slot_uniq",
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=0, slot__lt=SLOTS), name="claimcount_slot_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_id} {self.verdict} [{self.slot}]: {self.n}"


class Review(models.Model):
    """One verdict change: the append-only history of a claim's verdict."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=12, choices=Claim.Verdict.choices)
    previous_verdict = models.CharField(
        max_length=12, choices=Claim.Verdict.choices, default=Claim.Verdict.UNVERIFIED
    )
    note = models.TextField(blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["claim", "-created_at"], name="review_claim_time_idx")]

    def __str__(self) -> str:
        return f"{self.previous_verdict} → {self.verdict} on claim {self.claim_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # History is append-only: a saved review is never rewritten.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Reviews are append-only and cannot be changed.")
        super().save(*args, **kwargs)


class Evidence(models.Model):
    """A source that supports, refutes or gives context to a claim."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="evidence")
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.CONTEXT)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_added",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(excerpt=""), name="evidence_url_or_excerpt"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=["supports", "refutes", "context"]),
                name="evidence_stance_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url or self.excerpt[:60]

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Evidence:
        """Validated, unsaved evidence from user input: {url, title, excerpt, stance}."""
        unknown = set(data) - {"url", "title", "excerpt", "stance"}
        if unknown:
            raise ValidationError({"evidence": f"Unknown evidence fields: {sorted(unknown)}."})
        item = cls(
            url=(data.get("url") or "").strip(),
            title=(data.get("title") or "").strip(),
            excerpt=(data.get("excerpt") or "").strip(),
            stance=data.get("stance") or cls.Stance.CONTEXT,
        )
        if not item.url and not item.excerpt:
            raise ValidationError({"evidence": "Evidence needs a URL or an excerpt."})
        try:
            item.full_clean(exclude=["claim", "review", "added_by"])
        except ValidationError as exc:
            raise ValidationError({"evidence": exc.messages}) from exc
        return item


class ClaimRelationQuerySet(models.QuerySet["ClaimRelation"]):
    def touching(self, claim: Claim | int) -> ClaimRelationQuerySet:
        """Relations in either direction."""
        return self.filter(Q(from_claim=claim) | Q(to_claim=claim))

    def between(self, one: Claim | int, other: Claim | int) -> ClaimRelationQuerySet:
        """Relations joining these two claims, in either direction."""
        return self.filter(Q(from_claim=one, to_claim=other) | Q(from_claim=other, to_claim=one))


class ClaimRelation(models.Model):
    """An editor's link between two claims, usually in different articles."""

    class Relation(models.TextChoices):
        CORROBORATES = "corroborates", "Corroborates"
        CONTRADICTS = "contradicts", "Contradicts"
        DUPLICATES = "duplicates", "Duplicates"

    from_claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="relations_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="relations_to")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_relations",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ClaimRelationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Every relation is symmetric ("A contradicts B" is "B contradicts A"), so a pair
            # is unique whichever way round it was linked: enforced by the database, because
            # two editors linking the same pair from opposite ends at once both pass any
            # check the application makes first. It subsumes the old (from, to, relation)
            # constraint; an asymmetric relation added later would need that one back and a
            # condition on this one.
            models.UniqueConstraint(
                Least("from_claim", "to_claim"),
                Greatest("from_claim", "to_claim"),
                "relation",
                name="claimrelation_pair_unique",
                violation_error_message="These two claims are already linked with this "
                "relation (in one direction or the other).",
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="claimrelation_not_self"
            ),
            models.CheckConstraint(
                condition=Q(relation__in=["corroborates", "contradicts", "duplicates"]),
                name="claimrelation_relation_valid",
            ),
        ]
        indexes = [models.Index(fields=["to_claim"], name="claimrelation_to_idx")]

    def __str__(self) -> str:
        return f"{self.from_claim_id} {self.relation} {self.to_claim_id}"

    def clean(self) -> None:
        if self.from_claim_id and self.from_claim_id == self.to_claim_id:
            raise ValidationError({"to_claim": "A claim cannot be related to itself."})
