"""Real concurrent writers on PostgreSQL: threads, each with its own connection, released at
once by a barrier.

* two editors giving a verdict to the same claim: exactly one wins, the other gets 409, the
  history holds exactly the winning change;
* an import of a new version of an article while an editor reviews one of its claims: the
  review, its evidence and the verdict survive, offsets stay valid;
* an actor merge racing an import that names the duplicate: no claim or link points at the
  deleted actor, and none loses its speaker or mention; the import either waits or fails
  cleanly and succeeds when retried;
* an actor merge racing a re-import of an article naming the duplicate: both take the actor
  locks before touching claims, so neither deadlocks, and the admin answers with a redirect
  and a message, never a 500;
* two editors linking the same pair of claims from opposite ends at once: one row, the other
  editor is told about it.

SQLite has one writer at a time (a whole-database lock), so these races cannot happen there;
the tests are skipped with that reason.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection, connections
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from claims import editing
from claims.importer import persist
from claims.importer.service import ImportResult, import_article
from claims.models import Actor, Article, Claim, ClaimRelation, Evidence, Review, StaleVersion
from tests.factories import give_verdict

pytestmark = [
    # Decided before any fixture runs: a skipped transactional test would still set up and
    # flush the test database.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL: SQLite serialises all writes",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres_only,
]

ROUNDS = 5
TIMEOUT = 30  # seconds a thread may take before the test calls it a deadlock


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Run each job in its own thread (own connection), all released at the same moment.
    Returns each job's result, or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def work(i: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            results[i] = job()
        except BaseException as exc:  # reported to the test, not lost in the thread
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
        assert not thread.is_alive(), "a writer is stuck: deadlock?"
    return results


def make_editor(name: str) -> User:
    user = User.objects.create_user(name, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def api_as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def assert_offsets_valid(article: Article) -> None:
    article.refresh_from_db()
    claims = list(article.claims.order_by("position"))
    positions = [c.position for c in claims]
    assert positions == sorted(set(positions))
    previous_end = 0
    for claim in sorted(claims, key=lambda c: c.start):
        assert article.body[claim.start : claim.end] == claim.text
        assert claim.start >= previous_end, "claims overlap"
        previous_end = claim.end


# --- Two editors, one claim ------------------------------------------------------------------

ARTICLE = (
    "Title: Talks in Riyadh\nPublished: 2025-02-19\n\n"
    "US and Russian officials met in Riyadh on February 18, 2025, the State Department said.\n\n"
    "Sergei Lavrov said sanctions on Russian oil must end before any agreement.\n\n"
    "Marco Rubio said the United States wants the war to end this year.\n\n"
    "Analysts said the talks in Riyadh were only a first step toward a ceasefire.\n"
)


def import_one(text: str = ARTICLE, name: str = "riyadh.txt") -> Article:
    result = import_article(text=text, source_name=name)
    assert result.status in ("created", "updated"), result.error
    return Article.objects.get(pk=result.article_id)


def test_two_editors_same_claim_through_the_api_exactly_one_wins():
    article = import_one()
    claim = article.claims.order_by("position").first()
    alice, bob = make_editor("alice"), make_editor("bob")
    verdicts = {"alice": "corroborated", "bob": "contradicted"}
    for round_ in range(ROUNDS):
        claim.refresh_from_db()
        version, reviews = claim.version, Review.objects.filter(claim=claim).count()

        def post(user: User, version: int = version, round_: int = round_) -> Any:
            return api_as(user).post(
                f"/api/claims/{claim.pk}/verdict/",
                {
                    "verdict": verdicts[user.username],
                    "note": f"{user.username} round {round_}",
                    "evidence": [{"url": f"https://example.org/{user.username}/{round_}"}],
                    "version": version,
                },
                format="json",
            )

        first, second = run_together(lambda: post(alice), lambda: post(bob))
        codes = sorted([first.status_code, second.status_code])
        assert codes == [201, 409], (first, second)
        winner = alice if first.status_code == 201 else bob
        loser = bob if winner is alice else alice
        claim.refresh_from_db()
        assert claim.version == version + 1
        assert claim.verdict == verdicts[winner.username]
        assert claim.reviewed_by == winner
        assert claim.verdict_note == f"{winner.username} round {round_}"
        new = list(Review.objects.filter(claim=claim).order_by("-id")[:1])
        assert Review.objects.filter(claim=claim).count() == reviews + 1
        assert new[0].editor == winner and new[0].verdict == verdicts[winner.username]
        # The loser's evidence was not written either: nothing of theirs half-saved.
        assert not Evidence.objects.filter(url__contains=f"/{loser.username}/{round_}").exists()
        assert Evidence.objects.filter(url__contains=f"/{winner.username}/{round_}").count() == 1
        loser_body = (second if first.status_code == 201 else first).json()
        assert loser_body["claim"]["version"] == version + 1


def test_many_writers_with_the_same_expected_version_one_wins():
    article = import_one()
    claim = article.claims.order_by("position").last()
    editors = [make_editor(f"e{i}") for i in range(4)]
    for _ in range(ROUNDS):
        claim.refresh_from_db()
        version = claim.version

        def give(editor: User, version: int = version) -> Any:
            mine = Claim.objects.get(pk=claim.pk)
            return give_verdict(
                mine, verdict="mixed", editor=editor, note=editor.username, loaded_version=version
            )

        results = run_together(*[lambda e=e: give(e) for e in editors])
        won = [r for r in results if isinstance(r, Review)]
        stale = [r for r in results if isinstance(r, StaleVersion)]
        assert len(won) == 1 and len(stale) == len(editors) - 1, results
        claim.refresh_from_db()
        assert claim.version == version + 1
        assert claim.verdict_note == won[0].editor.username
    assert Review.objects.filter(claim=claim).count() == ROUNDS


# --- An import while an editor reviews -------------------------------------------------------

UPDATED = ARTICLE.replace(
    "Analysts said the talks in Riyadh were only a first step toward a ceasefire.\n",
    "Analysts said the talks in Riyadh were only a first step toward a ceasefire.\n\n"
    "Officials said a second round of talks would take place in Istanbul in March.\n",
).replace("the State Department said", "the US State Department said")


def review_via_api(editor: User, claim: Claim, note: str) -> Any:
    claim.refresh_from_db()
    return api_as(editor).post(
        f"/api/claims/{claim.pk}/verdict/",
        {
            "verdict": "contradicted",
            "note": note,
            "evidence": [{"url": "https://example.org/evidence", "stance": "refutes"}],
            "version": claim.version,
        },
        format="json",
    )


def test_import_of_a_new_version_while_an_editor_reviews_a_claim_keeps_the_review():
    """The claim under review already has history, so the import must keep it: both writes
    land, and neither overwrites the other's columns."""
    editor = make_editor("alice")
    article = import_one(ARTICLE, name="riyadh.txt")
    claim = article.claims.get(text__startswith="Sergei Lavrov said")
    give_verdict(claim, verdict="mixed", editor=editor, note="first look")
    for round_ in range(ROUNDS):
        new_text = UPDATED if round_ % 2 == 0 else ARTICLE  # back and forth
        reviews = Review.objects.filter(claim=claim).count()
        note = f"second look {round_}"

        imported, reviewed = run_together(
            lambda t=new_text: import_article(text=t, source_name="riyadh.txt"),
            lambda c=claim, n=note: review_via_api(editor, c, n),
        )
        assert isinstance(imported, ImportResult), imported
        assert imported.status == "updated", imported.error
        assert reviewed.status_code == 201, reviewed.content
        claim.refresh_from_db()
        assert (claim.verdict, claim.verdict_note) == ("contradicted", note)
        assert Review.objects.filter(claim=claim).count() == reviews + 1
        assert Evidence.objects.filter(claim=claim, review__note=note).count() == 1
        assert claim.article_id == article.pk
        assert_offsets_valid(article)


