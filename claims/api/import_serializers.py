"""Serializers of ``POST /api/articles/import/``: what it takes and what it answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from claims.importer.fetch import looks_like_url
from claims.importer.service import MAX_URLS_PER_REQUEST


class ImportInputSerializer(serializers.Serializer):
    """``POST /api/articles/import/``: URLs to fetch, and/or one pasted article."""

    urls = serializers.ListField(
        child=serializers.CharField(max_length=1000),
        required=False,
        default=list,
        max_length=MAX_URLS_PER_REQUEST,
        help_text=f"http(s) URLs of article pages, at most {MAX_URLS_PER_REQUEST}; each is "
        "fetched (addresses inside the server's network are refused) and stored under the "
        "URL it ends at after redirects.",
    )
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text="An article's text (plain text, optionally with a 'Title: …' header "
        "block, or an HTML page).",
    )
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    url = serializers.URLField(
        required=False, allow_blank=True, default="", max_length=1000, help_text="Of `text`."
    )
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Parse and report, save nothing."
    )

    def validate_urls(self, value: list[str]) -> list[str]:
        for url in value:
            if not looks_like_url(url):
                raise serializers.ValidationError(f"not a URL: {url[:100]!r}")
        return list(dict.fromkeys(url.strip() for url in value))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["urls"] and not attrs["text"].strip():
            raise serializers.ValidationError("Give `urls`, `text`, or both.")
        return attrs


class ImportResultDoc(serializers.Serializer):
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged", "failed"])
    source_name = serializers.CharField(help_text="The URL as given, or the pasted text's name.")
    article_id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    claim_count = serializers.IntegerField()
    kept_claims = serializers.IntegerField()
    new_actors = serializers.IntegerField()
    events_linked = serializers.IntegerField()
    events_suggested = serializers.IntegerField()
    error = serializers.CharField(help_text="One line: why it failed (empty otherwise).")
    parse_seconds = serializers.FloatField()
    db_seconds = serializers.FloatField()
    dry_run = serializers.BooleanField()


class ImportDoc(serializers.Serializer):
    results = ImportResultDoc(many=True)
    counts = inline_serializer(
        "ImportCounts",
        {s: serializers.IntegerField() for s in ["created", "updated", "unchanged", "failed"]},
    )
