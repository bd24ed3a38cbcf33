"""Articles: the imported texts every claim points into."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from claims.extract.paragraphs import paragraph_spans


class Article(models.Model):
    """One imported article. ``body`` is the cleaned text every claim's offsets point into;
    ``raw_text`` is exactly what was imported, kept so the importer can be re-run."""

    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    section = models.CharField(max_length=100, blank=True, help_text="e.g. news, commentary")
    language = models.CharField(max_length=10, default="en")
    # Where the importer found the title (claims.extract.types.TitleSource): editors trust
    # a header or a repeated line more than a first line that may be a promo headline.
    title_source = models.CharField(max_length=12, blank=True, default="", db_default="")
    # The dateline the body opened with, cut out of the claims and kept here.
    dateline_place = models.CharField(max_length=200, blank=True, default="", db_default="")
    dateline_agency = models.CharField(max_length=200, blank=True, default="", db_default="")
    # Which pipeline parsed the body (claims.extract.version): the same text parsed by an
    # older pipeline is re-parsed on the next import, not skipped as unchanged.
    pipeline_version = models.CharField(max_length=16, blank=True, default="", db_default="")
    body = models.TextField()
    raw_text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of raw_text")
    source_name = models.CharField(max_length=500, blank=True, help_text="File or feed")
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [F("published_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_url_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["published_on"], name="article_published_idx"),
            models.Index(fields=["source_name"], name="article_source_idx"),
            models.Index(fields=["publisher"], name="article_publisher_idx"),
        ]
        permissions = [("force_delete_article", "Can delete articles that have reviewed claims")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("admin:claims_article_change", args=[self.pk])

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each paragraph of ``body``: blocks separated by blank lines."""
        return paragraph_spans(self.body)

    def has_reviewed_claims(self) -> bool:
        """Whether editors worked on any of its claims: what protects an article from
        deletion (the admin refuses, ``delete_article`` needs ``--force``). "Reviewed" in the
        sense of the ``force_delete_article`` permission: any editor work, not only a verdict
        (``ClaimQuerySet.with_editor_work``)."""
        return self.claims.with_editor_work().exists()