def test_import_racing_a_first_review_never_loses_it():
    """The claim is untouched when the import starts, so the import may replace it. Either
    the editor's verdict lands first (the import keeps the claim, or fails cleanly and a retry
    keeps it), or the import lands first (the editor's request is a 404: nothing half-written).
    Never a review without its claim, never a verdict silently dropped."""
    editor = make_editor("alice")
    outcomes = set()
    for round_ in range(ROUNDS):
        Evidence.objects.all().delete()
        Review.objects.all().delete()
        Article.objects.all().delete()
        article = import_one(ARTICLE, name=f"race-{round_}.txt")
        claim = article.claims.get(text__startswith="Sergei Lavrov said")
        note = f"first look {round_}"
        name = f"race-{round_}.txt"
        imported, reviewed = run_together(
            lambda n=name: import_article(text=UPDATED, source_name=n),
            lambda c=claim, n=note: review_via_api(editor, c, n),
        )
        assert isinstance(imported, ImportResult), imported
        if imported.status == "failed":
            assert "retry" in imported.error, imported.error
            assert reviewed.status_code == 201
            retried = import_article(text=UPDATED, source_name=name)
            assert retried.status == "updated", retried.error
        else:
            assert imported.status == "updated"
            assert reviewed.status_code in (201, 404), reviewed.content
        if reviewed.status_code == 201:
            kept = Claim.objects.get(pk=claim.pk)
            assert (kept.verdict, kept.verdict_note) == ("contradicted", note)
            assert Review.objects.filter(claim=kept, note=note).count() == 1
            assert Evidence.objects.filter(claim=kept).count() == 1
        else:
            assert not Review.objects.exists() and not Evidence.objects.exists()
        outcomes.add((imported.status, reviewed.status_code))
        assert_offsets_valid(article)
    assert outcomes  # which interleavings happened varies from run to run


