"""claimtracker's domain: articles, the claims in them, who said and is named in them, what
events they are about, and the editors' verdicts on them. One module per idea; this package
exports every model, so ``from claims.models import Claim`` is the way in.

Logic that belongs to one model lives on it or on its QuerySet; writes that span several
models are services in ``claims.editing`` (editors) and ``claims.importer`` (imports), which
sit above the models: nothing here imports them.
"""

from claims.models.actors import Actor, ActorAlias, ActorQuerySet
from claims.models.articles import Article
from claims.models.claims import Claim, ClaimQuerySet, StaleVersion
from claims.models.counts import ClaimCount
from claims.models.events import Event
from claims.models.factchecks import FactCheck, FactCheckQuerySet
from claims.models.feeds import Feed, FeedEntry
from claims.models.history import Evidence, Review
from claims.models.relations import ClaimRelation, ClaimRelationQuerySet
from claims.models.words import WordCount

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorQuerySet",
    "Article",
    "Claim",
    "ClaimCount",
    "ClaimQuerySet",
    "ClaimRelation",
    "ClaimRelationQuerySet",
    "Event",
    "Evidence",
    "FactCheck",
    "FactCheckQuerySet",
    "Feed",
    "FeedEntry",
    "Review",
    "StaleVersion",
    "WordCount",
]
