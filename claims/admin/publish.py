"""Publishing from the admin: the claim list's "Publish selected" / "Unpublish selected"
actions and the claim page's Publish / Unpublish button. Both call
``editing.publish_claims`` / ``unpublish_claims``, which record who and when in the claim's
history; only editors (who give verdicts) see or may use them."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from claims import editing
from claims.models import Claim

from .roles import require_post

PUBLICATION_FIELDSET = (
    "Publication",
    {
        "fields": ["published_at", "published_by"],
        "description": "A verdict is public (its page, the feeds, the public API) only once "
        "published: use the Publish button below the form. Clearing the verdict unpublishes it.",
    },
)

PUBLISH_ACTIONS = ["publish_selected", "unpublish_selected"]
MAX_BULK_PUBLISH = 1000  # one UPDATE and one history row each: a page's worth of selections


class PublishActions:
    """Mixed into ClaimAdmin (a plain class, like ClaimEditViews): the actions, the button's
    POST view and its URL."""

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return editing.can_publish(request.user)

    def get_urls(self) -> list[URLPattern]:
        own = path(
            "<path:object_id>/publish/",
            self.admin_site.admin_view(self.publish_view),
            name="claims_claim_publish",
        )
        return [own, *super().get_urls()]

    @admin.action(description="Publish selected fact-checks", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        pks = self._selected(request, queryset)
        if pks is None:
            return
        try:
            changed = editing.publish_claims(pks, by=request.user)
        except editing.EditRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request,
            f"{changed} fact-check(s) published; {len(pks) - changed} already were.",
            messages.SUCCESS,
        )

    @admin.action(description="Unpublish selected fact-checks", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        pks = self._selected(request, queryset)
        if pks is None:
            return
        changed = editing.unpublish_claims(pks, by=request.user)
        self.message_user(
            request,
            f"{changed} fact-check(s) unpublished; {len(pks) - changed} were not published.",
            messages.SUCCESS,
        )

    def _selected(self, request: HttpRequest, queryset: QuerySet[Claim]) -> list[int] | None:
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[: MAX_BULK_PUBLISH + 1])
        if len(pks) > MAX_BULK_PUBLISH:
            self.message_user(
                request,
                f"Publish or unpublish at most {MAX_BULK_PUBLISH} claims at once; narrow the "
                "list with the filters.",
                messages.WARNING,
            )
            return None
        return pks

    def publish_view(self, request: HttpRequest, object_id: str) -> HttpResponseBase:
        """The claim page's button: ``action`` is "publish" or "unpublish"."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if (response := require_post(request)) is not None:
            return response
        claim = Claim.objects.filter(pk=_pk(object_id)).only("id", "text").first()
        if claim is None:
            raise Http404("No such claim")
        back = HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        if request.POST.get("action") == "unpublish":
            editing.unpublish_claims([claim], by=request.user)
            self.message_user(request, "Unpublished: the public page is gone.", messages.SUCCESS)
            return back
        try:
            editing.publish_claims([claim], by=request.user)
        except editing.EditRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return back
        self.message_user(
            request,
            format_html('Published: <a href="{}">the public page</a>.', claim.get_public_url()),
            messages.SUCCESS,
        )
        return back


def _pk(object_id: str) -> int:
    try:
        return int(unquote(object_id))
    except ValueError:
        raise Http404("No such claim") from None
