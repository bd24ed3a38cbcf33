"""Articles, actors and events: read-only lists and details, serialized by
``claims.api.serializers``."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from claims.api.filters import ActorFilter, ArticleFilter, EventFilter
from claims.api.serializers import (
    ActorSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    EventSerializer,
)
from claims.api.views.common import ID_REGEX, NO_PAGE, ApiViewMixin, errors
from claims.api.views.imports import ArticleImportMixin
from claims.models import Actor, ActorAlias, Article, Event


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        responses={200: ArticleSerializer, **errors(400), **NO_PAGE},
    ),
    retrieve=extend_schema(
        summary="One article, with its body",
        responses={200: ArticleDetailSerializer, **errors(404)},
    ),
)
class ArticleViewSet(ArticleImportMixin, ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = ArticleFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Article]:
        qs = Article.objects.all()
        if self.action == "list":
            qs = qs.defer("body", "raw_text")  # large, and not in the list
        return qs.defer("raw_text")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List actors", responses={200: ActorSerializer, **errors(400), **NO_PAGE}
    ),
    retrieve=extend_schema(summary="One actor", responses={200: ActorSerializer, **errors(404)}),
)
class ActorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """People, organisations and countries, with their claims counted by verdict, as speaker
    and as mentioned (one grouped query each per page)."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Actor]:
        aliases = ActorAlias.objects.only("id", "actor_id", "alias")
        return Actor.objects.prefetch_related(Prefetch("aliases", queryset=aliases))


@extend_schema_view(
    list=extend_schema(
        summary="List events, by date",
        responses={200: EventSerializer, **errors(400), **NO_PAGE},
    ),
    retrieve=extend_schema(summary="One event", responses={200: EventSerializer, **errors(404)}),
)
class EventViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Event]:
        participants = Actor.objects.only("id", "name", "kind")
        # Event.Meta.ordering: by date (undated last), then title; id makes pages stable.
        return Event.objects.prefetch_related(
            Prefetch("participants", queryset=participants)
        ).order_by(F("date").asc(nulls_last=True), "title", "id")
