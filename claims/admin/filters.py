"""List filters for the claim changelist.

The article / speaker / actor / event filters never list every row of a big table: they show
the selected object (read from the query string) and the few most used ones, so the sidebar
costs the same with 20 articles or 20,000. Finding the most used ones is a GROUP BY over a
whole table, four per page view, which a big database feels on every list view, so the
answer is cached for ``CLAIMTRACKER_FACET_CACHE_SECONDS`` (default 600): "most used"
moves slowly, and a new article or actor is one search or click away meanwhile.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.cache import cache
from django.db.models import Count, Exists, Model, OuterRef, QuerySet
from django.http import HttpRequest

from claims import editing
from claims.models import Actor, Article, Claim, ClaimRelation, Event, Evidence
from claims.stats import speaker_counters


class WorthinessBandFilter(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "worthiness"
    HIGH, MEDIUM = 0.7, 0.4

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("high", f"high (≥ {self.HIGH})"),
            ("medium", f"medium ({self.MEDIUM}–{self.HIGH})"),
            ("low", f"low (< {self.MEDIUM})"),
            ("unscored", "unscored"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        band = self.value()
        if band == "high":
            return queryset.filter(check_worthiness__gte=self.HIGH)
        if band == "medium":
            return queryset.filter(
                check_worthiness__gte=self.MEDIUM, check_worthiness__lt=self.HIGH
            )
        if band == "low":
            return queryset.filter(check_worthiness__lt=self.MEDIUM)
        if band == "unscored":
            return queryset.filter(check_worthiness__isnull=True)
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    """Whose claims: mine (the usual view of an editor), nobody's yet, or a colleague's."""

    title = "assigned to"
    parameter_name = "assignee"
    ME, NOBODY = "me", "none"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        others = editing.editors().exclude(pk=request.user.pk).values_list("username", flat=True)
        return [(self.ME, "me"), (self.NOBODY, "nobody"), *((u, u) for u in others)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        value = self.value()
        if value == self.ME:
            return queryset.filter(assignee=request.user)
        if value == self.NOBODY:
            return queryset.filter(assignee__isnull=True)
        if value:
            return queryset.filter(assignee__username=value)
        return queryset


class _ExistsFilter(admin.SimpleListFilter):
    """yes / no on whether a related row exists (an EXISTS subquery, no join, no DISTINCT)."""

    def subquery(self) -> QuerySet[Any]:
        raise NotImplementedError

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "yes"), ("no", "no")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.value() == "yes":
            return queryset.filter(Exists(self.subquery()))
        if self.value() == "no":
            return queryset.exclude(Exists(self.subquery()))
        return queryset


class HasRelationsFilter(_ExistsFilter):
    title = "has relations"
    parameter_name = "has_relations"

    def subquery(self) -> QuerySet[Any]:
        return ClaimRelation.objects.touching(OuterRef("pk"))


class HasEvidenceFilter(_ExistsFilter):
    title = "has evidence"
    parameter_name = "has_evidence"

    def subquery(self) -> QuerySet[Any]:
        return Evidence.objects.filter(claim=OuterRef("pk"))


class PublishedFilter(admin.SimpleListFilter):
    """Published fact-checks, and reviewed claims still waiting to be published."""

    title = "publication"
    parameter_name = "published"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Published"), ("waiting", "Reviewed, not published")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.value() == "yes":
            return queryset.published()
        if self.value() == "waiting":
            return queryset.reviewed().filter(published_at__isnull=True)
        return queryset


class SelectedObjectFilter(admin.SimpleListFilter):
    """Filter on one related object by id, listing only the selected one and the ``TOP`` most
    used ones (one GROUP BY … LIMIT on an indexed column), never the whole table."""

    TOP = 8
    model: type[Model]
    # Where uses are counted: rows of ``usage_model`` grouped by ``usage_field`` (an FK id).
    usage_model: type[Model]
    usage_field: str

    def apply(self, queryset: QuerySet[Claim], pk: int) -> QuerySet[Claim]:
        raise NotImplementedError

    def selected_id(self) -> int | None:
        value = self.value()
        if value in (None, ""):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise IncorrectLookupParameters(f"{self.parameter_name} must be an id") from None

    def most_used(self) -> list[int]:
        field = self.usage_field
        return list(
            self.usage_model._default_manager.order_by()
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(n=Count("pk"))
            .order_by("-n", field)
            .values_list(field, flat=True)[: self.TOP]
        )

    def top_ids(self) -> list[int]:
        seconds = settings.CLAIMTRACKER_FACET_CACHE_SECONDS
        if seconds <= 0:
            return self.most_used()
        key = f"claims:admin-facet:{self.parameter_name}"
        top = cache.get(key)
        if top is None:
            top = self.most_used()
            cache.set(key, top, seconds)
        return top

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        top = self.top_ids()
        selected = self.selected_id()
        wanted = [selected, *top] if selected is not None and selected not in top else top
        labels = {obj.pk: str(obj) for obj in self.model._default_manager.filter(pk__in=wanted)}
        return [(str(pk), labels[pk]) for pk in wanted if pk in labels]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        pk = self.selected_id()
        return queryset if pk is None else self.apply(queryset, pk)


class ArticleFilter(SelectedObjectFilter):
    title = "article"
    parameter_name = "article"
    model = Article

    usage_model = Claim
    usage_field = "article_id"

    def apply(self, queryset: QuerySet[Claim], pk: int) -> QuerySet[Claim]:
        return queryset.filter(article_id=pk)


class SpeakerFilter(SelectedObjectFilter):
    title = "speaker"
    parameter_name = "speaker"
    model = Actor

    usage_model = Claim
    usage_field = "speaker_id"

    def most_used(self) -> list[int]:
        # The trigger-maintained counters hold exactly these counts in a few thousand rows.
        return list(
            speaker_counters()
            .exclude(speaker=None)
            .values_list("speaker_id", flat=True)[: self.TOP]
        )

    def apply(self, queryset: QuerySet[Claim], pk: int) -> QuerySet[Claim]:
        return queryset.spoken_by(pk)


class ActorFilter(SelectedObjectFilter):
    """Claims the actor said or is named in (the most used: the most mentioned actors)."""

    title = "actor (speaker or mentioned)"
    parameter_name = "actor"
    model = Actor

    usage_model = Claim.actors.through
    usage_field = "actor_id"

    def apply(self, queryset: QuerySet[Claim], pk: int) -> QuerySet[Claim]:
        return queryset.for_actor(pk, paged=True)  # the changelist shows one page


class EventFilter(SelectedObjectFilter):
    title = "event"
    parameter_name = "event"
    model = Event

    usage_model = Claim.events.through
    usage_field = "event_id"

    def apply(self, queryset: QuerySet[Claim], pk: int) -> QuerySet[Claim]:
        return queryset.about_event(pk)
