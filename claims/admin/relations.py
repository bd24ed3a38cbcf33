"""The relation pages: links between claims (corroborates, contradicts, duplicates)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import admin, messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from claims import editing
from claims.models import ClaimRelation

from .roles import StaffCanViewMixin


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

    def delete_model(self, request: HttpRequest, obj: ClaimRelation) -> None:
        _remove(obj.pk)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for pk in queryset.values_list("pk", flat=True):
            _remove(pk)

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


def _remove(relation_id: int) -> None:
    """Through the one removal path (``editing.remove_relation``), like the claim page and
    the API; a relation already removed by someone else is the outcome asked for."""
    with contextlib.suppress(editing.EditRefused):
        editing.remove_relation(None, relation_id)
