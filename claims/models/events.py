"""Events: what happened on a date that claims are about."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from claims.models.actors import Actor


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
