"""The editors' workspace: where fact-checking happens.

Verdicts are never saved as plain field edits: the claim form and the bulk actions route them
through ``editing.update_claim`` so every change leaves a Review and a stale form cannot overwrite
a newer verdict. Multi-row edits (split, merge, relations, bulk verdicts) live in
``claims.editing``; this module only wires them to forms, buttons and permissions.

Roles: members of the Editors group (or anyone with the model permissions) can do everything
below; any other active staff user may read every page but change nothing — every action,
button and POST view is hidden from them and refused with 403.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from claims import editing, stats
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    Review,
    StaleVersion,
)
from claims.related import RelatedCandidate, related_claims

from .filters import (
    ActorFilter,
    ArticleFilter,
    EventFilter,
    HasEvidenceFilter,
    HasRelationsFilter,
    SpeakerFilter,
    WorthinessBandFilter,
)

VERDICT_COLOURS = {
    Claim.Verdict.UNVERIFIED: "#6b7280",
    Claim.Verdict.CORROBORATED: "#15803d",
    Claim.Verdict.CONTRADICTED: "#b91c1c",
    Claim.Verdict.MIXED: "#b45309",
    Claim.Verdict.UNVERIFIABLE: "#4338ca",
}
MAX_BULK_VERDICT = 500  # each claim is its own update_claim (a few queries): keep requests short
MAX_ACTOR_MERGE = 20
MAX_REIMPORT = 20  # re-parsing is the slow part; more belongs on the command line
RELATED_SHOWN = 10
EVENT_INLINE_MAX = 200  # linked claims listed as inline rows on the event page


def verdict_badge(verdict: str) -> str:
    label = Claim.Verdict(verdict).label
    return format_html(
        '<span class="verdict-badge verdict-{}" style="background:{};color:#fff;'
        'padding:1px 7px;border-radius:9px;font-size:11px;white-space:nowrap">{}</span>',
        verdict,
        VERDICT_COLOURS[verdict],
        label,
    )


# The same colours as CSS classes, for badges written in templates. Built from constants only.
VERDICT_CSS = mark_safe(
    ".verdict-badge{color:#fff;padding:1px 7px;border-radius:9px;font-size:11px;"
    "white-space:nowrap}"
    + "".join(f".verdict-badge.verdict-{v}{{background:{c}}}" for v, c in VERDICT_COLOURS.items())
)


def claim_list_url(**params: Any) -> str:
    return reverse("admin:claims_claim_changelist") + "?" + urlencode(params)


# --- Roles -----------------------------------------------------------------------------------


def is_active_staff(user: Any) -> bool:
    return bool(user.is_active and user.is_staff)


class StaffCanViewInlineMixin:
    """Inlines: any active staff user may see them (read-only without the model rights)."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or is_active_staff(request.user)  # type: ignore[misc]


