"""The Atom feed of newly published fact-checks and the sitemap of their pages (Django's
syndication and sitemaps frameworks)."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim

FEED_SIZE = 50


def _published() -> QuerySet[Claim]:
    # What an entry shows; the article body (often large) is never loaded.
    return (
        Claim.objects.published()
        .select_related("article", "speaker")
        .only(
            "id",
            "text",
            "verdict",
            "verdict_note",
            "reviewed_at",
            "published_at",
            "article__title",
            "speaker__name",
        )
    )


class FactCheckFeed(Feed):
    """Newest published first; an entry's date is when it was published, its update date
    when its verdict last changed (a correction), whichever is later."""

    feed_type = Atom1Feed
    title = "claimtracker fact-checks"
    subtitle = "Newly published fact-checks."

    def link(self) -> str:
        return reverse("public-fact-checks")

    def items(self) -> QuerySet[Claim]:
        return _published().order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Claim) -> str:
        return f"{item.get_verdict_display()}: {item.text}"

    def item_description(self, item: Claim) -> str:
        said = f"Said by {item.speaker.name} in “{item.article.title}”." if item.speaker else ""
        said = said or f"In “{item.article.title}”."
        return f"{said} {item.verdict_note}".strip()

    def item_link(self, item: Claim) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: Claim) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Claim) -> dt.datetime:
        return max(item.published_at, item.reviewed_at or item.published_at)


class FactCheckSitemap(Sitemap):
    """Every published fact-check's page, with when it last changed."""

    changefreq = "weekly"

    def items(self) -> QuerySet[Claim]:
        return (
            Claim.objects.published()
            .only("id", "text", "published_at", "reviewed_at")
            .order_by("pk")
        )

    def location(self, item: Claim) -> str:
        return item.get_public_url()

    def lastmod(self, item: Claim) -> dt.datetime:
        return max(item.published_at, item.reviewed_at or item.published_at)


class IndexSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["public-fact-checks"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"index": IndexSitemap, "fact-checks": FactCheckSitemap}
