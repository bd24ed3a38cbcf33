"""claims.editing: fixing the importer's mistakes without breaking offsets, positions or
history, and the other multi-row edits the admin offers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError

from claims import editing, stats
from claims.editing import EditRefused, merge_with_next, split_claim
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    ClaimRelationQuerySet,
    Event,
    Evidence,
    Review,
    StaleVersion,
)
from tests.factories import give_verdict, make_claim

pytestmark = pytest.mark.django_db

BODY = (
    "Sanctions\n\n"
    "Donald Trump imposed sanctions on Rosneft on October 22, 2025. "
    "Vladimir Putin called them unfriendly on October 23, 2025. "
    "Oil prices rose.\n\n"
    "Analysts expect more."
)
S0 = "Donald Trump imposed sanctions on Rosneft on October 22, 2025."
S1 = "Vladimir Putin called them unfriendly on October 23, 2025."
S2 = "Oil prices rose."
S3 = "Analysts expect more."


def assert_consistent(article: Article) -> list[Claim]:
    """Offsets match the body, positions are 0..n-1 and follow the text."""
    article.refresh_from_db()
    claims = list(article.claims.order_by("position"))
    assert [c.position for c in claims] == list(range(len(claims)))
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text
    return claims


@pytest.fixture
def people(db) -> dict[str, Actor]:
    # get_or_create: the gazetteer migration may already know some of them.
    trump = Actor.objects.get_or_create(name="Donald Trump")[0]
    putin = Actor.objects.get_or_create(name="Vladimir Putin")[0]
    ActorAlias.objects.get_or_create(actor=putin, alias="Putin")
    rosneft = Actor.objects.get_or_create(name="Rosneft", defaults={"kind": "organization"})[0]
    return {"trump": trump, "putin": putin, "rosneft": rosneft}


@pytest.fixture
def sanctions(people) -> Article:
    article = Article.objects.create(
        title="Sanctions", body=BODY, raw_text=BODY, content_hash="a" * 64, source_name="s.txt"
    )
    event = Event.objects.create(title="Rosneft sanctions", date=dt.date(2025, 10, 22))
    # The importer's mistake: S0 and S1 came out as one claim.
    joined = make_claim(
        article,
        f"{S0} {S1}",
        0,
        paragraph=1,
        speaker=people["trump"],
        check_worthiness=0.8,
        check_reasons=["numbers"],
        mentioned_dates=[
            {"text": "October 22, 2025", "date": "2025-10-22", "precision": "day"},
            {"text": "October 23, 2025", "date": "2025-10-23", "precision": "day"},
        ],
    )
    joined.actors.set([people["trump"], people["putin"], people["rosneft"]])
    joined.events.add(event)
    make_claim(article, S2, 1, paragraph=1)
    make_claim(article, S3, 2, paragraph=2)
    return article


def claim_at(article: Article, position: int) -> Claim:
    return article.claims.get(position=position)


# --- Split -----------------------------------------------------------------------------------


def test_sentence_boundaries_are_offered_where_sentences_start():
    text = f"{S0} {S1}"
    assert editing.sentence_boundaries(text) == [len(S0) + 1]
    assert editing.sentence_boundaries("“We will win.” He left!  Then? ok") == [15, 25, 31]
    assert editing.sentence_boundaries("No boundary here.") == []


def test_split_keeps_offsets_positions_and_sends_mentions_to_their_part(sanctions, people, editor):
    joined = claim_at(sanctions, 0)
    first, second = split_claim(joined, at=len(S0) + 1, editor=editor)
    claims = assert_consistent(sanctions)
    assert [c.text for c in claims] == [S0, S1, S2, S3]
    assert first.pk == joined.pk and claims[1].pk == second.pk
    assert set(first.actors.all()) == {people["trump"], people["rosneft"]}
    assert set(second.actors.all()) == {people["putin"]}  # matched through the alias too
    assert [d["date"] for d in first.mentioned_dates] == ["2025-10-22"]
    assert [d["date"] for d in second.mentioned_dates] == ["2025-10-23"]
    assert second.speaker == people["trump"] and second.kind == first.kind
    assert list(second.events.all()) == list(first.events.all())
    assert (second.check_worthiness, second.check_reasons) == (0.8, ["numbers"])
    assert second.paragraph == first.paragraph == 1
    # Claims after the split moved one down and their open forms went stale.
    assert claim_at(sanctions, 2).version == 2


def test_split_anywhere_drops_whitespace_at_the_cut(sanctions, editor):
    joined = claim_at(sanctions, 0)
    first, second = split_claim(joined, at=len(S0), editor=editor)  # just before the space
    assert (first.text, second.text) == (S0, S1)
    assert_consistent(sanctions)
    first, second = split_claim(first, at=12, editor=editor)  # mid-sentence
    assert (first.text, second.text) == ("Donald Trump", S0[13:])
    assert len(assert_consistent(sanctions)) == 5


def test_an_actor_named_in_neither_part_stays_on_both(sanctions, editor):
    joined = claim_at(sanctions, 0)
    ghost = Actor.objects.create(name="Unnamed Official")
    joined.actors.add(ghost)
    first, second = split_claim(joined, at=len(S0) + 1, editor=editor)
    assert ghost in first.actors.all() and ghost in second.actors.all()


@pytest.mark.parametrize("at", [0, -1, len(f"{S0} {S1}"), 10_000])
def test_split_outside_the_claim_is_refused(sanctions, editor, at):
    joined = claim_at(sanctions, 0)
    with pytest.raises(EditRefused, match="outside the claim"):
        split_claim(joined, at=at, editor=editor)
    assert sanctions.claims.count() == 3


def test_split_leaving_an_empty_part_is_refused(editor):
    body = "T\n\nAbc.   \n\nx"
    article = Article.objects.create(title="T", body=body, raw_text=body, content_hash="e" * 64)
    claim = make_claim(article, "Abc.   ", 0)
    with pytest.raises(EditRefused, match="Both parts"):
        split_claim(claim, at=5, editor=editor)


def test_split_of_a_reviewed_claim_leaves_history_with_the_first_part(sanctions, editor):
    joined = claim_at(sanctions, 0)
    give_verdict(
        joined,
        verdict="contradicted",
        editor=editor,
        note="wrong",
        evidence=[{"url": "https://example.org/e", "stance": "refutes"}],
    )
    other = claim_at(sanctions, 2)
    ClaimRelation.objects.create(from_claim=other, to_claim=joined, relation="contradicts")
    first, second = split_claim(Claim.objects.get(pk=joined.pk), at=len(S0) + 1, editor=editor)
    assert (first.verdict, first.reviews.count(), first.evidence.count()) == ("contradicted", 1, 1)
    assert ClaimRelation.objects.get().to_claim == first
    assert (second.verdict, second.version) == ("unverified", 1)
    assert not second.reviews.exists() and not second.evidence.exists()
    assert first.version == 3  # the verdict, then the new text


# --- Merge -----------------------------------------------------------------------------------


def test_merge_with_next_spans_both_and_closes_the_gap(sanctions, people, editor):
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    merged = merge_with_next(first, editor=editor)
    claims = assert_consistent(sanctions)
    assert [c.text for c in claims] == [f"{S0} {S1}", S2, S3]
    assert merged.pk == first.pk and not Claim.objects.filter(pk=second.pk).exists()
    assert set(merged.actors.all()) == set(people.values())
    assert [d["date"] for d in merged.mentioned_dates] == ["2025-10-22", "2025-10-23"]


def test_merge_includes_text_between_the_claims(editor):
    body = "T\n\nHe said: prices rose. (Reuters) They fell later."
    article = Article.objects.create(title="T", body=body, raw_text=body, content_hash="f" * 64)
    a = make_claim(article, "prices rose.", 0)
    make_claim(article, "They fell later.", 1)
    merged = merge_with_next(a, editor=editor)
    assert merged.text == "prices rose. (Reuters) They fell later."
    assert_consistent(article)


def test_merge_of_reviewed_and_unreviewed_keeps_the_reviewed_ones_pk_and_history(sanctions, editor):
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    give_verdict(
        second,
        verdict="corroborated",
        editor=editor,
        note="seen it",
        evidence=[{"url": "https://example.org/readout", "stance": "supports"}],
    )
    rel = ClaimRelation.objects.create(
        from_claim=second, to_claim=claim_at(sanctions, 3), relation="corroborates"
    )
    merged = merge_with_next(Claim.objects.get(pk=first.pk), editor=editor)
    assert merged.pk == second.pk and merged.position == 0
    assert not Claim.objects.filter(pk=first.pk).exists()
    assert (merged.verdict, merged.verdict_note) == ("corroborated", "seen it")
    assert merged.reviews.get().note == "seen it"
    assert merged.evidence.get().url == "https://example.org/readout"
    rel.refresh_from_db()
    assert rel.from_claim == merged
    assert_consistent(sanctions)


def test_merge_of_two_reviewed_claims_with_different_verdicts_is_refused(sanctions, editor):
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    give_verdict(Claim.objects.get(pk=first.pk), verdict="corroborated", editor=editor)
    give_verdict(second, verdict="contradicted", editor=editor)
    with pytest.raises(EditRefused, match=r"Corroborated.*Contradicted.*same verdict"):
        merge_with_next(Claim.objects.get(pk=first.pk), editor=editor)
    assert sanctions.claims.count() == 4
    assert Review.objects.count() == 2


def test_merge_of_two_reviewed_claims_with_the_same_verdict_keeps_both_histories(sanctions, editor):
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    give_verdict(Claim.objects.get(pk=first.pk), verdict="mixed", editor=editor, note="one")
    give_verdict(second, verdict="mixed", editor=editor, note="two")
    merged = merge_with_next(Claim.objects.get(pk=first.pk), editor=editor)
    assert merged.pk == first.pk
    assert sorted(merged.reviews.values_list("note", flat=True)) == ["one", "two"]


def test_merge_moves_history_of_an_unverified_claim_that_was_reviewed_before(sanctions, editor):
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    give_verdict(second, verdict="mixed", editor=editor, note="was mixed")
    give_verdict(second, verdict="unverified", editor=editor, note="reopened")
    merged = merge_with_next(Claim.objects.get(pk=first.pk), editor=editor)
    assert merged.pk == second.pk  # only it has history: it stays
    assert merged.reviews.count() == 2


def test_merge_drops_a_relation_between_the_two_and_duplicate_relations(sanctions, editor):
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    target = claim_at(sanctions, 3)
    ClaimRelation.objects.create(from_claim=first, to_claim=second, relation="corroborates")
    ClaimRelation.objects.create(from_claim=first, to_claim=target, relation="contradicts")
    ClaimRelation.objects.create(from_claim=second, to_claim=target, relation="contradicts")
    merged = merge_with_next(first, editor=editor)
    assert list(ClaimRelation.objects.values_list("from_claim", "to_claim", "relation")) == [
        (merged.pk, target.pk, "contradicts")
    ]


def test_merge_folds_a_relation_that_mirrors_one_the_kept_claim_has(sanctions, editor):
    """first → target and target → second, same relation: after the merge both say the same
    about the merged claim, so they become one relation (the database allows no mirror),
    keeping both notes."""
    first, second = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    target = claim_at(sanctions, 3)
    kept = ClaimRelation.objects.create(
        from_claim=first, to_claim=target, relation="contradicts", note="one"
    )
    ClaimRelation.objects.create(
        from_claim=target, to_claim=second, relation="contradicts", note="two"
    )
    merged = merge_with_next(first, editor=editor)
    assert list(ClaimRelation.objects.values_list("pk", "from_claim", "to_claim", "note")) == [
        (kept.pk, merged.pk, target.pk, "one\n\ntwo")
    ]


def test_merge_of_the_last_claim_or_across_paragraphs_is_refused(sanctions, editor):
    with pytest.raises(EditRefused, match="last claim"):
        merge_with_next(claim_at(sanctions, 2), editor=editor)
    with pytest.raises(EditRefused, match="different paragraphs"):
        merge_with_next(claim_at(sanctions, 1), editor=editor)
    assert sanctions.claims.count() == 3


def test_split_then_merge_round_trips(sanctions, editor):
    before = [(c.text, c.start, c.end) for c in assert_consistent(sanctions)]
    first, _ = split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    merge_with_next(first, editor=editor)
    assert [(c.text, c.start, c.end) for c in assert_consistent(sanctions)] == before


def test_edits_of_other_articles_are_untouched(sanctions, claims, editor):
    other_positions = list(
        Claim.objects.filter(article=claims[0].article).values_list("position", "version")
    )
    split_claim(claim_at(sanctions, 0), at=len(S0) + 1, editor=editor)
    assert (
        list(Claim.objects.filter(article=claims[0].article).values_list("position", "version"))
        == other_positions
    )


# --- Bulk verdicts, relations, events --------------------------------------------------------


def test_set_verdicts_is_all_or_nothing_on_a_stale_claim(claims, editor):
    versions = {c.pk: c.version for c in claims}
    give_verdict(Claim.objects.get(pk=claims[2].pk), verdict="mixed", editor=editor)
    with pytest.raises(StaleVersion):
        editing.set_verdicts(versions, verdict="contradicted", editor=editor, note="n")
    assert Review.objects.count() == 1
    assert Claim.objects.filter(verdict="contradicted").count() == 0


def test_set_verdicts_writes_one_review_and_evidence_each(claims, editor):
    versions = {c.pk: c.version for c in claims[:2]}
    reviews = editing.set_verdicts(
        versions,
        verdict="corroborated",
        editor=editor,
        note="n",
        evidence=[{"url": "https://example.org/a", "stance": "supports"}],
    )
    assert len(reviews) == 2
    assert Evidence.objects.filter(review__in=reviews, added_by=editor).count() == 2


def test_set_verdicts_refuses_a_missing_claim(claims, editor):
    with pytest.raises(EditRefused, match="no longer exist"):
        editing.set_verdicts({claims[0].pk: 1, 999999: 1}, verdict="mixed", editor=editor)
    assert not Review.objects.exists()


def test_relate_and_remove(claims, editor):
    rel, created = editing.relate_claims(claims[0], claims[1], "duplicates", editor=editor)
    assert created and rel.created_by == editor
    assert editing.relate_claims(claims[0], claims[1], "duplicates", editor=editor)[1] is False
    with pytest.raises(EditRefused):
        editing.relate_claims(claims[0], claims[0], "duplicates", editor=editor)
    with pytest.raises(EditRefused):
        editing.relate_claims(claims[0], claims[1], "hates", editor=editor)
    with pytest.raises(EditRefused):
        editing.remove_relation(claims[2], rel.pk)  # not one of claims[2]'s relations
    editing.remove_relation(claims[1], rel.pk)  # incoming counts
    assert not ClaimRelation.objects.exists()


def test_relating_the_other_way_round_returns_the_existing_relation(claims, editor):
    a, b, _ = claims
    first, created = editing.relate_claims(a, b, "contradicts", editor=editor, note="a says no")
    assert created
    again, created = editing.relate_claims(b, a, "contradicts", editor=None, note="b says no")
    assert (again.pk, created) == (first.pk, False)
    again.refresh_from_db()
    assert (again.from_claim, again.note, again.created_by) == (a, "a says no", editor)
    # A different relation between the same pair is a new link.
    assert editing.relate_claims(b, a, "duplicates", editor=editor)[1] is True
    assert ClaimRelation.objects.count() == 2


def test_relating_a_pair_linked_meanwhile_returns_that_relation(claims, editor, monkeypatch):
    """Another editor links the pair (the other way round) between this call's check and its
    insert: the database's unique constraint refuses the insert, and the call answers with
    the other editor's relation, leaving the surrounding transaction usable."""
    a, b, _ = claims
    theirs = ClaimRelation.objects.create(from_claim=b, to_claim=a, relation="corroborates")
    between = ClaimRelationQuerySet.between
    calls: list[int] = []

    def misses_the_first_time(self, one, other):  # the check ran before their commit
        calls.append(1)
        found = between(self, one, other)
        return found.none() if len(calls) == 1 else found

    monkeypatch.setattr(ClaimRelationQuerySet, "between", misses_the_first_time)
    relation, created = editing.relate_claims(a, b, "corroborates", editor=editor)
    assert (relation.pk, created) == (theirs.pk, False)
    assert len(calls) == 2  # the insert was tried, and failed, in between
    assert ClaimRelation.objects.count() == 1