# --- Actor merge against an import -----------------------------------------------------------

MERGE_TEXT = (
    "Title: Lavrov in Ankara\n\n"
    "Sergei Lavrov said the sanctions on Russian oil would have to end first.\n\n"
    "Officials said Sergei Lavrov met Turkish diplomats in Ankara on Monday.\n"
)


def lavrov_claims(article_id: int) -> list[Claim]:
    return list(
        Claim.objects.filter(article_id=article_id, text__contains="Lavrov").prefetch_related(
            "actors"
        )
    )


def assert_no_orphans() -> None:
    actor_ids = set(Actor.objects.values_list("pk", flat=True))
    speakers = set(Claim.objects.exclude(speaker=None).values_list("speaker_id", flat=True))
    assert speakers <= actor_ids
    mentioned = set(Claim.actors.through.objects.values_list("actor_id", flat=True))
    assert mentioned <= actor_ids


def merge_once(keep: Actor, duplicate: Actor) -> None:
    """The editors' merge with a single attempt: a deadlock fails it instead of being retried
    away, so these tests still see one."""
    editing.merge_actors(keep_id=keep.pk, other_ids=[duplicate.pk], attempts=1)


def merge_and_import(keep: Actor, duplicate: Actor, name: str, *, pause: Any = None) -> tuple:
    def merge() -> Any:
        merge_once(keep, duplicate)
        return "merged"

    def imported() -> Any:
        return import_article(text=MERGE_TEXT, source_name=name)

    return tuple(run_together(merge, imported))


def check_merge_outcome(keep: Actor, duplicate: Actor, result: Any, name: str) -> None:
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert isinstance(result, ImportResult), result
    if result.status == "failed":
        assert "retry" in result.error, result.error
        result = import_article(text=MERGE_TEXT, source_name=name)
    assert result.status == "created", result.error
    assert_no_orphans()
    claims = lavrov_claims(result.article_id)
    assert claims
    for claim in claims:
        # Every mention of the duplicate now names the kept actor: nothing was dropped.
        assert keep in claim.actors.all(), (claim.text, list(claim.actors.all()))
    said = next(c for c in claims if c.text.startswith("Sergei Lavrov said"))
    assert said.speaker_id == keep.pk


