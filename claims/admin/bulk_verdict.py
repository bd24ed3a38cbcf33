"""The bulk verdict actions of the claim list: one action per verdict, all leading to one page
for the note and optional evidence. The versions the editor saw travel with the page, so a
claim changed meanwhile is not overwritten (``editing.set_verdicts`` checks them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from claims import editing
from claims.models import Claim, Evidence, StaleVersion

from .display import verdict_badge
from .forms import BulkVerdictForm

MAX_BULK_VERDICT = 500  # each claim is its own update_claim (a few queries): keep requests short

# The evidence stance the page suggests for a verdict; the editor may change it.
SUGGESTED_STANCE = {
    Claim.Verdict.CORROBORATED: Evidence.Stance.SUPPORTS,
    Claim.Verdict.CONTRADICTED: Evidence.Stance.REFUTES,
}


def verdict_action(verdict: str) -> Any:
    """One bulk action per verdict, all leading to the same note-and-evidence page."""

    def action(modeladmin: BulkVerdictActions, request: HttpRequest, queryset: QuerySet[Claim]):
        return modeladmin.bulk_verdict(request, queryset, verdict)

    action.__name__ = f"set_{verdict}"
    label = Claim.Verdict(verdict).label.lower()
    description = (
        "Set selected back to unverified…"
        if verdict == Claim.Verdict.UNVERIFIED
        else f"Set selected to {label}…"
    )
    return admin.action(description=description, permissions=["review"])(action)


class BulkVerdictActions:
    """Mixed into ClaimAdmin (a plain class, like ClaimEditViews): the page and the apply
    step behind ``verdict_action``."""

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
        if "apply" not in request.POST:
            versions = ",".join(f"{c.pk}:{c.version}" for c in claims)
            stance = SUGGESTED_STANCE.get(verdict, Evidence.Stance.CONTEXT)
            form = BulkVerdictForm(initial={"versions": versions, "evidence_stance": stance})
            return self._bulk_verdict_page(request, form, claims, verdict)
        form = BulkVerdictForm(request.POST)
        if not form.is_valid():
            return self._bulk_verdict_page(request, form, claims, verdict)
        self._apply_bulk_verdict(request, form, claims, verdict)
        return None  # back to the list, with the outcome as a message

    def _apply_bulk_verdict(
        self, request: HttpRequest, form: BulkVerdictForm, claims: list[Claim], verdict: str
    ) -> None:
        versions = form.cleaned_data["versions"]
        if set(versions) != {c.pk for c in claims}:
            self.message_user(
                request,
                "The selection changed meanwhile; nothing was changed. Try again.",
                messages.ERROR,
            )
            return
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
            return
        except editing.EditRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        label = Claim.Verdict(verdict).label
        self.message_user(request, f"{len(reviews)} claim(s) set to {label}.", messages.SUCCESS)

    def _bulk_verdict_page(
        self, request: HttpRequest, form: BulkVerdictForm, claims: list[Claim], verdict: str
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"Set {len(claims)} claim(s) to “{Claim.Verdict(verdict).label}”",
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
