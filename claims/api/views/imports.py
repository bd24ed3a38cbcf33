"""``POST /api/articles/import/``: import articles from URLs (fetched safely) and/or pasted
text, as the admin's Import page does, with one result per article."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.import_serializers import ImportDoc, ImportInputSerializer
from claims.api.views.common import errors
from claims.extract.types import ArticleHints
from claims.importer.service import Importer, ImportResult, paste_source_name


class ArticleImportMixin:
    """The import action of the article viewset (editors only, like every API write)."""

    @extend_schema(
        summary="Import articles from URLs or text",
        description="Each URL is fetched (http/https only; hosts on private, loopback or "
        "link-local addresses refused; connect and total timeouts; the import size limit "
        "while streaming; at most 5 redirects, each re-checked; an HTML or plain-text page) "
        "and imported under the URL it ends at. One result per article: a URL that cannot "
        "be fetched or read is `failed` with a one-line `error`, and nothing of it is saved. "
        "The answer is 200 whatever each result; `counts` sums them.",
        request=ImportInputSerializer,
        responses={200: ImportDoc, **errors(400, 401, 403, 429)},
        examples=[
            OpenApiExample(
                "Two pages",
                request_only=True,
                value={"urls": ["https://example.org/news/1", "https://example.org/news/2"]},
            )
        ],
    )
    @action(detail=False, methods=["post"], url_path="import", url_name="import")
    def import_articles(self, request: Request) -> Response:
        data = ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        importer = Importer(dry_run=values["dry_run"])
        results: list[ImportResult] = []
        for url in values["urls"]:
            results.extend(importer.url(url))
        text = values["text"]
        if text.strip():
            hints = ArticleHints(title=values["title"] or None, url=values["url"] or None)
            results.extend(importer.data(text, source_name=paste_source_name(text), hints=hints))
        counts = {s: 0 for s in ["created", "updated", "unchanged", "failed"]}
        for result in results:
            counts[result.status] += 1
        return Response({"results": [r.as_dict() for r in results], "counts": counts})
