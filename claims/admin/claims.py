"""The claim pages: the list editors triage from, and the claim page where verdicts are given.

Verdicts are never saved as plain field edits: the claim form's save hooks and the bulk
actions hand them to ``editing.update_claim``, so every change leaves a Review and a stale form
cannot overwrite a newer verdict. The page's buttons (relate, split, merge) are in
``claim_views``, the bulk verdict actions in ``bulk_verdict``, the panels around the form in
``claim_page``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from claims import editing
from claims.models import Claim, ClaimRelation, Evidence, Review, StaleVersion

from .assign import AssignActions
from .bulk_verdict import BulkVerdictActions, verdict_action
from .claim_displays import ClaimDisplays
from .claim_page import ClaimPage
from .claim_views import ClaimEditViews
from .display import (
    STYLESHEET,
    evidence_label,
    verdict_badge,
)
from .factchecks import ClaimFactCheckViews
from .filters import (
    ActorFilter,
    ArticleFilter,
    AssigneeFilter,
    EventFilter,
    HasEvidenceFilter,
    HasRelationsFilter,
    PublishedFilter,
    SpeakerFilter,
    WorthinessBandFilter,
)
from .forms import ClaimForm
from .publish import PUBLICATION_FIELDSET, PUBLISH_ACTIONS, PublishActions
from .roles import StaffCanViewInlineMixin, StaffCanViewMixin
from .triage import SaveAndReviewNext


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
        items = ((e.get_stance_display(), evidence_label(e)) for e in obj.evidence.all())
        # The separator is markup: format_html_join escapes a plain string one.
        return format_html_join(mark_safe("<br>"), "{} {}", items) or "—"


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


# The claim list's sidebar, in the order an editor narrows a list down.
CLAIM_FILTERS = [
    AssigneeFilter,
    "verdict",
    "kind",
    "attribution",
    WorthinessBandFilter,
    PublishedFilter,
    HasRelationsFilter,
    HasEvidenceFilter,
    ArticleFilter,
    SpeakerFilter,
    ActorFilter,
    EventFilter,
    "reviewed_at",
]


class ClaimAdmin(
    PublishActions,
    ClaimEditViews,
    ClaimFactCheckViews,
    BulkVerdictActions,
    AssignActions,
    SaveAndReviewNext,
    ClaimDisplays,
    StaffCanViewMixin,
    admin.ModelAdmin,
):
    form = ClaimForm
    # What an editor triages by, in a width that fits a laptop (1366 px) beside the filters:
    # the text gets most of it (three lines, the whole text on hover), the rest stays short.
    list_display = [
        "short_text",
        "badge",
        "speaker",
        "article_short",
        "check_worthiness",
        "assignee",
    ]
    list_display_links = ["short_text"]
    list_filter = CLAIM_FILTERS
    list_select_related = ["article", "speaker", "assignee"]
    search_fields = ["text", "article__title", "speaker__name", "actors__name"]
    autocomplete_fields = ["article", "speaker", "actors", "events"]
    ordering = ["-check_worthiness", "id"]
    list_per_page = 50
    # An exact COUNT(*) over every claim on each page view is the slowest query here.
    show_full_result_count = False
    readonly_fields = ["version", "reviewed_by", "reviewed_at", "assigned_by", "assigned_at"]
    readonly_fields += ["published_at", "published_by"]  # only the Publish button writes them
    readonly_fields += ["reasons", "dates"]  # claim_displays: lists, not the stored JSON
    # Offsets and position change only through split / merge, which keep them consistent.
    structural_fields = ["article", "position", "text", "start", "end", "paragraph"]
    fieldsets = [
        (None, {"fields": ["article", "position", "text", "kind", "speaker", "attribution"]}),
        (
            "Mentions",
            {"fields": ["actors", "events", "mentioned_dates", "check_worthiness", "reasons"]},
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
            "Assignment",
            {
                "fields": ["assignee", "assigned_by", "assigned_at"],
                "description": "Who is checking this claim; changes are in its history.",
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
        PUBLICATION_FIELDSET,
    ]
    inlines = [EvidenceInline, ReviewInline]
    actions = [*(verdict_action(v) for v in Claim.Verdict.values), "assign_to", *PUBLISH_ACTIONS]

    class Media:
        css = {"all": [STYLESHEET]}

    # -- permissions (the buttons' own are in ClaimEditViews) --

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.review_claim")

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None) -> list[str]:
        fields = list(self.readonly_fields)
        if obj is not None:
            fields += self.structural_fields
        if not self.has_review_permission(request):
            fields += ["verdict", "verdict_note"]
        if not self.has_assign_permission(request):
            fields += ["assignee"]
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Claim | None = None) -> Any:
        if obj is None or self.has_change_permission(request, obj):
            return self.fieldsets
        # Read-only page: the hidden version field means nothing there, and the dates are
        # shown as a list rather than as the editors' rows.
        shown = {"mentioned_dates": "dates"}
        return [
            (
                name,
                {
                    **opts,
                    "fields": [shown.get(f, f) for f in opts["fields"] if f != "loaded_version"],
                },
            )
            for name, opts in self.fieldsets
        ]

    # -- list --

    # -- change page --

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Claim | None = None,
    ) -> HttpResponse:
        # Here rather than in change_view: this is where the form's claim is at hand, so the
        # page does not load the claim a second time to build its panels.
        if obj is not None:
            context.update(
                claim_page=ClaimPage(obj, show_suggestions=request.method == "GET"),
                can_relate=self.has_relate_permission(request),
                can_attach_fact_check=self.has_attach_fact_check_permission(request),
                stance_choices=Evidence.Stance.choices,
                can_unrelate=self.has_unrelate_permission(request),
                can_split=self.has_split_permission(request),
                can_merge=self.has_merge_permission(request),
                can_publish=self.has_publish_permission(request),
                relation_choices=ClaimRelation.Relation.choices,
                verdict_keys=Claim.Verdict.choices,  # keys 1-5, in this order
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        # The form's initial values and the page's Mentions panel both read the actors and
        # events: prefetched, each is one query for both.
        claims = self.claim_with_article(request, object_id)
        return claims.prefetch_related("actors", "events").first()

    def claim_with_article(self, request: HttpRequest, object_id: str) -> QuerySet[Claim]:
        """The claim (none for a malformed id), with what its pages read: the article body
        (context, offsets), speaker, reviewer and publisher, in one query."""
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            return self.model.objects.none()
        return (
            self.get_queryset(request)
            .defer(None)
            .select_related("article", "speaker", "reviewed_by", "published_by")
            .filter(pk=pk)
        )

    def save_model(self, request: HttpRequest, obj: Claim, form: forms.ModelForm, change: bool):
        if change:
            return  # written in save_related, with its links and evidence, by update_claim
        # A new claim starts unverified; a verdict given on the add form becomes its first
        # Review (in save_related), like any other verdict.
        if obj.verdict != Claim.Verdict.UNVERIFIED or obj.verdict_note:
            form._pending_verdict = (obj.verdict, obj.verdict_note)  # type: ignore[attr-defined]
            obj.verdict, obj.verdict_note = Claim.Verdict.UNVERIFIED, ""
        obj.assignee = None  # given in save_related, by assign_claims, with who and when
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if not change:
            form.save_m2m()  # a new claim's links are part of creating it
        changed = set(form.changed_data) - {"loaded_version"} if change else set()
        if "assignee" in form.changed_data:
            changed.discard("assignee")
            editing.assign_claims(
                [form.instance], assignee=form.cleaned_data["assignee"], by=request.user
            )
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
