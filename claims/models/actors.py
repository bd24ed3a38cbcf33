"""Who says things and is named in claims: actors and the other names they go by."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from claims.extract.names import normalize_name

wikidata_validator = RegexValidator(r"^Q[1-9]\d*$", "Enter a Wikidata item ID such as Q7747.")


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