def make_duplicates() -> tuple[Actor, Actor]:
    keep = Actor.objects.create(name="Sergey Lavrov", description="Russian foreign minister")
    duplicate = Actor.objects.create(name="Sergei Lavrov")
    return keep, duplicate


def test_actor_merge_racing_an_import_leaves_no_orphan_and_loses_no_link():
    for round_ in range(ROUNDS):
        Article.objects.all().delete()
        Actor.objects.filter(name__contains="Lavrov").delete()
        keep, duplicate = make_duplicates()
        name = f"ankara-{round_}.txt"
        merged, result = merge_and_import(keep, duplicate, name)
        assert merged == "merged", merged
        check_merge_outcome(keep, duplicate, result, name)


def test_import_committing_in_the_middle_of_a_merge_loses_no_link(monkeypatch):
    """The worst interleaving, forced: the merge has moved the duplicate's references and is
    about to delete it when the import commits claims that name the duplicate. Deleting it
    then would SET NULL their speaker and cascade their mentions away. The merge must hold
    the duplicate locked, so the import waits and then fails cleanly (and a retry works)."""
    keep, duplicate = make_duplicates()
    committed = threading.Event()
    original_delete = Actor.delete

    def delete_after_the_import(self: Actor, *args: Any, **kwargs: Any) -> Any:
        if self.pk == duplicate.pk:
            committed.wait(timeout=3)  # an import blocked by the merge's lock never commits
        return original_delete(self, *args, **kwargs)

    def import_then_signal() -> Any:
        try:
            return import_article(text=MERGE_TEXT, source_name="ankara.txt")
        finally:
            committed.set()

    monkeypatch.setattr(Actor, "delete", delete_after_the_import)

    def merge() -> str:
        merge_once(keep, duplicate)
        return "merged"

    merged, result = run_together(merge, import_then_signal)
    assert merged == "merged", merged
    monkeypatch.setattr(Actor, "delete", original_delete)
    check_merge_outcome(keep, duplicate, result, "ankara.txt")


def test_relation_created_twice_at_once_is_one_row():
    article = import_one()
    first, second = list(article.claims.order_by("position")[:2])
    editors = [make_editor("alice"), make_editor("bob")]

    def relate(user: User) -> Any:
        return api_as(user).post(
            f"/api/claims/{first.pk}/relations/",
            {"to_claim": second.pk, "relation": "contradicts"},
            format="json",
        )

    responses = run_together(*[lambda u=u: relate(u) for u in editors])
    assert sorted(r.status_code for r in responses) == [201, 400]
    assert ClaimRelation.objects.count() == 1


# --- Actor merge against a re-import (lock order) --------------------------------------------

REIMPORT_TEXT = MERGE_TEXT.replace("on Monday", "on Monday evening")


def wait_for_a_lock_waiter(timeout: float = 5.0) -> bool:
    """Poll until some session of this test database waits for a lock (True), or time out."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # pg_stat_activity is snapshotted once per transaction unless cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE NOT l.granted AND a.datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def test_merge_while_a_reimport_holds_the_duplicates_claims_does_not_deadlock(monkeypatch):
    """The re-import has replaced the article's claims (which name the duplicate) and not yet
    committed when the merge starts. Unless both take the actors' locks before touching
    claims, the merge waits for the import's claim rows while holding the duplicate, and the
    import's foreign-key check at commit waits for the duplicate: a deadlock."""
    keep, duplicate = make_duplicates()
    first = import_one(MERGE_TEXT, name="ankara.txt")
    assert Claim.objects.filter(article=first, speaker=duplicate).exists()
    claims_written = threading.Event()
    original = persist.link_claims_to_events

    def link_then_let_the_merge_queue(*args: Any, **kwargs: Any) -> Any:
        linked = original(*args, **kwargs)
        claims_written.set()
        wait_for_a_lock_waiter()  # the merge is now blocked on something this import holds
        return linked

    monkeypatch.setattr(persist, "link_claims_to_events", link_then_let_the_merge_queue)

    def merge() -> str:
        assert claims_written.wait(TIMEOUT)
        merge_once(keep, duplicate)
        return "merged"

    def reimport() -> Any:
        return import_article(text=REIMPORT_TEXT, source_name="ankara.txt")

    merged, result = run_together(merge, reimport)
    assert merged == "merged", merged
    assert isinstance(result, ImportResult), result
    assert result.status == "updated", result.error
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert_no_orphans()
    claims = lavrov_claims(first.pk)
    assert claims and all(keep in claim.actors.all() for claim in claims)
    said = next(c for c in claims if c.text.startswith("Sergei Lavrov said"))
    assert said.speaker_id == keep.pk