class StaffCanViewMixin(StaffCanViewInlineMixin):
    """Every claims admin: readable by all active staff, writable only with the permissions.

    Changelist POSTs (actions) are refused with 403 unless the action is one the user may run,
    so a reader posting an action by hand gets the same answer as for any other write.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or is_active_staff(request.user)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.method == "POST":
            allowed = self.get_actions(request)  # type: ignore[attr-defined]
            posted = [name for name in request.POST.getlist("action") if name]
            if not allowed or any(name not in allowed for name in posted):
                raise PermissionDenied
        return super().changelist_view(request, extra_context)  # type: ignore[misc]


def require_post(request: HttpRequest) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


# --- Actors ----------------------------------------------------------------------------------


class ActorForm(forms.ModelForm):
    # Longer than the column so a pasted item URL gets here; the model validates the result.
    wikidata_id = forms.CharField(
        label="Wikidata ID",
        max_length=300,
        required=False,
        help_text="Q… item ID, e.g. Q7747; pasting the item's Wikidata URL works too.",
    )

    class Meta:
        model = Actor
        fields = ["name", "kind", "description", "wikidata_id"]

    def clean_wikidata_id(self) -> str:
        # Editors paste whatever they have: "q42", " Q42 ", or the item's URL.
        value = (self.cleaned_data.get("wikidata_id") or "").strip()
        value = value.rstrip("/").rsplit("/", 1)[-1]
        value = value.upper() if value[:1] in ("q", "Q") else value
        if value:
            taken = Actor.objects.filter(wikidata_id=value).exclude(pk=self.instance.pk).first()
            if taken is not None:
                raise ValidationError(
                    f"{value} is already the Wikidata ID of “{taken.name}”. If they are the "
                    "same actor, merge them (the “Merge selected duplicate actors” action)."
                )
        return value


class ActorAliasInline(StaffCanViewInlineMixin, admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["alias"]


class ActorMergeForm(forms.Form):
    keep = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Keep")


@admin.register(Actor)
class ActorAdmin(StaffCanViewMixin, admin.ModelAdmin):
    form = ActorForm
    list_display = [
        "name",
        "kind",
        "description",
        "wikidata",
        "spoken",
        "mentioned",
        "claims_link",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias", "description"]
    inlines = [ActorAliasInline]
    fields = ["name", "kind", "description", "wikidata_id"]
    actions = ["merge_actors"]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actor]:
        return stats.actors_with_claim_counts(super().get_queryset(request))

    def has_merge_permission(self, request: HttpRequest) -> bool:
        # Merging is curation, not deletion: nothing is lost (names become aliases).
        return request.user.has_perm("claims.change_actor")

    @admin.display(description="as speaker", ordering="spoken_count")
    def spoken(self, obj: Actor) -> int:
        return obj.spoken_count

    @admin.display(description="mentioned in", ordering="mentioned_count")
    def mentioned(self, obj: Actor) -> int:
        return obj.mentioned_count

    @admin.display(description="Wikidata", ordering="wikidata_id")
    def wikidata(self, obj: Actor) -> str:
        if not obj.wikidata_id:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>',
            obj.wikidata_url,
            obj.wikidata_id,
        )

    @admin.display(description="claims")
    def claims_link(self, obj: Actor) -> str:
        return format_html('<a href="{}">said or named in</a>', claim_list_url(actor=obj.pk))

    @admin.action(description="Merge selected duplicate actors…", permissions=["merge"])
    def merge_actors(self, request: HttpRequest, queryset: QuerySet[Actor]) -> Any:
        actors = list(queryset.order_by("name")[: MAX_ACTOR_MERGE + 1])
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        if len(actors) > MAX_ACTOR_MERGE:
            self.message_user(
                request, f"Merge at most {MAX_ACTOR_MERGE} actors at once.", messages.WARNING
            )
            return None
        form = ActorMergeForm(request.POST if "apply" in request.POST else None)
        form.fields["keep"].choices = [(a.pk, a.name) for a in actors]
        if "apply" in request.POST and form.is_valid():
            keep_id = form.cleaned_data["keep"]
            try:
                # Retried on a deadlock with a concurrent import; otherwise a clear message,
                # never a 500, and nothing half-merged.
                keep, others = editing.merge_actors(
                    keep_id, [a.pk for a in actors if a.pk != keep_id]
                )
            except editing.EditRefused as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            names = ", ".join(a.name for a in others)
            self.log_change(request, keep, f"Merged {names} into this actor.")
            self.message_user(
                request,
                f"Merged {names} into {keep.name}: their claims, speaker references, aliases "
                "and events moved, and their names are now aliases.",
                messages.SUCCESS,
            )
            return None
        aliases: dict[int, list[str]] = {}
        for actor_id, alias in ActorAlias.objects.filter(actor__in=actors).values_list(
            "actor_id", "alias"
        ):
            aliases.setdefault(actor_id, []).append(alias)
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge duplicate actors",
            "opts": self.opts,
            "actors": [(a, aliases.get(a.pk, [])) for a in actors],
            "form": form,
            "action_name": "merge_actors",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/actor/merge.html", context)


# --- Events ----------------------------------------------------------------------------------


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


@admin.register(Event)
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


# --- Articles --------------------------------------------------------------------------------


class ClaimInline(StaffCanViewInlineMixin, admin.TabularInline):
    """An article's claims in reading order; edited on their own pages."""

    model = Claim
    fields = ["position", "text", "kind", "speaker", "badge", "check_worthiness"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).select_related("speaker")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="verdict")
    def badge(self, obj: Claim) -> str:
        return verdict_badge(obj.verdict)


