"""Query-string filters. Every bad value is a form error, which django-filter's backend turns
into a 400 naming the parameter, never a 500 from the database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import django_filters as filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema_field

from claims.models import Actor, Article, Claim, Event

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

# Larger ids cannot exist and would overflow PostgreSQL's bigint instead of matching nothing.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    """A row id: a positive integer that fits the database's key type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def no_such_id(model: type[Model], value: int) -> str:
    """The 400 message for an id that names no row (or none the reader may see: the two
    must read the same, or the answer would tell that a hidden row exists)."""
    return f"no {model._meta.verbose_name} with id {value}"


class ExistingIdField(IdField):
    """An id that must name an existing row: a typo'd id is a 400, not an empty list."""

    def __init__(self, *args: Any, model: type[Model], **kwargs: Any) -> None:
        self.model = model
        super().__init__(*args, **kwargs)

    def validate(self, value: int | None) -> None:
        super().validate(value)
        if value is not None and not self.model._default_manager.filter(pk=value).exists():
            raise ValidationError(no_such_id(self.model, value), code="invalid_choice")


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.Filter):
    """An id checked by the filter's method, which knows the reader (see ``no_such_id``)."""

    field_class = IdField


class ExistingIdFilter(IdFilter):
    field_class = ExistingIdField


class AssigneeField(forms.CharField):
    """A username, or the words ``me`` and ``none``: a typo'd username is a 400 too."""

    WORDS = ("me", "none")

    def clean(self, value: Any) -> str:
        value = super().clean(value)  # a NUL and the like are refused before any query
        if value and value not in self.WORDS and not self._known(value):
            # The value goes in as a parameter: the message is %-formatted later, and a
            # username from the query string may hold a "%".
            raise ValidationError(
                "no user with the username %(value)r", code="invalid", params={"value": value}
            )
        return value

    @staticmethod
    def _known(username: str) -> bool:
        return get_user_model().objects.filter(username=username).exists()


class AssigneeFilter(filters.CharFilter):
    field_class = AssigneeField


class CommaSeparatedMultipleChoiceField(forms.MultipleChoiceField):
    """Several values as ``?v=a&v=b``, ``?v=a,b`` or both."""

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)
        return [part.strip() for item in values for part in item.split(",") if part.strip()]


class MultipleChoiceInFilter(filters.MultipleChoiceFilter):
    field_class = CommaSeparatedMultipleChoiceField

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


class LeanFilterSet(filters.FilterSet):
    """A FilterSet that can be limited to the filters a request uses.

    django-filter deep-copies every declared filter, then every form field, on each request:
    for the eleven claim filters that costs as much as the whole page query. ``only`` keeps
    the ones named in the query string (the others could only be no-ops); without it the
    full set is built, as the browsable API's filter form and the schema need.
    """

    def __init__(self, *args: Any, only: Iterable[str] | None = None, **kwargs: Any) -> None:
        if only is not None:
            # An instance attribute, read by FilterSet.__init__'s deepcopy: the class keeps
            # its full set, so concurrent requests do not see each other's choice.
            wanted = set(only)
            self.base_filters = {k: v for k, v in type(self).base_filters.items() if k in wanted}
        super().__init__(*args, **kwargs)

    def get_form_class(self) -> type[forms.Form]:
        # django-filter builds a new form class, with a new field per filter, on every
        # request. The class depends only on the FilterSet class and which filters it has
        # (at most 2^n subsets), and each form copies its fields, so one per key is shared.
        key = (type(self), tuple(self.filters))
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = _FORM_CLASSES[key] = super().get_form_class()
        return form_class


_FORM_CLASSES: dict[tuple[type[LeanFilterSet], tuple[str, ...]], type[forms.Form]] = {}


# A query string cannot say "the empty value", so narration (attribution "") is "none".
ATTRIBUTION_FILTER_CHOICES = [
    ("none" if value == "" else value, label) for value, label in Claim.Attribution.choices
]