def test_merge_in_the_admin_racing_reimports_answers_with_a_message_not_a_500():
    """The editor's side of the race above, unforced and repeated: the admin's merge action
    either merges (the import waited, or failed cleanly and is retried) or, should the
    database still abort it, says so; never a 500, never a claim pointing at a deleted
    actor."""
    editor = make_editor("curator")
    admin = Client()
    admin.force_login(editor)
    for round_ in range(ROUNDS):
        Article.objects.all().delete()
        Actor.objects.filter(name__contains="Lavrov").delete()
        keep, duplicate = make_duplicates()
        name = f"ankara-{round_}.txt"
        import_one(MERGE_TEXT, name=name)

        def merge(keep: Actor = keep, duplicate: Actor = duplicate) -> Any:
            return admin.post(
                reverse("admin:claims_actor_changelist"),
                {
                    "action": "merge_actors",
                    "_selected_action": [keep.pk, duplicate.pk],
                    "apply": "1",
                    "keep": keep.pk,
                },
            )

        def reimport(name: str = name) -> Any:
            return import_article(text=REIMPORT_TEXT, source_name=name)

        response, result = run_together(merge, reimport)
        assert not isinstance(response, BaseException), response
        assert response.status_code == 302, response.status_code
        assert isinstance(result, ImportResult), result
        if result.status == "failed":
            assert "retry" in result.error, result.error
            result = import_article(text=REIMPORT_TEXT, source_name=name)
        assert result.status == "updated", result.error
        assert not Actor.objects.filter(pk=duplicate.pk).exists()
        assert_no_orphans()
        claims = lavrov_claims(result.article_id)
        assert claims and all(keep in claim.actors.all() for claim in claims)


# --- Symmetric relations from both ends ------------------------------------------------------


def test_pair_linked_from_both_ends_at_once_is_one_row(monkeypatch):
    """Alice links A → B while Bob links B → A, both after checking that no link exists yet
    (forced: each waits for the other before inserting). The database's constraint on the
    unordered pair admits one row; the other editor gets the 400 naming it, not a 500."""
    article = import_one()
    a, b = list(article.claims.order_by("position")[:2])
    alice, bob = make_editor("alice"), make_editor("bob")
    original_create = QuerySet.create
    for round_ in range(ROUNDS):
        ClaimRelation.objects.all().delete()
        both_checked = threading.Barrier(2)

        def create_when_both_checked(
            self: QuerySet, *args: Any, barrier: threading.Barrier = both_checked, **kwargs: Any
        ) -> Any:
            if self.model is ClaimRelation:
                barrier.wait(timeout=TIMEOUT)
            return original_create(self, *args, **kwargs)

        monkeypatch.setattr(QuerySet, "create", create_when_both_checked)

        def relate(user: User, source: Claim, target: Claim, round_: int = round_) -> Any:
            return api_as(user).post(
                f"/api/claims/{source.pk}/relations/",
                {"to_claim": target.pk, "relation": "contradicts", "note": f"{user} {round_}"},
                format="json",
            )

        first, second = run_together(lambda: relate(alice, a, b), lambda: relate(bob, b, a))
        assert sorted([first.status_code, second.status_code]) == [201, 400], (first, second)
        relation = ClaimRelation.objects.get()  # exactly one row
        winner, loser = (first, second) if first.status_code == 201 else (second, first)
        assert winner.json()["id"] == relation.pk
        assert f"(relation {relation.pk})" in loser.json()["to_claim"][0]
        assert relation.note == f"{relation.created_by} {round_}"
