"""Fact-checks published elsewhere: schema.org ClaimReviews other fact-checkers published,
imported by ``claims.factchecks`` and matched to claims (``claims.factchecks.matching``)."""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.factchecks.ratings import Stance, stance_for


class FactCheckQuerySet(models.QuerySet["FactCheck"]):
    def search(self, text: str) -> FactCheckQuerySet:
        """Fact-checks whose claim, claimant, publisher or rating contain ``text``."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(claim_reviewed__icontains=text)
            | Q(claimant__icontains=text)
            | Q(publisher_name__icontains=text)
            | Q(textual_rating__icontains=text)
        )


class FactCheck(models.Model):
    """One ClaimReview: who checked what claim by whom, when, and the rating they gave.
    ``raw`` is the JSON-LD object as it came; the columns are what claimtracker reads of it.
    A review is identified by its ``url`` with its ``claim_reviewed`` (one page may review
    several claims): ``key`` is their hash, unique, so importing it again updates the row."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    url = models.URLField("review URL", max_length=1000)
    claim_reviewed = models.TextField()
    publisher_name = models.CharField(max_length=300, blank=True, db_index=True)
    publisher_url = models.URLField("publisher URL", max_length=1000, blank=True)
    claimant = models.CharField(max_length=300, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True)
    textual_rating = models.CharField(max_length=300, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating_explanation = models.TextField(blank=True)
    appearances = models.JSONField(default=list, blank=True, help_text="URLs of the claim")
    raw = models.JSONField(help_text="The ClaimReview as it was imported")
    source = models.CharField(max_length=1000, blank=True, help_text="File or URL read")
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = FactCheckQuerySet.as_manager()

    class Meta:
        verbose_name = "fact-check published elsewhere"
        verbose_name_plural = "fact-checks published elsewhere"
        ordering = [models.F("review_date").desc(nulls_last=True), "-id"]

    def __str__(self) -> str:
        rating = f" — {self.textual_rating}" if self.textual_rating else ""
        return f"{self.publisher_name or self.url}: {self.claim_reviewed[:80]}{rating}"

    @staticmethod
    def key_for(url: str, claim_reviewed: str) -> str:
        return hashlib.sha256(f"{url.strip()}\n{claim_reviewed.strip()}".encode()).hexdigest()

    @property
    def rating_label(self) -> str:
        """ "False (1/5)", "Half true", "4/5": what lists show."""
        scale = ""
        if self.rating_value is not None:
            best = f"/{self.best_rating:g}" if self.best_rating is not None else ""
            scale = f"{self.rating_value:g}{best}"
        if self.textual_rating and scale:
            return f"{self.textual_rating} ({scale})"
        return self.textual_rating or scale

    @property
    def suggested_stance(self) -> Stance:
        """The evidence stance its rating suggests (``claims.factchecks.ratings``)."""
        return stance_for(
            value=self.rating_value,
            best=self.best_rating,
            worst=self.worst_rating,
            text=self.textual_rating,
        )