@admin.register(Article)
class ArticleAdmin(StaffCanViewMixin, admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "section", "claim_count", "verdicts"]
    list_filter = ["section", "published_on", "publisher"]
    search_fields = ["title", "publisher", "author", "url", "source_name"]
    date_hierarchy = "published_on"
    readonly_fields = [
        "verdict_summary",
        "content_hash",
        "source_name",
        "imported_at",
        "updated_at",
        "raw_text",
    ]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "publisher", "author", "url", "published_on"]}),
        ("Claims", {"fields": ["verdict_summary"]}),
        ("Classification", {"fields": ["section", "language"]}),
        ("Text", {"fields": ["body"], "description": "Claims point into this text."}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": ["source_name", "content_hash", "imported_at", "updated_at", "raw_text"],
            },
        ),
    ]
    inlines = [ClaimInline]
    actions = ["reimport_articles"]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return stats.with_verdict_counts(super().get_queryset(request))

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, Any, Any]:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Editors' work is never cascaded away: a claim with a verdict, history, evidence or a
        # relation protects its article, even without review rows (bulk loads, fixtures).
        # `manage.py delete_article --force` is the explicit way (claims.force_delete_article).
        worked_on = (
            Claim.objects.filter(article__in=objs)
            .with_editor_work()
            .select_related("article")
            .defer("article__body", "article__raw_text")
            .order_by("article_id", "position")
        )
        reviewed = [
            f"Reviewed claim of “{c.article.title}”: {c} ({c.get_verdict_display()}) — "
            f"only `manage.py delete_article --force {c.article_id}` removes it"
            for c in worked_on[:100]
        ]
        if reviewed:
            # The reason is the editors' work, not a missing permission: say so.
            return deleted, counts, set(), [*reviewed, *protected]
        return deleted, counts, perms_needed, protected

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        # Claims' offsets point into body: once it has claims, body is fixed here and changes
        # only through a re-import, which re-points the claims.
        extra = ["body"] if obj is not None and obj.claims.exists() else []
        return [*self.readonly_fields, *extra]

    def get_urls(self) -> list[Any]:
        # The "Import articles" page (import_page), before the default patterns so
        # "<object_id>/" does not swallow "import/".
        from .import_page import import_urls

        own = [
            path(
                "<path:object_id>/reimport/",
                self.admin_site.admin_view(self.reimport_view),
                name="claims_article_reimport",
            )
        ]
        return import_urls(self.admin_site) + own + super().get_urls()

    def has_reimport_permission(self, request: HttpRequest) -> bool:
        # Re-importing replaces unreviewed claims and re-points reviewed ones.
        return request.user.has_perm("claims.change_article") and request.user.has_perm(
            "claims.add_claim"
        )

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        extra = {**(extra_context or {}), "can_reimport": self.has_reimport_permission(request)}
        return super().change_view(request, object_id, form_url, extra)

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_count

    @admin.display(description="verdicts")
    def verdicts(self, obj: Article) -> str:
        parts = [(verdict_badge(v), n) for v, n in stats.verdicts_of(obj).items() if n]
        return format_html_join(" ", "{} {}", parts)

    @admin.display(description="verdict summary")
    def verdict_summary(self, obj: Article) -> str:
        if obj.pk is None:
            return "—"
        counts = stats.verdict_counts(obj.claims.all())
        total = sum(counts.values())
        if not total:
            return "No claims."
        reviewed = total - counts[Claim.Verdict.UNVERIFIED]
        badges = format_html_join(
            " ",
            '<a href="{}">{} {}</a>',
            (
                (claim_list_url(article=obj.pk, verdict__exact=v), verdict_badge(v), n)
                for v, n in counts.items()
                if n
            ),
        )
        return format_html(
            '{} of {} claims reviewed ({}%) &nbsp; {} &nbsp; <a href="{}">open in the '
            "claim list</a>",
            reviewed,
            total,
            round(100 * reviewed / total),
            badges,
            claim_list_url(article=obj.pk),
        )

    def _reimport(self, request: HttpRequest, article: Article) -> bool:
        result = editing.reimport_article(article)
        if not result.ok:
            self.message_user(
                request, f"“{article.title}”: re-import failed: {result.error}", messages.ERROR
            )
            return False
        if result.status == "unchanged":
            self.message_user(
                request,
                f"“{article.title}”: unchanged — the raw text is exactly what was imported "
                "before, so there is nothing to re-run.",
                messages.INFO,
            )
            return True
        self.log_change(request, article, f"Re-imported from raw text ({result.status}).")
        self.message_user(
            request,
            f"“{result.title}”: {result.status} — {result.claim_count} claims, "
            f"{result.kept_claims} reviewed claim(s) kept with their history, "
            f"{result.new_actors} new actor(s), {result.events_linked} event link(s).",
            messages.SUCCESS,
        )
        return True

    def reimport_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_reimport_permission(request):
            raise PermissionDenied
        if (response := require_post(request)) is not None:
            return response
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article")
        self._reimport(request, article)
        return redirect("admin:claims_article_change", article.pk)

    @admin.action(
        description="Re-import selected articles from their raw text", permissions=["reimport"]
    )
    def reimport_articles(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        articles = list(queryset.order_by("pk")[: MAX_REIMPORT + 1])
        if len(articles) > MAX_REIMPORT:
            self.message_user(
                request,
                f"Re-import at most {MAX_REIMPORT} articles at once "
                "(use manage.py import_articles for more).",
                messages.WARNING,
            )
            return
        for article in articles:
            self._reimport(request, article)


# --- Claims ----------------------------------------------------------------------------------


class ReviewInline(StaffCanViewInlineMixin, admin.TabularInline):
    """The verdict history, newest first. Append-only: nobody edits or deletes it here."""

    model = Review
    fields = ["created_at", "editor", "previous_verdict", "verdict", "note", "evidence_given"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]
    extra = 0
    can_delete = False
    verbose_name = "verdict history entry"
    verbose_name_plural = "verdict history (newest first)"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Review]:
        return super().get_queryset(request).select_related("editor").prefetch_related("evidence")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="evidence")
    def evidence_given(self, obj: Review) -> str:
        return (
            format_html_join(
                "<br>",
                '{} <a href="{}" rel="noopener noreferrer" target="_blank">{}</a>',
                (
                    (e.get_stance_display(), e.url or "#", e.title or e.url or e.excerpt[:80])
                    for e in obj.evidence.all()
                ),
            )
            or "—"
        )


