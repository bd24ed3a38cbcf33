"""A claim's verdict history: the append-only reviews and the evidence given with them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from claims.models.claims import Claim


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
