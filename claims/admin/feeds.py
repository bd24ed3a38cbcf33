"""The feeds page: the RSS and Atom feeds the newsroom follows, their state (last checked,
last error, validators) and "Poll now". Polling itself is ``claims.importer.polling``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.importer.polling import poll_feeds
from claims.models import Feed, FeedEntry

from .display import STYLESHEET
from .roles import StaffCanViewMixin

MAX_POLL = 10  # each poll may fetch pages: more belongs to poll_feeds or the task worker
LATEST_ENTRIES = 20  # shown on a feed's page


class FeedAdmin(StaffCanViewMixin, admin.ModelAdmin):
    list_display = ["__str__", "url", "active", "last_checked", "entry_count", "error"]
    list_filter = ["active"]
    search_fields = ["url", "title"]
    fields = [
        "url",
        "title",
        "active",
        "last_checked",
        "last_error",
        "etag",
        "last_modified",
        "latest_entries",
    ]
    readonly_fields = ["last_checked", "last_error", "etag", "last_modified", "latest_entries"]
    actions = ["poll_now"]

    class Media:
        css = {"all": [STYLESHEET]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Feed]:
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description="entries imported", ordering="entry_count")
    def entry_count(self, obj: Feed) -> int:
        return getattr(obj, "entry_count", 0)

    @admin.display(description=f"latest {LATEST_ENTRIES} entries imported")
    def latest_entries(self, obj: Feed) -> str:
        if obj.pk is None:
            return "—"
        entries = FeedEntry.objects.filter(feed=obj).select_related("article")
        rows = [
            (
                entry.imported_at.strftime("%Y-%m-%d %H:%M"),
                reverse("admin:claims_article_change", args=[entry.article.pk]),
                entry.article.title,
            )
            for entry in entries.order_by("-imported_at", "-pk")[:LATEST_ENTRIES]
            if entry.article is not None
        ]
        if not rows:
            return "none yet"
        items = format_html_join("", '<li>{} <a href="{}">{}</a></li>', rows)
        return format_html("<ul>{}</ul>", items)

    @admin.display(description="last error")
    def error(self, obj: Feed) -> str:
        return obj.last_error[:120] + ("…" if len(obj.last_error) > 120 else "")

    @admin.action(description="Poll selected feeds now", permissions=["poll"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        feeds = list(queryset.order_by("pk")[: MAX_POLL + 1])
        if len(feeds) > MAX_POLL:
            self.message_user(
                request,
                f"Poll at most {MAX_POLL} feeds at once (poll_feeds polls them all).",
                messages.WARNING,
            )
            return
        for poll in poll_feeds(feeds):
            created = sum(r.status == "created" for r in poll.results)
            if poll.status == "failed" or poll.error:
                self.message_user(request, f"Feed {poll.url}: {poll.error}", messages.ERROR)
            elif poll.status == "not modified":
                self.message_user(request, f"Feed {poll.url}: not modified since the last poll.")
            else:
                new = len(poll.results)
                self.message_user(
                    request,
                    f"Feed {poll.url}: {new} new entries, {created} articles created.",
                    messages.SUCCESS,
                )

    def has_poll_permission(self, request: HttpRequest) -> bool:
        # Polling imports articles.
        user: Any = request.user
        return user.has_perm("claims.change_feed") and user.has_perm("claims.add_article")
