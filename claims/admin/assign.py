"""The claim list's "Assign selected to…" action: a page to pick the editor, then one
``editing.assign_claims`` for the whole selection (its history lines say who and when)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from claims import editing
from claims.models import Claim

from .forms import AssignForm

MAX_BULK_ASSIGN = 1000  # one UPDATE and one history row each: a page's worth of selections


class AssignActions:
    """Mixed into ClaimAdmin, like BulkVerdictActions."""

    def has_assign_permission(self, request: HttpRequest) -> bool:
        return editing.can_assign(request.user)

    @admin.action(description="Assign selected to…", permissions=["assign"])
    def assign_to(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        claims = list(
            queryset.select_related("article", "assignee").order_by("pk")[: MAX_BULK_ASSIGN + 1]
        )
        if len(claims) > MAX_BULK_ASSIGN:
            self.message_user(
                request,
                f"Assign at most {MAX_BULK_ASSIGN} claims at once; narrow the list with the "
                "filters.",
                messages.WARNING,
            )
            return None
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._assign_page(request, form, claims)
        assignee = form.cleaned_data["assignee"]
        changed = editing.assign_claims(claims, assignee=assignee, by=request.user)
        whom = assignee.get_username() if assignee else "nobody"
        self.message_user(
            request, f"{changed} claim(s) assigned to {whom}; {len(claims) - changed} already were."
        )
        return None

    def _assign_page(
        self, request: HttpRequest, form: AssignForm, claims: list[Claim]
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"Assign {len(claims)} claim(s)",
            "opts": self.opts,
            "claims": claims,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/claims/claim/assign.html", context)
