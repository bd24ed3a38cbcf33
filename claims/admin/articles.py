"""The article pages: imported articles, their claims in reading order, and re-importing."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html, format_html_join

from claims import editing, stats
from claims.models import Article, Claim

from .display import STYLESHEET, claim_list_url, verdict_badge
from .import_page import import_urls
from .roles import StaffCanViewInlineMixin, StaffCanViewMixin, require_post

MAX_REIMPORT = 20  # re-parsing is the slow part; more belongs on the command line


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


def _counts(article: Article) -> tuple[stats.Counts, int]:
    """The article's claims counted by verdict, and in all. The page's article comes from
    ``get_queryset``, which already counted them (no query); another one is counted here."""
    if hasattr(article, "claim_count"):
        return stats.verdicts_of(article), article.claim_count
    counts = stats.verdict_counts(article.claims.all())
    return counts, sum(counts.values())


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
        "title_source",
    ]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "publisher", "author", "url", "published_on"]}),
        ("Claims", {"fields": ["verdict_summary"]}),
        (
            "Classification",
            {"fields": ["section", "language", "dateline_place", "dateline_agency"]},
        ),
        ("Text", {"fields": ["body"], "description": "Claims point into this text."}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_name",
                    "title_source",
                    "content_hash",
                    "imported_at",
                    "updated_at",
                    "raw_text",
                ],
            },
        ),
    ]
    inlines = [ClaimInline]
    actions = ["reimport_articles"]
    show_full_result_count = False

    class Media:
        css = {"all": [STYLESHEET]}

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
        extra = ["body"] if obj is not None and _counts(obj)[1] else []
        return [*self.readonly_fields, *extra]

    def get_urls(self) -> list[Any]:
        # The "Import articles" page (import_page), before the default patterns so
        # "<object_id>/" does not swallow "import/".
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
        counts, total = _counts(obj)
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
