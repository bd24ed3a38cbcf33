"""Model constraints, the offsets invariant, the verdict method and the QuerySets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError

from claims import editing, stats
from claims.extract.names import normalize_name
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    Review,
    StaleVersion,
)
from tests.factories import give_verdict, make_claim

pytestmark = pytest.mark.django_db


def other_article(**fields) -> Article:
    body = fields.pop("body", "Another article about the talks in Riyadh.")
    return Article.objects.create(
        title=fields.pop("title", "Another"),
        body=body,
        raw_text=body,
        content_hash=fields.pop("content_hash", "1" * 64),
        **fields,
    )


# --- offsets and claim constraints -----------------------------------------------------------


def test_claim_text_must_match_body_offsets(article):
    with pytest.raises(ValidationError, match="does not match"):
        Claim.objects.create(article=article, position=0, text="Not in the body", start=0, end=15)
    assert not Claim.objects.exists()


def test_claim_offsets_past_body_are_rejected(article):
    n = len(article.body)
    with pytest.raises(ValidationError, match="past the article body"):
        Claim.objects.create(article=article, position=0, text="x", start=n, end=n + 1)


def test_claim_offsets_checked_by_the_database(claims):
    # The save() check can be bypassed by update(); the named constraint cannot.
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claims[0].pk).update(end=claims[0].start)


def test_claim_position_unique_per_article(claims, article):
    second = other_article()
    make_claim(second, "Another article about the talks in Riyadh.", position=0)  # fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claims[1].pk).update(position=0)


def test_check_worthiness_range(claims):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claims[0].pk).update(check_worthiness=1.5)
    Claim.objects.filter(pk=claims[0].pk).update(check_worthiness=1.0)


def test_unknown_verdict_rejected_by_database(claims):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claims[0].pk).update(verdict="true")


def test_claim_context_is_its_paragraph(claims):
    before, text, after = claims[1].context()
    assert text == claims[1].text
    assert before.endswith("2025. ")
    assert after == ""
    assert "Analysts" not in before + after


# --- articles --------------------------------------------------------------------------------


def test_article_url_unique_only_when_set(article):
    other_article(content_hash="2" * 64)  # both have url="": allowed
    Article.objects.filter(pk=article.pk).update(url="https://example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        other_article(content_hash="3" * 64, url="https://example.org/a")


def test_article_content_hash_unique(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        other_article(content_hash=article.content_hash)


def test_article_paragraphs_and_verdict_counts(claims, article, editor):
    first_start, first_end = article.paragraphs()[0]
    assert article.body[first_start:first_end] == "Talks in Riyadh"
    assert len(article.paragraphs()) == 3
    give_verdict(claims[0], verdict="corroborated", editor=editor)
    counts = stats.verdict_counts(article.claims.all())
    assert counts == {
        "unverified": 2,
        "corroborated": 1,
        "contradicted": 0,
        "mixed": 0,
        "unverifiable": 0,
    }


# --- verdicts --------------------------------------------------------------------------------


def test_set_verdict_writes_review_and_bumps_version(claims, editor):
    claim = claims[0]
    review = give_verdict(
        claim,
        verdict=Claim.Verdict.CORROBORATED,
        note="Matches the State Department readout.",
        editor=editor,
        evidence=[{"url": "https://example.org/readout", "title": "Readout", "stance": "supports"}],
        loaded_version=1,
    )
    claim.refresh_from_db()
    assert claim.verdict == "corroborated"
    assert claim.verdict_note == "Matches the State Department readout."
    assert claim.reviewed_by == editor
    assert claim.reviewed_at is not None
    assert claim.version == 2
    assert review.previous_verdict == "unverified"
    assert review.editor == editor
    evidence = Evidence.objects.get()
    assert (evidence.claim, evidence.review, evidence.added_by) == (claim, review, editor)
    assert evidence.stance == "supports"


def test_history_is_kept_newest_first(claims, editor):
    claim = claims[0]
    give_verdict(claim, verdict="mixed", editor=editor)
    give_verdict(claim, verdict="contradicted", note="Later reporting.", editor=editor)
    give_verdict(claim, verdict="unverified", editor=editor)
    history = list(claim.reviews.values_list("previous_verdict", "verdict"))
    assert history == [
        ("contradicted", "unverified"),
        ("mixed", "contradicted"),
        ("unverified", "mixed"),
    ]
    claim.refresh_from_db()
    assert claim.version == 4
    assert claim.reviewed_at is None and claim.reviewed_by is None


def test_stale_version_writes_nothing(claims, editor):
    claim = claims[0]
    give_verdict(claim, verdict="mixed", editor=editor, loaded_version=1)
    stale = Claim.objects.get(pk=claim.pk)
    Claim.objects.filter(pk=claim.pk).update(version=5)  # someone else saved meanwhile
    with pytest.raises(StaleVersion) as info:
        give_verdict(
            stale,
            verdict="contradicted",
            editor=editor,
            evidence=[{"url": "https://example.org/x"}],
            loaded_version=2,
        )
    assert info.value.claim.version == 5
    assert Review.objects.count() == 1
    assert not Evidence.objects.exists()
    assert Claim.objects.get(pk=claim.pk).verdict == "mixed"


@pytest.mark.parametrize(
    ("verdict", "evidence", "message"),
    [
        ("true", [], "Unknown verdict"),
        ("mixed", [{"title": "no url or excerpt"}], "URL or an excerpt"),
        ("mixed", [{"url": "not a url"}], "valid URL"),
        ("mixed", [{"url": "https://example.org", "stance": "agrees"}], "agrees"),
        ("mixed", [{"url": "https://example.org", "colour": "red"}], "Unknown evidence fields"),
    ],
)
def test_invalid_verdict_input_writes_nothing(claims, editor, verdict, evidence, message):
    with pytest.raises(ValidationError, match=message):
        give_verdict(claims[0], verdict=verdict, editor=editor, evidence=evidence)
    assert not Review.objects.exists()
    assert Claim.objects.get(pk=claims[0].pk).version == 1


def test_reviews_are_append_only(claims, editor):
    review = give_verdict(claims[0], verdict="mixed", editor=editor)
    review.note = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        review.save()


def test_reviewed_claims_are_protected_from_cascades(claims, editor, article):
    give_verdict(claims[0], verdict="mixed", editor=editor)
    with pytest.raises(ProtectedError):
        article.delete()
    assert Claim.objects.count() == 3
    assert article.has_reviewed_claims()


@pytest.mark.parametrize("work", ["verdict", "history", "evidence", "relation", "none"])
def test_editor_work_has_one_definition(claims, editor, article, work):
    """A claim with evidence or a relation is worked on as much as one with a verdict: the
    article is protected from deletion and the claim survives a re-import, so
    has_reviewed_claims (once only verdicts and reviews) follows with_editor_work."""
    claim, other = claims[0], claims[2]
    other_claim = make_claim(other_article(), "Another article about the talks in Riyadh.", 0)
    if work == "verdict":
        Claim.objects.filter(pk=claim.pk).update(verdict="mixed")  # a bulk load, no review
    elif work == "history":
        give_verdict(claim, verdict="mixed", editor=editor)
        give_verdict(claim, verdict="unverified", editor=editor)
    elif work == "evidence":
        Evidence.objects.create(claim=claim, url="https://example.org/e")
    elif work == "relation":
        ClaimRelation.objects.create(from_claim=other_claim, to_claim=claim, relation="duplicates")
    worked = work != "none"
    assert list(Claim.objects.filter(article=article).with_editor_work()) == (
        [claim] if worked else []
    )
    assert Claim.objects.get(pk=claim.pk).has_editor_work() is worked
    assert not Claim.objects.get(pk=other.pk).has_editor_work()
    assert article.has_reviewed_claims() is worked


# --- relations -------------------------------------------------------------------------------


def test_relation_constraints(claims, editor):
    a, b, _ = claims
    ClaimRelation.objects.create(from_claim=a, to_claim=b, relation="corroborates")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=a, to_claim=b, relation="corroborates")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=a, to_claim=a, relation="duplicates")
    with pytest.raises(ValidationError):
        ClaimRelation(from_claim=a, to_claim=a, relation="duplicates").full_clean()
    ClaimRelation.objects.create(from_claim=b, to_claim=a, relation="contradicts")
    assert ClaimRelation.objects.touching(a).count() == 2


def test_relation_pair_is_unique_whichever_way_round(claims, editor):
    """The relations are symmetric: the database refuses the mirror of an existing link,
    whatever writes it (create, bulk_create), and model validation says so in words."""
    a, b, c = claims
    ClaimRelation.objects.create(from_claim=a, to_claim=b, relation="corroborates")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=b, to_claim=a, relation="corroborates")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.bulk_create(
            [ClaimRelation(from_claim=b, to_claim=a, relation="corroborates")]
        )
    with pytest.raises(ValidationError, match="already linked with this relation"):
        ClaimRelation(from_claim=b, to_claim=a, relation="corroborates").full_clean()
    # Another relation between the same pair, or the same relation to another claim, is fine.
    ClaimRelation.objects.create(from_claim=b, to_claim=a, relation="contradicts")
    ClaimRelation.objects.create(from_claim=c, to_claim=a, relation="corroborates")
    assert ClaimRelation.objects.between(a, b).count() == 2
    assert list(
        ClaimRelation.objects.between(b, a)
        .filter(relation="corroborates")
        .values_list("from_claim", "to_claim")
    ) == [(a.pk, b.pk)]


# --- actors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Trump’s", "trump"),
        ("Donald Trump", "donald trump"),
        ("António Guterres", "antonio guterres"),
        ("U.S.", "us"),
        ("Ursula von der Leyen", "ursula von der leyen"),
        ("  the   KREMLIN ", "the kremlin"),
        ("allies'", "allies"),
    ],
)
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


def test_actor_matching_by_name_and_alias():
    putin = Actor.objects.create(name="Vladimir Putin", wikidata_id="Q7747")
    ActorAlias.objects.create(actor=putin, alias="Putin")
    assert list(Actor.objects.matching("PUTIN’S")) == [putin]
    assert list(Actor.objects.matching("vladimir putin")) == [putin]
    assert not Actor.objects.matching("Medvedev").exists()


def test_wikidata_id_validated_and_unique_when_set():
    Actor.objects.create(name="A")
    Actor.objects.create(name="B")  # two blank ids are fine
    with pytest.raises(ValidationError):
        Actor(name="C", wikidata_id="7747").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="D", wikidata_id="Q7747x")
    Actor.objects.create(name="E", wikidata_id="Q7747")
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="F", wikidata_id="Q7747")


def test_alias_normalized_form_is_unique():
    a = Actor.objects.create(name="Republic of Ruritania")
    ActorAlias.objects.create(actor=a, alias="R.R.")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=a, alias="RR")
    with pytest.raises(ValidationError, match="already an alias"):
        ActorAlias(actor=a, alias="r.r").full_clean()


def test_actor_merge_moves_everything(claims, article):
    rubio = claims[1].speaker
    dup = Actor.objects.create(name="Secretary Rubio", wikidata_id="Q324546")
    ActorAlias.objects.create(actor=dup, alias="Marco Antonio Rubio")
    claims[0].actors.add(dup, rubio)
    claims[2].speaker = dup
    claims[2].save()
    event = Event.objects.create(title="Riyadh talks", date=dt.date(2025, 2, 18))
    event.participants.add(dup)

    editing.merge_actors(keep_id=rubio.pk, other_ids=[dup.pk])

    assert not Actor.objects.filter(pk=dup.pk).exists()
    rubio.refresh_from_db()
    assert rubio.wikidata_id == "Q324546"
    assert set(rubio.aliases.values_list("alias", flat=True)) == {
        "Marco Antonio Rubio",
        "Secretary Rubio",
    }
    assert list(claims[0].actors.all()) == [rubio]
    assert Claim.objects.get(pk=claims[2].pk).speaker == rubio
    assert list(event.participants.all()) == [rubio]


def test_actor_claim_counts(claims):
    rubio = claims[1].speaker
    claims[0].actors.add(rubio)
    claims[1].actors.add(rubio)
    counted = stats.actors_with_claim_counts(Actor.objects.all()).get(pk=rubio.pk)
    assert (counted.spoken_count, counted.mentioned_count) == (1, 2)


# --- events ----------------------------------------------------------------------------------


def test_event_end_date_after_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(
            title="Talks", date=dt.date(2025, 2, 18), end_date=dt.date(2025, 2, 17)
        )
    Event.objects.create(title="Talks", date=dt.date(2025, 2, 18), end_date=dt.date(2025, 2, 19))


def test_event_querysets(claims):
    e1 = Event.objects.create(title="Riyadh talks", date=dt.date(2025, 2, 18))
    e2 = Event.objects.create(title="Maybe a summit", status=Event.Status.SUGGESTED)
    claims[0].events.add(e1)
    assert stats.events_with_claim_counts(Event.objects.all()).get(pk=e1.pk).claim_count == 1
    assert stats.events_with_claim_counts(Event.objects.all()).get(pk=e2.pk).claim_count == 0
    claims[1].events.add(e1, e2)
    assert set(Claim.objects.about_event(e1)) == {claims[0], claims[1]}
    assert list(Claim.objects.about_event(e2.pk)) == [claims[1]]
    # A subquery, not a join: grouping the matches by event still sees every event of theirs.
    grouped = Claim.objects.about_event(e2).values_list("events", flat=True)
    assert sorted(grouped) == sorted([e1.pk, e2.pk])


# --- claim querysets -------------------------------------------------------------------------


def test_claim_querysets_chain(claims, editor, article):
    rubio = claims[1].speaker
    claims[0].actors.add(rubio)
    give_verdict(claims[1], verdict="corroborated", editor=editor)
    assert list(Claim.objects.reviewed().for_actor(rubio)) == [claims[1]]
    assert set(Claim.objects.filter(verdict="unverified").for_actor(rubio)) == {claims[0]}
    assert list(Claim.objects.spoken_by(rubio)) == [claims[1]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Riyadh", [0]), ("war end", [1]), ("analysts talks", [2]), ("", [0, 1, 2]), ("zebra", [])],
)
def test_search(claims, query, expected):
    found = Claim.objects.search(query).order_by("position")
    assert [c.position for c in found] == expected


@pytest.mark.parametrize("union_max", [0, 10_000])
def test_for_actor_plans_return_the_same_claims(claims, monkeypatch, union_max):
    """The UNION (rare actor), the hashed subquery and the row-by-row probe (PostgreSQL, a
    page of a frequent actor) are plans, not meanings: the claims said by or naming him."""
    from claims.models import claims as claim_models

    monkeypatch.setattr(claim_models, "ACTOR_UNION_MAX", union_max)
    claims[0].actors.add(claims[1].speaker)
    for actor in Actor.objects.all():
        said_or_named = Claim.objects.filter(Q(speaker=actor) | Q(actors=actor)).distinct()
        expected = list(said_or_named.order_by("pk"))
        assert list(Claim.objects.for_actor(actor).order_by("pk")) == expected, actor
        assert list(Claim.objects.for_actor(actor.pk, paged=True).order_by("pk")) == expected
    assert any(Claim.objects.for_actor(a, paged=True).exists() for a in Actor.objects.all())


def test_claim_attribution_choices_are_the_pipelines_kinds():
    # The importer stores what the pipeline says; a kind the column refuses would fail imports.
    from typing import get_args

    from claims.extract.types import AttributionKind

    assert set(Claim.Attribution.values) == set(get_args(AttributionKind))


@pytest.mark.django_db
def test_database_refuses_an_unknown_attribution():
    article = Article.objects.create(title="T", body="It rained.", raw_text="x", content_hash="h")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(
            article=article, position=0, text="It rained.", start=0, end=10, attribution="rumour"
        )
