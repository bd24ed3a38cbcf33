"""Fact-checks published elsewhere in the admin: their list (imported data, read-only), the
"Import fact-checks" page (files and URLs, the same service as ``manage.py
import_factchecks``), and the claim page's "Attach as evidence" button
(``ClaimFactCheckViews``, mixed into ``ClaimAdmin``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from claims import editing
from claims.extract.errors import ArticleError
from claims.factchecks import service
from claims.importer import fetch, limits
from claims.importer.formats import decode
from claims.models import Claim, Evidence, FactCheck

from .display import STYLESHEET
from .import_page import MultipleFileField
from .roles import StaffCanViewMixin, require_post

IMPORT_PERMISSION = "claims.add_factcheck"
ATTACH_PERMISSION = "claims.add_evidence"
MAX_URLS = 20  # each is fetched while the editor waits; the command takes any number


class FactCheckImportForm(forms.Form):
    files = MultipleFileField(
        required=False,
        allow_empty_file=True,  # the service refuses it by name, like any bad file
        help_text="schema.org ClaimReview: JSON-LD files, JSON feeds (a list, an @graph, a "
        "DataFeed) or saved HTML pages.",
    )
    urls = forms.CharField(
        label="URLs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 90}),
        help_text=f"One http(s) URL per line, at most {MAX_URLS}: a fact-check page or a "
        "feed. Addresses inside the newsroom's network are refused.",
    )

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("urls", "").splitlines()]
        urls = list(dict.fromkeys(line for line in lines if line))
        for url in urls:
            if not fetch.looks_like_url(url):
                raise forms.ValidationError(f"Not a URL: “{url[:100]}” (one per line).")
        if len(urls) > MAX_URLS:
            raise forms.ValidationError(f"At most {MAX_URLS} URLs at once, got {len(urls)}.")
        return urls

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "urls" in data and not data.get("files") and not data["urls"]:
            raise forms.ValidationError("Choose at least one file or paste URLs.")
        return data


def run_import(form: FactCheckImportForm) -> list[service.SourceResult]:
    results = []
    for upload in form.cleaned_data.get("files") or []:
        name = upload.name or "upload"
        try:
            limits.check_size(upload.size or 0)  # before reading it into memory
            text = decode(upload.read())  # the importer's rules: UTF-8, nothing guessed
        except ArticleError as exc:
            results.append(service.SourceResult(name, error=str(exc)))
            continue
        results.append(service.import_text(text, source=name))
    results.extend(service.import_sources(form.cleaned_data.get("urls") or []))
    return results


class FactCheckAdmin(StaffCanViewMixin, admin.ModelAdmin):
    list_display = ["claim_reviewed_short", "publisher_name", "rating", "claimant", "review_date"]
    search_fields = ["claim_reviewed", "claimant", "publisher_name", "textual_rating", "url"]
    date_hierarchy = "review_date"
    readonly_fields = [
        "review_link", "claim_reviewed", "publisher_name", "publisher_url", "claimant",
        "claim_date", "review_date", "language", "textual_rating", "rating_value",
        "best_rating", "worst_rating", "rating_explanation", "appearances", "raw", "source",
        "imported_at", "updated_at",
    ]  # fmt: skip
    fields = readonly_fields
    change_list_template = "admin/claims/factcheck/change_list.html"

    class Media:
        css = {"all": [STYLESHEET]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # they come in through the import page, never typed in

    @admin.display(description="claim reviewed", ordering="claim_reviewed")
    def claim_reviewed_short(self, obj: FactCheck) -> str:
        text = obj.claim_reviewed
        return text[:120] + ("…" if len(text) > 120 else "")

    @admin.display(description="rating", ordering="textual_rating")
    def rating(self, obj: FactCheck) -> str:
        return obj.rating_label

    @admin.display(description="review")
    def review_link(self, obj: FactCheck) -> str:
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', obj.url, obj.url
        )

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="claims_factcheck_import",
            )
        ]
        return own + super().get_urls()  # before "<object_id>/", which would take "import/"

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        results = None
        form = FactCheckImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            results = run_import(form)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import fact-checks",
            "opts": self.model._meta,
            "form": form,
            "results": results,
            "lines": [line for r in results or [] for line in r.lines()],
        }
        return TemplateResponse(request, "admin/claims/factcheck/import.html", context)


class ClaimFactCheckViews:
    """Mixed into ClaimAdmin like ``ClaimEditViews``: the claim page's "Attach as evidence"."""

    def has_attach_fact_check_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(ATTACH_PERMISSION)

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<path:object_id>/attach-fact-check/",
                self.admin_site.admin_view(self.attach_fact_check_view),  # type: ignore[attr-defined]
                name="claims_claim_attach_fact_check",
            )
        ]
        return own + super().get_urls()  # type: ignore[misc]

    def attach_fact_check_view(self, request: HttpRequest, object_id: str) -> HttpResponseBase:
        if not self.has_attach_fact_check_permission(request):
            raise PermissionDenied
        if (response := require_post(request)) is not None:
            return response
        claim = Claim.objects.filter(pk=_int(unquote(object_id))).first()
        if claim is None:
            raise Http404("No such claim")
        back = HttpResponseRedirect(
            reverse("admin:claims_claim_change", args=[claim.pk]) + "#fact-checks"
        )
        fact_check = FactCheck.objects.filter(pk=_int(request.POST.get("fact_check"))).first()
        stance = request.POST.get("stance") or None
        if fact_check is None or (stance and stance not in Evidence.Stance.values):
            self.message_user(request, "Choose a fact-check and a stance.", messages.ERROR)  # type: ignore[attr-defined]
            return back
        try:
            evidence = editing.attach_fact_check(
                claim, fact_check, editor=request.user, stance=stance
            )
        except editing.EditRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)  # type: ignore[attr-defined]
            return back
        self.log_change(request, claim, f"Attached fact-check {fact_check.url} as evidence.")  # type: ignore[attr-defined]
        self.message_user(  # type: ignore[attr-defined]
            request,
            f"Attached as evidence ({evidence.get_stance_display().lower()}): {evidence.title}.",
            messages.SUCCESS,
        )
        return back


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