class EvidenceInline(StaffCanViewInlineMixin, admin.TabularInline):
    """Evidence on the claim. Rows added in the same save as a verdict change are attached to
    that verdict's Review (through ``editing.update_claim``); existing rows are part of the
    record and shown read-only here."""

    model = Evidence
    fk_name = "claim"
    fields = ["stance", "url", "title", "excerpt", "given_with", "added_by"]
    readonly_fields = ["given_with", "added_by"]
    extra = 1
    can_delete = False
    verbose_name_plural = "evidence (new rows are attached to the verdict when you change it)"
    # A compact excerpt box keeps the row inside the page next to the verdict fields.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 36})},
        models.URLField: {"widget": forms.URLInput(attrs={"size": 36})},
    }

    def get_queryset(self, request: HttpRequest) -> QuerySet[Evidence]:
        return super().get_queryset(request).select_related("added_by", "review")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="given with")
    def given_with(self, obj: Evidence) -> str:
        if obj.pk is None or obj.review is None:
            return "—"
        return format_html(
            "{} on {}", verdict_badge(obj.review.verdict), f"{obj.review.created_at:%Y-%m-%d}"
        )


class ClaimForm(forms.ModelForm):
    # The version the editor loaded; compared on save so a concurrent change is not lost.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = [
            "article",
            "position",
            "text",
            "kind",
            "speaker",
            "start",
            "end",
            "paragraph",
            "verdict",
            "verdict_note",
            "actors",
            "events",
            "mentioned_dates",
            "check_worthiness",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.version


