"""The claim page's buttons: relate to another claim, remove a relation, split, merge with the
next claim. Each is a POST view (split and merge first show a confirmation page) that checks
its own permission and hands the edit to ``claims.editing``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from claims import editing
from claims.models import Claim

from .forms import RelateForm, SplitForm
from .roles import require_post


class ClaimEditViews:
    """Mixed into ClaimAdmin, before StaffCanViewMixin and ModelAdmin (a plain class, so the
    role checks keep their place in the MRO); ClaimAdmin provides ``claim_with_article``."""

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
        # Without get_object's prefetch: these views never show the claim's actors or events.
        claim = self.claim_with_article(request, unquote(object_id)).first()
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
