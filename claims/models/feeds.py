"""Feeds: the RSS and Atom feeds of the outlets a newsroom follows, and which of their entries
were imported already (so an entry is never imported twice)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone


class FeedQuerySet(models.QuerySet["Feed"]):
    def active(self) -> FeedQuerySet:
        return self.filter(active=True)


class Feed(models.Model):
    """A feed ``poll_feeds`` reads (``claims.importer.polling``). ``etag`` and
    ``last_modified`` are the validators of the last complete read, sent back as
    ``If-None-Match`` / ``If-Modified-Since`` so an unchanged feed costs a 304."""

    url = models.URLField("URL", max_length=1000, unique=True)
    title = models.CharField(max_length=500, blank=True, help_text="Filled from the feed")
    active = models.BooleanField(default=True, help_text="Polled by poll_feeds")
    last_checked = models.DateTimeField(null=True, blank=True)
    etag = models.CharField("ETag", max_length=500, blank=True)
    last_modified = models.CharField("Last-Modified", max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def record_check(
        self,
        *,
        error: str = "",
        title: str | None = None,
        validators: tuple[str, str] | None = None,
    ) -> None:
        """A poll ended: when, its error (empty: fine), the feed's title when it had none,
        and ``validators`` (ETag, Last-Modified) when the whole feed was read."""
        self.last_checked = timezone.now()
        self.last_error = error
        fields = ["last_checked", "last_error"]
        if title and not self.title:
            self.title = title[:500]
            fields.append("title")
        if validators is not None:
            self.etag, self.last_modified = validators[0][:500], validators[1][:100]
            fields += ["etag", "last_modified"]
        self.save(update_fields=fields)


class FeedEntryQuerySet(models.QuerySet["FeedEntry"]):
    def seen_keys(self, feed: Feed, keys: Iterable[str]) -> set[str]:
        """Which of these entry keys of ``feed`` were imported already."""
        return set(self.filter(feed=feed, key__in=list(keys)).values_list("key", flat=True))


class FeedEntry(models.Model):
    """An entry of a feed that was imported: its key is the SHA-256 of the entry's id (RSS
    ``guid``, Atom ``id``), else of its link, so it is never imported twice even when its
    text or link changes. Deleting the feed forgets its entries; the articles stay."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(max_length=64)
    guid = models.CharField(max_length=2000, help_text="The entry's id, else its link")
    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feed_entries",
    )
    imported_at = models.DateTimeField(default=timezone.now)

    objects = FeedEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "feed entries"
        constraints = [
            models.UniqueConstraint(fields=["feed", "key"], name="feedentry_once_per_feed")
        ]

    def __str__(self) -> str:
        return self.guid

    @staticmethod
    def key_for(guid: str) -> str:
        return hashlib.sha256(guid.encode("utf-8")).hexdigest()

    @classmethod
    def record(cls, *, feed: Feed, guid: str, article_id: int | None) -> Any:
        """The entry was imported (a concurrent poll may have recorded it first)."""
        defaults = {"guid": guid[:2000], "article_id": article_id}
        entry, _ = cls.objects.get_or_create(feed=feed, key=cls.key_for(guid), defaults=defaults)
        return entry
