"""The verdict record: reviews (read-only history) and the evidence given for claims."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from claims.models import Evidence

from .roles import StaffCanViewMixin


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
