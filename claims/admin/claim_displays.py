"""What the claim list and the claim page display beyond plain fields: the list's columns,
sized for a laptop, and the read-only lists that replace raw JSON on the page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

from claims.models import Claim

from .display import date_mentions, verdict_badge, worthiness_reasons


class ClaimDisplays:
    """Mixed into ClaimAdmin."""

    # -- list --

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # The list is the editors' main page: the app menu on the left would take a quarter
        # of a laptop's width from the claims (the breadcrumbs lead to the other models).
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)  # type: ignore[misc]

    @admin.display(description="claim", ordering="text")
    def short_text(self, obj: Claim) -> str:
        # Clamped to three lines by the stylesheet; the title shows the whole of it.
        return format_html('<span class="claim-text" title="{}">{}</span>', obj.text, obj.text)

    @admin.display(description="article", ordering="article__published_on")
    def article_short(self, obj: Claim) -> str:
        article = obj.article
        title = article.title if len(article.title) <= 48 else article.title[:47] + "…"
        # The claim page's own date format ("19 Feb 2025").
        date = date_format(article.published_on, "j M Y") if article.published_on else "undated"
        return format_html(
            '<span title="{}">{}</span><br><span class="quiet">{} · #{}</span>',
            article.title,
            title,
            date,
            obj.position,
        )

    @admin.display(description="verdict", ordering="verdict")
    def badge(self, obj: Claim) -> str:
        return verdict_badge(obj.verdict)

    # -- claim page --

    @admin.display(description="check reasons")
    def reasons(self, obj: Claim) -> str:
        return worthiness_reasons(obj.check_reasons)

    @admin.display(description="mentioned dates")
    def dates(self, obj: Claim) -> str:
        return date_mentions(obj.mentioned_dates)
