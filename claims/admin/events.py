"""The event pages: events found by the importer or added by editors, and their claims."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from claims import editing, stats
from claims.models import Claim, Event

from .display import STYLESHEET, claim_list_url, verdict_badge
from .roles import StaffCanViewInlineMixin, StaffCanViewMixin

EVENT_INLINE_MAX = 200  # linked claims listed as inline rows on the event page


class EventClaimInline(StaffCanViewInlineMixin, admin.TabularInline):
    """Which claims are about the event: the claims ↔ events table, claims by autocomplete."""

    model = Claim.events.through
    fields = ["claim"]
    autocomplete_fields = ["claim"]
    extra = 0
    verbose_name = "claim about this event"
    verbose_name_plural = "claims about this event"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("claim")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A link is added or removed, never re-pointed; existing rows shown as text also
        # avoid one autocomplete lookup per linked claim when the page renders.
        return False


def _many_claims(event: Event) -> bool:
    return (
        event.pk is not None
        and Claim.events.through.objects.filter(event=event).count() > EVENT_INLINE_MAX
    )


class EventAdmin(StaffCanViewMixin, admin.ModelAdmin):
    list_display = ["title", "date", "date_precision", "location", "status", "claim_count"]
    list_filter = ["status", "date_precision"]
    search_fields = ["title", "location", "description"]
    autocomplete_fields = ["participants"]
    date_hierarchy = "date"
    readonly_fields = ["claims_by_verdict"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "status",
                    "date",
                    "date_precision",
                    "end_date",
                    "location",
                    "description",
                    "aliases",
                    "participants",
                ]
            },
        ),
        ("Claims by verdict", {"fields": ["claims_by_verdict"]}),
    ]
    inlines = [EventClaimInline]
    actions = ["confirm_events", "dismiss_events"]

    class Media:
        css = {"all": [STYLESHEET]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return stats.events_with_claim_counts(super().get_queryset(request))

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Event, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # An event with thousands of claims would render thousands of rows: past a point the
        # inline only adds links; the claims are listed by verdict above (with list links).
        if isinstance(inline, EventClaimInline) and obj is not None and _many_claims(obj):
            kwargs["queryset"] = kwargs["queryset"].none()
        return kwargs

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Event) -> str:
        return format_html('<a href="{}">{}</a>', claim_list_url(event=obj.pk), obj.claim_count)

    @admin.display(description="claims by verdict")
    def claims_by_verdict(self, obj: Event) -> str:
        if obj.pk is None:
            return "—"
        groups = stats.claims_by_verdict(obj)
        if not groups:
            return "No claims are linked to this event yet."
        note = ""
        if _many_claims(obj):
            note = format_html(
                '<p class="help">More than {} claims: the table below only adds links; to '
                "unlink a claim, remove the event on the claim’s page.</p>",
                EVENT_INLINE_MAX,
            )
        parts = []
        for verdict, count, claims in groups:
            items = format_html_join(
                "",
                '<li><a href="{}">{}</a> <span class="quiet">— {}</span></li>',
                ((c.get_absolute_url(), c.text, c.article.title) for c in claims),
            )
            more = ""
            if count > len(claims):
                more = format_html(
                    '<li><a href="{}">all {} in the claim list</a></li>',
                    claim_list_url(event=obj.pk, verdict__exact=verdict),
                    count,
                )
            parts.append(
                format_html(
                    '<div class="event-verdict-group"><h4>{} {}</h4><ul>{}{}</ul></div>',
                    verdict_badge(verdict),
                    count,
                    items,
                    more,
                )
            )
        return format_html("{}{}", note, format_html_join("", "{}", ((p,) for p in parts)))

    def _set_status(self, request: HttpRequest, queryset: QuerySet[Event], status: str) -> None:
        changed = editing.set_event_status(queryset, status)
        label = Event.Status(status).label.lower()
        self.message_user(request, f"{changed} event(s) {label}.", messages.SUCCESS)

    @admin.action(description="Confirm selected events", permissions=["change"])
    def confirm_events(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._set_status(request, queryset, Event.Status.CONFIRMED)

    @admin.action(description="Dismiss selected events", permissions=["change"])
    def dismiss_events(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._set_status(request, queryset, Event.Status.DISMISSED)
