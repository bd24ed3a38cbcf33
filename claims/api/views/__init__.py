"""The API's viewsets, one module per idea; routing is in ``claims.api.urls``.

- ``catalog``: articles, actors, events (read-only).
- ``claims``: the claim list and detail, verdicts, review history, ClaimReview.
- ``factchecks``: fact-checks published elsewhere, and those matched to a claim.
- ``relations``: relations between claims and the related-claim suggestions.
- ``stats``: grouped claim counts (the counting is the selector ``claims.stats``).
- ``auth``: API tokens.
- ``common``: what they share (the view mixin, id parameters, error answers, parsing).
"""

from claims.api.views.auth import AuthTokenView
from claims.api.views.catalog import ActorViewSet, ArticleViewSet, EventViewSet
from claims.api.views.claims import ClaimReviewViewSet, ClaimViewSet
from claims.api.views.factchecks import FactCheckViewSet
from claims.api.views.relations import RelationViewSet
from claims.api.views.stats import StatsViewSet

__all__ = [
    "ActorViewSet",
    "ArticleViewSet",
    "AuthTokenView",
    "ClaimReviewViewSet",
    "ClaimViewSet",
    "EventViewSet",
    "FactCheckViewSet",
    "RelationViewSet",
    "StatsViewSet",
]