class ClaimFilter(LeanFilterSet):
    """The claim filters, shared by /api/claims/ (JSON and CSV) and /api/stats/."""

    # Set by FilterBackend: the view reads a page at a time (keyset pagination), not a
    # whole filtered table (stats).
    paged = False

    verdict = MultipleChoiceInFilter(
        choices=Claim.Verdict.choices,
        help_text="One or more verdicts: repeat the parameter or separate with commas.",
    )
    article = ExistingIdFilter(field_name="article_id", model=Article, help_text="Article id.")
    speaker = ExistingIdFilter(
        field_name="speaker_id", model=Actor, help_text="Actor id of who said it."
    )
    actor = ExistingIdFilter(
        method="filter_actor", model=Actor, help_text="Actor id: said by OR named in the claim."
    )
    event = ExistingIdFilter(method="filter_event", model=Event, help_text="Event id.")
    kind = filters.ChoiceFilter(choices=Claim.Kind.choices)
    attribution = filters.ChoiceFilter(
        choices=ATTRIBUTION_FILTER_CHOICES,
        method="filter_attribution",
        help_text="How the speaker was found; 'none' is the article's own narration, "
        "'anonymous' marks unnamed sources.",
    )
    published_after = filters.DateFilter(
        field_name="article__published_on",
        lookup_expr="gte",
        help_text="Article published on or after this date (YYYY-MM-DD).",
    )
    published_before = filters.DateFilter(
        field_name="article__published_on",
        lookup_expr="lte",
        help_text="Article published on or before this date (YYYY-MM-DD).",
    )
    reviewed_after = filters.IsoDateTimeFilter(
        field_name="reviewed_at",
        lookup_expr="gte",
        help_text="Reviewed at or after this ISO 8601 date or date-time (UTC if no offset).",
    )
    min_check_worthiness = filters.NumberFilter(
        field_name="check_worthiness",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        help_text="Only claims scored at least this check-worthy (0..1).",
    )
    assignee = AssigneeFilter(
        method="filter_assignee",
        max_length=150,
        help_text="Username of the editor the claims are assigned to; 'me' for the caller's "
        "own, 'none' for unassigned claims.",
    )
    q = filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text="Full-text search of the claim text (web-search syntax on PostgreSQL: "
        '"quoted phrase", or, -word).',
    )

    class Meta:
        model = Claim
        fields: list[str] = []  # all declared above

    def filter_actor(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        return qs.for_actor(value, paged=self.paged)

    def filter_attribution(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(attribution="" if value == "none" else value)

    def filter_assignee(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "none":
            return qs.filter(assignee__isnull=True)
        if value == "me":
            user = self.request.user if self.request else None
            return qs.filter(assignee=user) if user and user.is_authenticated else qs.none()
        return qs.filter(assignee__username=value)

    def filter_event(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        return qs.about_event(value)

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.search(value)


class ArticleFilter(LeanFilterSet):
    publisher = filters.CharFilter(help_text="Exact publisher name.")
    section = filters.CharFilter()
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    q = filters.CharFilter(
        field_name="title", lookup_expr="icontains", max_length=200, help_text="In the title."
    )

    class Meta:
        model = Article
        fields: list[str] = []


class ActorFilter(LeanFilterSet):
    kind = filters.ChoiceFilter(choices=Actor.Kind.choices)
    wikidata_id = filters.CharFilter(help_text="Exact Wikidata item id, e.g. Q7747.")
    q = filters.CharFilter(method="filter_q", max_length=200, help_text="In the name or an alias.")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        # Alias match as a subquery so an actor with two matching aliases is listed once.
        aliased = Actor.aliases.rel.related_model.objects.filter(alias__icontains=value)
        return qs.filter(Q(name__icontains=value) | Q(pk__in=aliased.values("actor_id")))


class EventFilter(LeanFilterSet):
    status = MultipleChoiceInFilter(
        choices=Event.Status.choices, help_text="One or more statuses (repeat or comma-separate)."
    )
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")
    participant = ExistingIdFilter(
        method="filter_participant", model=Actor, help_text="Actor id of a participant."
    )
    q = filters.CharFilter(
        field_name="title", lookup_expr="icontains", max_length=200, help_text="In the title."
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_participant(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        through = Event.participants.through.objects.filter(actor_id=value).values("event_id")
        return qs.filter(pk__in=through)


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend that builds only the filters the query string names (all of them
    for the browsable API's form), and no FilterSet at all when it names none: building and
    validating the full form costs as much as the whole page query of /api/claims/."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        used = [name for name in filterset_class.base_filters if name in request.query_params]
        if not used:
            return queryset
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        if issubclass(filterset_class, LeanFilterSet):
            kwargs["only"] = used
        filterset = filterset_class(**kwargs)
        filterset.paged = getattr(view, "pagination_class", None) is not None
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        return filterset.qs