def test_merge_actors_refuses_when_an_actor_was_merged_away_meanwhile(db):
    keep = Actor.objects.create(name="Sergey Lavrov")
    duplicate = Actor.objects.create(name="Sergei Lavrov")
    gone = Actor.objects.create(name="S. Lavrov")
    editing.merge_actors(keep_id=keep.pk, other_ids=[gone.pk])  # another editor
    with pytest.raises(EditRefused, match="to keep no longer exists"):
        editing.merge_actors(keep_id=gone.pk, other_ids=[keep.pk, duplicate.pk])
    with pytest.raises(EditRefused, match="to merge into Sergey Lavrov no longer exist"):
        editing.merge_actors(keep_id=keep.pk, other_ids=[gone.pk])
    assert Actor.objects.filter(pk__in=[keep.pk, duplicate.pk]).count() == 2
    # The ones still there are merged.
    kept, merged = editing.merge_actors(keep_id=keep.pk, other_ids=[gone.pk, duplicate.pk])
    assert (kept.pk, [a.name for a in merged]) == (keep.pk, ["Sergei Lavrov"])
    assert not Actor.objects.filter(pk=duplicate.pk).exists()


def test_merge_actors_does_not_retry_an_error_that_is_not_a_race(db, monkeypatch):
    keep = Actor.objects.create(name="Sergey Lavrov")
    duplicate = Actor.objects.create(name="Sergei Lavrov")
    calls: list[int] = []

    def broken(keep: Actor, others: object) -> None:
        calls.append(1)
        raise OperationalError("no such column: claims_actor.nickname")

    monkeypatch.setattr(editing.actors, "_merge_into", broken)
    with pytest.raises(OperationalError, match="no such column"):
        editing.merge_actors(keep_id=keep.pk, other_ids=[duplicate.pk])
    assert calls == [1]


