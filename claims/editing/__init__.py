"""Editors' changes: the services that write several rows at once, each one transaction that
keeps the invariants the rest of the code relies on (``article.body[start:end] == text``,
positions unique per article and in text order, verdict history and relations never dropped
or left on the wrong claim). The admin, the API and the management commands only call them.

One module per idea: ``verdicts`` (the one way a claim changes, under its version check),
``assignments`` (who is checking which claim), ``publishing`` (which verdicts are public),
``structure`` (split and merge claims), ``relations``, ``events``, ``factchecks`` (a
fact-check published elsewhere attached as evidence), ``actors`` (merging duplicates),
``articles`` (re-import, delete). The services are exported here, so callers write
``from claims import editing; editing.update_claim(...)``.
"""

from claims.editing.actors import MERGE_ATTEMPTS, is_transient, merge_actors
from claims.editing.articles import (
    ArticleDeletion,
    article_deletion,
    delete_article,
    reimport_article,
)
from claims.editing.assignments import assign_claims, can_assign, editors
from claims.editing.base import EditRefused
from claims.editing.events import set_event_status
from claims.editing.factchecks import attach_fact_check, fact_check_evidence
from claims.editing.publishing import can_publish, publish_claims, unpublish_claims
from claims.editing.relations import relate_claims, remove_relation
from claims.editing.structure import (
    merge_plan,
    merge_with_next,
    next_claim,
    sentence_boundaries,
    split_claim,
    split_preview,
)
from claims.editing.verdicts import has_history, set_verdicts, update_claim

__all__ = [
    "MERGE_ATTEMPTS",
    "ArticleDeletion",
    "EditRefused",
    "article_deletion",
    "assign_claims",
    "attach_fact_check",
    "can_assign",
    "can_publish",
    "delete_article",
    "editors",
    "fact_check_evidence",
    "has_history",
    "is_transient",
    "merge_actors",
    "merge_plan",
    "merge_with_next",
    "next_claim",
    "publish_claims",
    "reimport_article",
    "relate_claims",
    "remove_relation",
    "sentence_boundaries",
    "set_event_status",
    "set_verdicts",
    "split_claim",
    "split_preview",
    "unpublish_claims",
    "update_claim",
]
