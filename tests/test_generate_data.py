"""generate_data: the synthetic data keeps every invariant the real data keeps, on SQLite
(bulk_create) and PostgreSQL (COPY) alike."""

from __future__ import annotations

import io
import itertools
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims.devtools import datagen
from claims.models import Actor, Article, Claim, ClaimRelation, Event, Evidence, Review

pytestmark = pytest.mark.django_db

SIZES = {
    "articles": 12,
    "claims": 300,
    "actors": 40,
    "events": 10,
    "reviews": 60,
    "relations": 30,
}


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_data", **{**SIZES, **options}, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def generated() -> str:
    return generate(seed=3, truncate=True)


def test_sizes_are_exact(generated):
    assert Article.objects.count() == SIZES["articles"]
    assert Claim.objects.count() == SIZES["claims"]
    assert Review.objects.count() == SIZES["reviews"]
    assert ClaimRelation.objects.count() == SIZES["relations"]
    assert Event.objects.count() == SIZES["events"]
    # The gazetteer actors are reloaded after truncating, the new ones come on top.
    assert Actor.objects.filter(kind__in=["person", "organization"]).count() >= SIZES["actors"]
    assert "done in" in generated


def test_every_claim_points_into_its_article_body(generated):
    by_article = defaultdict(list)
    for claim in Claim.objects.select_related("article"):
        body = claim.article.body
        assert body[claim.start : claim.end] == claim.text
        claim.validate_offsets()
        starts = [start for start, _ in claim.article.paragraphs()]
        # paragraph counts the way Article.paragraphs does (the title is paragraph 0).
        assert starts[claim.paragraph] <= claim.start
        assert claim.paragraph + 1 == len(starts) or claim.end <= starts[claim.paragraph + 1]
        by_article[claim.article_id].append(claim)
    for claims in by_article.values():
        claims.sort(key=lambda c: c.position)
        assert [c.position for c in claims] == list(range(len(claims)))
        assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_verdicts_agree_with_review_history(generated):
    reviews = defaultdict(list)
    for review in Review.objects.order_by("created_at", "id"):
        reviews[review.claim_id].append(review)
    claims = list(Claim.objects.all())
    for claim in claims:
        history = reviews.get(claim.pk, [])
        assert claim.version == len(history) + 1
        if claim.verdict == Claim.Verdict.UNVERIFIED:
            assert history == []
            assert claim.reviewed_by_id is None and claim.reviewed_at is None
            continue
        assert history[-1].verdict == claim.verdict
        assert history[0].previous_verdict == Claim.Verdict.UNVERIFIED
        for before, after in itertools.pairwise(history):
            assert after.previous_verdict == before.verdict
        assert claim.reviewed_by_id is not None and claim.reviewed_at is not None
    unverified = sum(c.verdict == Claim.Verdict.UNVERIFIED for c in claims)
    assert unverified / len(claims) > 0.75  # most claims are never reviewed
    for evidence in Evidence.objects.select_related("review"):
        assert evidence.review.claim_id == evidence.claim_id


def test_relations_join_claims_of_different_articles(generated):
    pairs = set()
    for relation in ClaimRelation.objects.select_related("from_claim", "to_claim"):
        assert relation.from_claim_id != relation.to_claim_id
        assert relation.from_claim.article_id != relation.to_claim.article_id
        ends = sorted([relation.from_claim_id, relation.to_claim_id])
        pairs.add((*ends, relation.relation))
    assert len(pairs) == SIZES["relations"]  # one per pair and relation, either way round


def test_claims_name_their_actors_speakers_and_dates(generated):
    names = dict(Actor.objects.values_list("pk", "name"))
    for claim in Claim.objects.prefetch_related("actors"):
        mentioned = list(claim.actors.all())
        assert 1 <= len(mentioned) <= 3
        for actor in mentioned:
            assert actor.name in claim.text
        if claim.kind == Claim.Kind.QUOTE:
            assert claim.speaker_id is not None
        if claim.speaker_id:
            assert names[claim.speaker_id] in claim.text
        for mention in claim.mentioned_dates:
            assert mention["text"] in claim.text
            assert mention["precision"] in ("day", "month", "year")
        assert 0.0 <= claim.check_worthiness <= 1.0


def test_same_seed_same_data_and_sequences_continue(generated):
    first = list(Claim.objects.order_by("pk").values_list("text", flat=True))
    generate(seed=3, truncate=True)
    assert list(Claim.objects.order_by("pk").values_list("text", flat=True)) == first
    # Adding more without --truncate continues the ids, and the sequences were moved past
    # the ids COPY wrote, so an ordinary insert still works.
    generate(seed=4, articles=2, claims=20, actors=5, events=1, reviews=4, relations=2)
    assert Claim.objects.count() == SIZES["claims"] + 20
    article = Article.objects.create(
        title="t", body="One sentence here.", raw_text="x", content_hash="f" * 64
    )
    claim = Claim.objects.create(
        article=article, position=0, text="One sentence here.", start=0, end=18
    )
    assert claim.pk > max(Claim.objects.exclude(pk=claim.pk).values_list("pk", flat=True))
    assert Review.objects.create(claim=claim, verdict="mixed").pk
    assert ClaimRelation.objects.create(
        from_claim=claim, to_claim=Claim.objects.exclude(pk=claim.pk).first(), relation="duplicates"
    ).pk


def test_report_names_benchmark_terms_and_frequent_actors(generated):
    assert f"search term (common): {datagen.COMMON_TERM!r}" in generated
    assert "frequent actor: id=" in generated


def test_columns_match_the_models():
    datagen.check_columns()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL takes any size")
def test_large_sizes_are_refused_without_copy():
    with pytest.raises(CommandError, match="allows at most"):
        generate(claims=datagen_limit() + 1)


def datagen_limit() -> int:
    from claims.management.commands.generate_data import ORM_MAX_CLAIMS

    return ORM_MAX_CLAIMS


def test_claims_need_articles():
    with pytest.raises(CommandError, match="claims need articles"):
        generate(articles=0)


def test_trigger_maintained_counts_match_the_claims(generated):
    # COPY fires the statement triggers of migration 0005 like any insert; TRUNCATE clears.
    from django.db.models import Count, Sum

    from claims.models import ClaimCount

    counted = {
        (row["speaker_id"], row["verdict"]): row["n"]
        for row in ClaimCount.objects.values("speaker_id", "verdict").annotate(n=Sum("n"))
        if row["n"]
    }
    actual = {
        (row["speaker_id"], row["verdict"]): row["n"]
        for row in Claim.objects.values("speaker_id", "verdict").annotate(n=Count("id"))
    }
    assert counted == actual


def test_truncate_empties_the_tables_that_point_at_generated_rows(generated):
    # A feed's entries point at the articles they imported: --truncate must not fail on
    # that foreign key (PostgreSQL refuses to TRUNCATE a referenced table alone).
    from claims.models import Feed, FeedEntry

    feed = Feed.objects.create(url="https://news.example/feed.xml")
    FeedEntry.objects.create(feed=feed, key="k" * 64, guid="g", article=Article.objects.first())
    generate(seed=3, truncate=True)
    assert not FeedEntry.objects.exists()
    assert Article.objects.count() == SIZES["articles"]
