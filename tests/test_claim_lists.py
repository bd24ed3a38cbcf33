"""claims_claim_lists (migrations 0013 and 0014, PostgreSQL only): each claim's actors and events as
JSON, kept by triggers, read by the claim list. After every kind of write the stored lists
must equal the lists computed from the links themselves (``payloads.actors_by_claim`` /
``events_by_claim``, plain ORM queries): links added, removed, re-pointed, actors and events
renamed, merged, deleted, claims deleted, an import and a re-import, and two transactions
changing one claim's links at once."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from claims.api.payloads import actors_by_claim, events_by_claim
from claims.editing.actors import merge_actors
from claims.importer.service import import_file
from claims.models import Actor, Claim, Event
from tests.factories import make_article, make_claim

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lists table is PostgreSQL's (the JSON path)"
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def stored() -> dict[int, tuple[list, list]]:
    """{claim id: (actors, events)} as the table holds them, for claims with any."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT claim_id, actors::text, events::text FROM claims_claim_lists")
        rows = cursor.fetchall()
    out = {pk: (json.loads(actors), json.loads(events)) for pk, actors, events in rows}
    return {pk: lists for pk, lists in out.items() if lists != ([], [])}


def computed() -> dict[int, tuple[list, list]]:
    ids = list(Claim.objects.values_list("pk", flat=True))
    actors, events = actors_by_claim(ids), events_by_claim(ids)
    out = {pk: (actors.get(pk, []), events.get(pk, [])) for pk in ids}
    return {pk: lists for pk, lists in out.items() if lists != ([], [])}


def assert_in_step() -> None:
    assert stored() == computed()


@pytest.fixture
def linked(db):
    article = make_article("Lists", ["One said.", "Two said.", "Three said."])
    zed = Actor.objects.create(name="Zed Ministry", kind=Actor.Kind.ORGANIZATION)
    amy = Actor.objects.create(name="Amy Speaker")
    talks = Event.objects.create(title="Talks", date=dt.date(2025, 2, 18))
    summit = Event.objects.create(title="Summit")
    claims = [
        make_claim(article, "One said.", 0, actors=[zed, amy], events=[summit, talks]),
        make_claim(article, "Two said.", 1, actors=[zed]),
        make_claim(article, "Three said.", 2),
    ]
    return claims, zed, amy, talks, summit


def test_each_kind_of_link_rewrites_its_own_list_and_keeps_the_other(linked):
    """Migration 0014: a link change rewrites one list; the other stays whole, whichever
    kind a claim was linked to first."""
    (_one, two, three), _zed, amy, talks, summit = linked
    three.events.add(talks)  # events first: a new row, actors empty
    three.actors.add(amy)
    assert stored()[three.pk] == (
        [{"id": amy.pk, "name": "Amy Speaker", "kind": "person"}],
        [{"id": talks.pk, "title": "Talks", "date": "2025-02-18"}],
    )
    two.events.add(summit)  # actors first (the fixture), then events
    assert [a["name"] for a in stored()[two.pk][0]] == ["Zed Ministry"]
    three.events.clear()
    assert [a["name"] for a in stored()[three.pk][0]] == ["Amy Speaker"]
    assert_in_step()


def test_links_added_removed_and_cleared(linked):
    (one, two, three), zed, amy, _talks, summit = linked
    assert_in_step()
    assert [a["name"] for a in stored()[one.pk][0]] == ["Amy Speaker", "Zed Ministry"]
    assert [e["title"] for e in stored()[one.pk][1]] == ["Talks", "Summit"]  # undated last
    three.actors.add(amy)
    two.actors.remove(zed)
    one.events.set([summit])
    assert_in_step()
    one.actors.clear()
    one.events.clear()
    assert_in_step()
    assert one.pk not in stored() and three.pk in stored()


def test_links_repointed_and_renames(linked):
    (one, two, _), zed, amy, talks, _summit = linked
    Claim.actors.through.objects.filter(claim=two, actor=zed).update(actor=amy)
    assert_in_step()
    zed.name = "Aardvark Ministry"  # now sorts first
    zed.save()
    talks.date = None
    talks.save()
    assert_in_step()
    assert [a["name"] for a in stored()[one.pk][0]] == ["Aardvark Ministry", "Amy Speaker"]
    before = stored()
    Actor.objects.filter(pk=amy.pk).update(wikidata_id="Q1")  # not shown: nothing changes
    assert stored() == before


def test_merges_and_deletions(linked):
    (one, two, _three), zed, amy, _talks, summit = linked
    merge_actors(keep_id=amy.pk, other_ids=[zed.pk])
    assert_in_step()
    assert [a["name"] for a in stored()[two.pk][0]] == ["Amy Speaker"]
    summit.delete()
    assert_in_step()
    amy.delete()
    assert_in_step()
    one.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claim_lists WHERE claim_id = %s", [one.pk])
        assert cursor.fetchone()[0] == 0
    assert_in_step()


def test_import_and_reimport_keep_the_lists_in_step(db):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    import_file(seed)
    assert Claim.objects.filter(actors__isnull=False).exists()
    assert_in_step()
    import_file(seed)  # unchanged: nothing rewritten
    assert_in_step()


@pytest.mark.django_db(transaction=True)
def test_two_transactions_linking_one_claim_both_count():
    article = make_article("Race", ["Both link this."])
    claim = make_claim(article, "Both link this.", 0)
    first = Actor.objects.create(name="First")
    second = Actor.objects.create(name="Second")
    first_linked = threading.Event()
    errors: list[BaseException] = []

    def link(actor: Actor, before=None, after=None) -> None:
        try:
            if before:
                before.wait(5)
            with transaction.atomic():
                claim.actors.add(actor)
                if after:
                    after.set()
                    time.sleep(0.5)  # the other transaction runs its trigger meanwhile
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=link, args=(first,), kwargs={"after": first_linked}),
        threading.Thread(target=link, args=(second,), kwargs={"before": first_linked}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not errors
    assert [a["name"] for a in stored()[claim.pk][0]] == ["First", "Second"]
    assert_in_step()


def test_generated_data_gets_its_lists(db):
    """generate_data loads with the link triggers off, then writes the lists once; the
    triggers are on again after (a later link is kept in step)."""
    options = {"articles": 6, "actors": 20, "events": 5, "reviews": 0, "relations": 0}
    out = io.StringIO()
    call_command("generate_data", claims=120, seed=5, truncate=True, **options, stdout=out)
    call_command("generate_data", claims=30, seed=6, **options, stdout=out)
    assert len(stored()) > 100
    assert_in_step()
    claim = Claim.objects.order_by("pk").last()
    claim.actors.add(Actor.objects.exclude(mentioned_in=claim).first())
    assert_in_step()
