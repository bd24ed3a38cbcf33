"""The actor pages: people and organisations, their aliases, and merging duplicates."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html

from claims import editing, stats
from claims.models import Actor, ActorAlias

from .display import STYLESHEET, claim_list_url, external_link
from .forms import ActorForm, ActorMergeForm
from .roles import StaffCanViewInlineMixin, StaffCanViewMixin

MAX_ACTOR_MERGE = 20


class ActorAliasInline(StaffCanViewInlineMixin, admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ["alias"]


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

    class Media:
        css = {"all": [STYLESHEET]}

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
        return external_link(obj.wikidata_url, obj.wikidata_id)

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
                    keep_id=keep_id, other_ids=[a.pk for a in actors if a.pk != keep_id]
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