class BulkVerdictForm(forms.Form):
    """The intermediate page of a bulk verdict: note, optional evidence, and the versions the
    editor saw (so claims changed meanwhile are not overwritten)."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))
    evidence_url = forms.URLField(
        label="Evidence URL", required=False, max_length=1000, assume_scheme="https"
    )
    evidence_title = forms.CharField(label="Evidence title", required=False, max_length=500)
    evidence_excerpt = forms.CharField(
        label="Evidence excerpt",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
    )
    evidence_stance = forms.ChoiceField(
        label="Stance", choices=Evidence.Stance.choices, initial=Evidence.Stance.CONTEXT
    )
    versions = forms.CharField(widget=forms.HiddenInput)

    def clean_versions(self) -> dict[int, int]:
        try:
            pairs = [item.split(":") for item in self.cleaned_data["versions"].split(",")]
            return {int(pk): int(version) for pk, version in pairs}
        except ValueError:
            raise ValidationError("Malformed selection; start again from the list.") from None

    def evidence(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        item = {
            "url": data.get("evidence_url", ""),
            "title": data.get("evidence_title", ""),
            "excerpt": data.get("evidence_excerpt", ""),
            "stance": data.get("evidence_stance", ""),
        }
        return [item] if item["url"] or item["excerpt"] or item["title"] else []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for item in self.evidence():
            try:
                Evidence.from_dict(item)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return data


class RelateForm(forms.Form):
    to_claim = forms.IntegerField()
    relation = forms.ChoiceField(choices=ClaimRelation.Relation.choices)
    note = forms.CharField(required=False)


class SplitForm(forms.Form):
    """Where to split: one of the offered sentence boundaries, or any character offset."""

    at = forms.IntegerField(required=False, min_value=1, widget=forms.RadioSelect)
    at_custom = forms.IntegerField(
        label="or split before character",
        required=False,
        min_value=1,
        help_text="Offset inside the claim text (0 is its first character) where the second "
        "part starts.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        at = data.get("at_custom") or data.get("at")
        if not at and not self.errors:
            raise ValidationError("Pick a sentence boundary or enter a character offset.")
        data["at"] = at
        return data


def _new_evidence(formset: Any, *, with_verdict: bool) -> list[dict[str, str]]:
    """The evidence rows added on the claim page, for ``update_claim`` to save (with the
    verdict's Review when one is given). The formset itself saves nothing; what it reports
    as added is what the change history lists."""
    forms_added = [
        f for f in formset.extra_forms if f.has_changed() and not formset._should_delete_form(f)
    ]
    formset.new_objects = [] if with_verdict else [f.instance for f in forms_added]
    formset.changed_objects, formset.deleted_objects = [], []
    return [
        {k: f.cleaned_data.get(k) or "" for k in ("url", "title", "excerpt", "stance")}
        for f in forms_added
    ]


def _verdict_action(verdict: str) -> Any:
    """One bulk action per verdict, all leading to the same note-and-evidence page."""

    def action(modeladmin: ClaimAdmin, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        return modeladmin.bulk_verdict(request, queryset, verdict)

    action.__name__ = f"set_{verdict}"
    label = Claim.Verdict(verdict).label.lower()
    description = (
        "Set selected back to unverified…"
        if verdict == Claim.Verdict.UNVERIFIED
        else f"Set selected to {label}…"
    )
    return admin.action(description=description, permissions=["review"])(action)


class ClaimPage:
    """What the claim page shows around the form; computed only when the page renders."""

    def __init__(self, claim: Claim, *, show_suggestions: bool) -> None:
        self.claim = claim
        self.show_suggestions = show_suggestions

    @cached_property
    def badge(self) -> str:
        return verdict_badge(self.claim.verdict)

    @cached_property
    def context(self) -> tuple[str, str, str]:
        return self.claim.context()

    @cached_property
    def actors(self) -> list[Actor]:
        return list(self.claim.actors.all())

    @cached_property
    def events(self) -> list[Event]:
        return list(self.claim.events.all())

    @cached_property
    def dates(self) -> list[dict[str, Any]]:
        raw = self.claim.mentioned_dates
        return [d for d in raw if isinstance(d, dict)] if isinstance(raw, list) else []

    @cached_property
    def outgoing(self) -> list[ClaimRelation]:
        return list(
            ClaimRelation.objects.filter(from_claim=self.claim).select_related(
                "to_claim__article", "created_by"
            )
        )

    @cached_property
    def incoming(self) -> list[ClaimRelation]:
        return list(
            ClaimRelation.objects.filter(to_claim=self.claim).select_related(
                "from_claim__article", "created_by"
            )
        )

    @cached_property
    def suggestions(self) -> list[RelatedCandidate]:
        if not self.show_suggestions:
            return []
        return related_claims(self.claim, limit=RELATED_SHOWN)

    @cached_property
    def has_next(self) -> bool:
        return editing.next_claim(self.claim) is not None


@admin.register(Claim)
class ClaimAdmin(StaffCanViewMixin, admin.ModelAdmin):
    form = ClaimForm
    list_display = [
        "short_text",
        "article",
        "position",
        "speaker",
        "kind",
        "badge",
        "check_worthiness",
        "reviewed_at",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        "verdict",
        "kind",
        WorthinessBandFilter,
        HasRelationsFilter,
        HasEvidenceFilter,
        ArticleFilter,
        SpeakerFilter,
        ActorFilter,
        EventFilter,
        "reviewed_at",
    ]
    list_select_related = ["article", "speaker"]
    search_fields = ["text", "article__title", "speaker__name", "actors__name"]
    autocomplete_fields = ["article", "speaker", "actors", "events"]
    ordering = ["-check_worthiness", "id"]
    list_per_page = 50
    # An exact COUNT(*) over every claim on each page view is the slowest query here.
    show_full_result_count = False
    readonly_fields = ["version", "reviewed_by", "reviewed_at", "check_reasons"]
    # Offsets and position change only through split / merge, which keep them consistent.
    structural_fields = ["article", "position", "text", "start", "end", "paragraph"]
    fieldsets = [
        (None, {"fields": ["article", "position", "text", "kind", "speaker"]}),
        (
            "Mentions",
            {
                "fields": [
                    "actors",
                    "events",
                    "mentioned_dates",
                    "check_worthiness",
                    "check_reasons",
                ]
            },
        ),
        (
            "Offsets",
            {
                "classes": ["collapse"],
                "fields": ["start", "end", "paragraph"],
                "description": "Claim boundaries change only with the Split and Merge buttons "
                "at the top, which keep the offsets and positions consistent.",
            },
        ),
        (
            "Verdict",
            {
                "fields": [
                    "verdict",
                    "verdict_note",
                    "reviewed_by",
                    "reviewed_at",
                    "version",
                    "loaded_version",
                ],
                "description": "Changing the verdict or its note records who, when and why in "
                "the history below; evidence rows added in the same save go with it.",
            },
        ),
    ]
    inlines = [EvidenceInline, ReviewInline]
    actions = [_verdict_action(v) for v in Claim.Verdict.values]

    # -- permissions --

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.review_claim")

    def has_relate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.add_claimrelation")

    def has_unrelate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.delete_claimrelation")

    def has_split_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.change_claim") and request.user.has_perm(
            "claims.add_claim"
        )

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.change_claim")

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None) -> list[str]:
        fields = list(self.readonly_fields)
        if obj is not None:
            fields += self.structural_fields
        if not self.has_review_permission(request):
            fields += ["verdict", "verdict_note"]
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Claim | None = None) -> Any:
        if obj is None or self.has_change_permission(request, obj):
            return self.fieldsets
        # Read-only page: the hidden version field means nothing there.
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "loaded_version"]})
            for name, opts in self.fieldsets
        ]

    # -- list --

    @admin.display(description="claim", ordering="text")
    def short_text(self, obj: Claim) -> str:
        return obj.text if len(obj.text) <= 120 else obj.text[:117] + "…"

    @admin.display(description="verdict", ordering="verdict")
    def badge(self, obj: Claim) -> str:
        return verdict_badge(obj.verdict)

    def bulk_verdict(self, request: HttpRequest, queryset: QuerySet[Claim], verdict: str) -> Any:
        claims = list(queryset.select_related("article").order_by("pk")[: MAX_BULK_VERDICT + 1])
        if len(claims) > MAX_BULK_VERDICT:
            self.message_user(
                request,
                f"Give a bulk verdict to at most {MAX_BULK_VERDICT} claims at once; "
                "narrow the list with the filters.",
                messages.WARNING,
            )
            return None
        label = Claim.Verdict(verdict).label
        if "apply" in request.POST:
            form = BulkVerdictForm(request.POST)
            if form.is_valid():
                versions = form.cleaned_data["versions"]
                if set(versions) != {c.pk for c in claims}:
                    self.message_user(
                        request,
                        "The selection changed meanwhile; nothing was changed. Try again.",
                        messages.ERROR,
                    )
                    return None
                try:
                    reviews = editing.set_verdicts(
                        versions,
                        verdict=verdict,
                        editor=request.user,
                        note=form.cleaned_data["note"],
                        evidence=form.evidence(),
                    )
                except StaleVersion as exc:
                    self.message_user(
                        request,
                        f"Nothing was changed: claim {exc.claim.pk} (“{exc.claim.text[:60]}”) "
                        "was changed by someone else meanwhile. Review it and try again.",
                        messages.ERROR,
                    )
                    return None
                except editing.EditRefused as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return None
                self.message_user(
                    request, f"{len(reviews)} claim(s) set to {label}.", messages.SUCCESS
                )
                return None
        else:
            stance = {
                Claim.Verdict.CORROBORATED: Evidence.Stance.SUPPORTS,
                Claim.Verdict.CONTRADICTED: Evidence.Stance.REFUTES,
            }.get(verdict, Evidence.Stance.CONTEXT)
            form = BulkVerdictForm(
                initial={
                    "versions": ",".join(f"{c.pk}:{c.version}" for c in claims),
                    "evidence_stance": stance,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Set {len(claims)} claim(s) to “{label}”",
            "opts": self.opts,
            "claims": claims,
            "verdict": verdict,
            "verdict_badge": verdict_badge(verdict),
            "form": form,
            "action_name": f"set_{verdict}",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/bulk_verdict.html", context)

    # -- change page --

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        claim = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if claim is not None:
            extra.update(
                claim_page=ClaimPage(claim, show_suggestions=request.method == "GET"),
                can_relate=self.has_relate_permission(request),
                can_unrelate=self.has_unrelate_permission(request),
                can_split=self.has_split_permission(request),
                can_merge=self.has_merge_permission(request),
                relation_choices=ClaimRelation.Relation.choices,
                verdict_css=VERDICT_CSS,
            )
        return super().change_view(request, object_id, form_url, extra)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        # Lists and autocomplete show the article's title, never its text: don't load the
        # (long) body and raw text of every listed claim's article.
        return (
            super()
            .get_queryset(request)
            .select_related("article", "speaker")
            .defer("article__body", "article__raw_text")
        )

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        if from_field is not None:
            return super().get_object(request, object_id, from_field)
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            return None
        # The claim page reads the article body (context, offsets): load it, in one query.
        return (
            self.get_queryset(request)
            .defer(None)
            .select_related("article", "speaker", "reviewed_by")
            .filter(pk=pk)
            .first()
        )

    def save_model(self, request: HttpRequest, obj: Claim, form: forms.ModelForm, change: bool):
        if change:
            return  # written in save_related, with its links and evidence, by update_claim
        # A new claim starts unverified; a verdict given on the add form becomes its first
        # Review (in save_related), like any other verdict.
        if obj.verdict != Claim.Verdict.UNVERIFIED or obj.verdict_note:
            form._pending_verdict = (obj.verdict, obj.verdict_note)  # type: ignore[attr-defined]
            obj.verdict, obj.verdict_note = Claim.Verdict.UNVERIFIED, ""
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if not change:
            form.save_m2m()  # a new claim's links are part of creating it
        changed = set(form.changed_data) - {"loaded_version"} if change else set()
        pending = getattr(form, "_pending_verdict", None)
        if {"verdict", "verdict_note"} & changed:
            pending = (form.cleaned_data["verdict"], form.cleaned_data["verdict_note"])
        evidence: list[dict[str, str]] = []
        for formset in formsets:
            if formset.model is Evidence:
                evidence = _new_evidence(formset, with_verdict=pending is not None)
            else:
                self.save_formset(request, form, formset, change=change)
        verdict, note = pending or (None, "")
        editing.update_claim(
            form.instance,
            changes={
                name: form.cleaned_data[name] for name in changed - {"verdict", "verdict_note"}
            },
            loaded_version=form.cleaned_data.get("loaded_version") or None,
            editor=request.user,
            verdict=verdict,
            note=note,
            evidence=evidence,
        )

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except StaleVersion as exc:
            self.message_user(
                request,
                f"Not saved: this claim was changed by someone else meanwhile (now version "
                f"{exc.claim.version}, verdict “{exc.claim.get_verdict_display()}”). "
                "Review the current state and try again.",
                messages.ERROR,
            )
            return redirect(request.path)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Evidence) and instance.added_by_id is None:
                instance.added_by = request.user
            instance.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()

    # -- claim page buttons: relations, split, merge --

    def get_urls(self) -> list[URLPattern]:
        def view(func: Any, suffix: str) -> URLPattern:
            return path(
                f"<path:object_id>/{suffix}/",
                self.admin_site.admin_view(func),
                name=f"claims_claim_{func.__name__.removesuffix('_view')}",
            )

        own = [
            view(self.relate_view, "relate"),
            view(self.unrelate_view, "unrelate"),
            view(self.split_view, "split"),
            view(self.merge_view, "merge-next"),
        ]
        return own + super().get_urls()

    def _claim_or_404(self, request: HttpRequest, object_id: str) -> Claim:
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404("No such claim")
        return claim

    def _back(self, claim: Claim, anchor: str = "") -> HttpResponseRedirect:
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        return HttpResponseRedirect(url + (f"#{anchor}" if anchor else ""))

    def relate_view(self, request: HttpRequest, object_id: str) -> HttpResponseBase:
        if not self.has_relate_permission(request):
            raise PermissionDenied
        if (response := require_post(request)) is not None:
            return response
        claim = self._claim_or_404(request, object_id)
        form = RelateForm(request.POST)
        other = (
            Claim.objects.select_related("article").filter(pk=form.cleaned_data["to_claim"]).first()
            if form.is_valid()
            else None
        )
        if other is None:
            self.message_user(request, "Choose an existing claim and a relation.", messages.ERROR)
            return self._back(claim, "relations")
        try:
            relation, created = editing.relate_claims(
                claim,
                other,
                form.cleaned_data["relation"],
                editor=request.user,
                note=form.cleaned_data["note"],
            )
        except editing.EditRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return self._back(claim, "relations")
        verb = relation.get_relation_display().lower()
        if created:
            self.log_change(request, claim, f"Linked: {verb} claim {other.pk}.")
            self.message_user(
                request,
                f"Linked: this claim {verb} “{other.text[:80]}” ({other.article.title}).",
                messages.SUCCESS,
            )
        elif relation.from_claim_id == claim.pk:
            self.message_user(request, f"Already linked: this claim {verb} that one.")
        else:
            # Relations are symmetric: the pair linked the other way round is the same link.
            self.message_user(
                request, f"Already linked: that claim {verb} this one (relation {relation.pk})."
            )
        return self._back(claim, "relations")

    def unrelate_view(self, request: HttpRequest, object_id: str) -> HttpResponseBase:
        if not self.has_unrelate_permission(request):
            raise PermissionDenied
        if (response := require_post(request)) is not None:
            return response
        claim = self._claim_or_404(request, object_id)
        try:
            relation = editing.remove_relation(claim, int(request.POST.get("relation_id", "")))
        except (ValueError, editing.EditRefused) as exc:
            message = str(exc) if isinstance(exc, editing.EditRefused) else "No relation chosen."
            self.message_user(request, message, messages.ERROR)
            return self._back(claim, "relations")
        self.log_change(request, claim, f"Removed relation: {relation}.")
        self.message_user(request, "Relation removed.", messages.SUCCESS)
        return self._back(claim, "relations")

    def split_view(self, request: HttpRequest, object_id: str) -> HttpResponseBase:
        if not self.has_split_permission(request):
            raise PermissionDenied
        claim = self._claim_or_404(request, object_id)
        form = SplitForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                first, second = editing.split_claim(
                    claim, at=form.cleaned_data["at"], editor=request.user
                )
            except editing.EditRefused as exc:
                form.add_error(None, str(exc))
            else:
                self.log_change(
                    request,
                    first,
                    f"Split at character {form.cleaned_data['at']}; the "
                    f"second part is claim {second.pk}.",
                )
                self.message_user(
                    request,
                    format_html(
                        "Split into #{} (this claim, with its verdict and history) and "
                        '<a href="{}">#{}</a> (new, unverified).',
                        first.position,
                        second.get_absolute_url(),
                        second.position,
                    ),
                    messages.SUCCESS,
                )
                return self._back(first)
        text = claim.text
        boundaries = [
            (at, text[max(0, at - 40) : at], text[at : at + 40])
            for at in editing.sentence_boundaries(text)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Split claim",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "form": form,
            "boundaries": boundaries,
            "reviewed": editing.has_history(claim),
        }
        return TemplateResponse(request, "admin/claims/claim/split.html", context)

    def merge_view(self, request: HttpRequest, object_id: str) -> HttpResponseBase:
        if not self.has_merge_permission(request):
            raise PermissionDenied
        claim = self._claim_or_404(request, object_id)
        if request.method == "POST":
            try:
                merged = editing.merge_with_next(claim, editor=request.user)
            except editing.EditRefused as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return self._back(claim)
            self.log_change(request, merged, "Merged with the next claim.")
            self.message_user(
                request,
                f"Merged into one claim #{merged.position}; it keeps claim {merged.pk}'s "
                "verdict and history.",
                messages.SUCCESS,
            )
            return self._back(merged)
        refusal = ""
        plan = None
        try:
            plan = editing.merge_plan(claim)
        except editing.EditRefused as exc:
            refusal = str(exc)
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge with the next claim",
            "opts": self.opts,
            "original": claim,
            "claim": claim,
            "refusal": refusal,
        }
        if plan is not None:
            first, second, keeper = plan
            context.update(
                first=first,
                second=second,
                keeper=keeper,
                merged_text=claim.article.body[first.start : second.end],
                keeper_reviewed=editing.has_history(keeper),
            )
        return TemplateResponse(request, "admin/claims/claim/merge.html", context)


@admin.register(Review)
class ReviewAdmin(StaffCanViewMixin, admin.ModelAdmin):
    """Read-only history: reviews are written only by editing.update_claim."""

    list_display = ["created_at", "claim", "editor", "previous_verdict", "verdict"]
    list_filter = ["verdict", "created_at"]
    list_select_related = ["claim", "editor"]
    search_fields = ["note", "claim__text"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(StaffCanViewMixin, admin.ModelAdmin):
    list_display = ["__str__", "claim", "stance", "added_by", "created_at"]
    list_filter = ["stance"]
    list_select_related = ["claim", "added_by"]
    search_fields = ["title", "url", "excerpt", "claim__text"]
    autocomplete_fields = ["claim"]
    readonly_fields = ["review", "added_by", "created_at"]
    show_full_result_count = False

    def has_change_permission(self, request: HttpRequest, obj: Evidence | None = None) -> bool:
        # Evidence given with a verdict is part of the verdict history: kept as it was.
        if obj is not None and obj.review_id is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Evidence | None = None) -> bool:
        if obj is not None and obj.review_id is not None:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Evidence, form: Any, change: bool) -> None:
        if obj.added_by_id is None:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ClaimRelation)
class ClaimRelationAdmin(StaffCanViewMixin, admin.ModelAdmin):
    list_display = ["from_claim", "relation", "to_claim", "created_by", "created_at"]
    list_filter = ["relation"]
    list_select_related = ["from_claim", "to_claim", "created_by"]
    search_fields = ["from_claim__text", "to_claim__text", "note"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["created_by", "created_at"]
    show_full_result_count = False

    def save_model(self, request: HttpRequest, obj: ClaimRelation, form: Any, change: bool):
        if obj.created_by_id is None:
            obj.created_by = request.user
        try:
            # The form already refuses a pair linked either way round; the savepoint catches
            # the same link saved by another editor between that check and this insert.
            with transaction.atomic():
                super().save_model(request, obj, form, change)
        except IntegrityError:
            existing = (
                ClaimRelation.objects.between(obj.from_claim_id, obj.to_claim_id)
                .filter(relation=obj.relation)
                .exclude(pk=obj.pk)
                .first()
            )
            if existing is None:
                raise
            raise _AlreadyLinked(existing) from None

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponseBase:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _AlreadyLinked as exc:
            # The view's transaction was rolled back (no half-saved row, no log entry).
            self.message_user(
                request,
                f"Not saved: these two claims are already linked as “{exc.relation.relation}” "
                f"(relation {exc.relation.pk}, shown here).",
                messages.WARNING,
            )
            return redirect(reverse("admin:claims_claimrelation_change", args=[exc.relation.pk]))


class _AlreadyLinked(Exception):
    """Raised out of the relation admin's transaction when the pair is linked meanwhile."""

    def __init__(self, relation: ClaimRelation) -> None:
        super().__init__(str(relation))
        self.relation = relation