def test_event_status_and_claims_by_verdict(claims, editor):
    event = Event.objects.create(title="Talks", status="suggested")
    for claim in claims:
        claim.events.add(event)
    give_verdict(claims[0], verdict="contradicted", editor=editor)
    assert editing.set_event_status(Event.objects.all(), "confirmed") == 1
    assert Event.objects.get().status == "confirmed"
    with pytest.raises(EditRefused):
        editing.set_event_status(Event.objects.all(), "maybe")
    groups = stats.claims_by_verdict(event, per_verdict=1)
    assert [(v, n, [c.pk for c in shown]) for v, n, shown in groups] == [
        ("unverified", 2, [claims[1].pk]),
        ("contradicted", 1, [claims[0].pk]),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_splits_of_one_article_keep_positions_unique():
    """Three editors splitting claims of the same article at once: the article row lock
    serialises them, so positions stay unique and in order (PostgreSQL; SQLite has one
    writer at a time anyway)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL only")
    body = "T\n\n" + " ".join(f"Sentence {i} ends. Part {i} too." for i in range(6))
    article = Article.objects.create(title="T", body=body, raw_text=body, content_hash="c" * 64)
    for i in range(6):
        make_claim(article, f"Sentence {i} ends. Part {i} too.", i)
    editor = User.objects.create_user("conc", is_staff=True)
    errors: list[BaseException] = []

    def work(position: int) -> None:
        try:
            claim = Claim.objects.get(article=article, text__startswith=f"Sentence {position} ")
            split_claim(claim, at=len(f"Sentence {position} ends. "), editor=editor)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in (1, 3, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(assert_consistent(article)) == 9
