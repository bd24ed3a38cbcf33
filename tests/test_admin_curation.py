"""Curating actors, events and articles in the admin: merge duplicate actors, Wikidata IDs,
confirm / dismiss suggested events, link claims to events, re-import an article — for editors,
and refused (403, nothing changed) for staff readers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import psycopg
import pytest
from django.db import OperationalError
from django.urls import reverse

from claims import editing
from claims.models import Actor, ActorAlias, Article, Claim, Event
from tests.factories import article_text, give_verdict, use_fake_pipeline

pytestmark = pytest.mark.django_db


def post_action(client, model: str, action: str, objects, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in objects], **extra}
    return client.post(reverse(f"admin:claims_{model}_changelist"), data)


# --- 6. Actors -------------------------------------------------------------------------------


@pytest.fixture
def duplicates(claims):
    rubio = claims[1].speaker
    dup = Actor.objects.create(name="Sen. Marco Rubio", wikidata_id="Q324546")
    ActorAlias.objects.create(actor=dup, alias="Senator Rubio")
    claims[0].actors.add(dup)
    claims[2].speaker = dup
    claims[2].save()
    event = Event.objects.create(title="Riyadh talks")
    event.participants.add(dup)
    return {"rubio": rubio, "dup": dup, "event": event, "claims": claims}


def test_merge_actors_asks_which_to_keep_then_moves_everything(client, duplicates, editor):
    client.force_login(editor)
    rubio, dup = duplicates["rubio"], duplicates["dup"]
    page = post_action(client, "actor", "merge_actors", [rubio, dup], index=0)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="keep"' in html and "Senator Rubio" in html and "Q324546" in html
    done = post_action(client, "actor", "merge_actors", [rubio, dup], apply="1", keep=rubio.pk)
    assert done.status_code == 302
    assert not Actor.objects.filter(pk=dup.pk).exists()
    rubio.refresh_from_db()
    claims = duplicates["claims"]
    assert Claim.objects.get(pk=claims[2].pk).speaker == rubio
    assert rubio in Claim.objects.get(pk=claims[0].pk).actors.all()
    assert list(duplicates["event"].participants.all()) == [rubio]
    assert set(rubio.aliases.values_list("alias", flat=True)) == {
        "Senator Rubio",
        "Sen. Marco Rubio",
    }
    assert rubio.wikidata_id == "Q324546"
    assert (
        "Merged Sen. Marco Rubio into Marco Rubio" in client.get(done["Location"]).content.decode()
    )


def deadlock() -> OperationalError:
    """What Django raises when PostgreSQL picks this transaction as a deadlock's victim."""
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
    return error


def fail_deletes(monkeypatch, times: int) -> list[int]:
    """Make the merge fail late (its references already moved, in its transaction) ``times``
    times, as a deadlock with a concurrent import would."""
    calls: list[int] = []
    original = Actor.delete

    def delete(self: Actor, *args: Any, **kwargs: Any) -> Any:
        calls.append(self.pk)
        if len(calls) <= times:
            raise deadlock()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Actor, "delete", delete)
    monkeypatch.setattr(editing.actors, "_backoff", lambda attempt: None)
    return calls


def assert_nothing_points_at_a_deleted_actor() -> None:
    actors = set(Actor.objects.values_list("pk", flat=True))
    assert set(Claim.objects.exclude(speaker=None).values_list("speaker_id", flat=True)) <= actors
    assert set(Claim.actors.through.objects.values_list("actor_id", flat=True)) <= actors
    assert set(Event.participants.through.objects.values_list("actor_id", flat=True)) <= actors
    assert set(ActorAlias.objects.values_list("actor_id", flat=True)) <= actors


def test_merge_that_hits_a_deadlock_is_retried(client, duplicates, editor, monkeypatch):
    client.force_login(editor)
    rubio, dup = duplicates["rubio"], duplicates["dup"]
    calls = fail_deletes(monkeypatch, times=editing.MERGE_ATTEMPTS - 1)
    done = post_action(client, "actor", "merge_actors", [rubio, dup], apply="1", keep=rubio.pk)
    assert done.status_code == 302
    assert calls == [dup.pk] * editing.MERGE_ATTEMPTS
    assert (
        "Merged Sen. Marco Rubio into Marco Rubio" in client.get(done["Location"]).content.decode()
    )
    assert not Actor.objects.filter(pk=dup.pk).exists()
    assert_nothing_points_at_a_deleted_actor()
    claims = duplicates["claims"]
    assert Claim.objects.get(pk=claims[2].pk).speaker == rubio
    assert rubio in Claim.objects.get(pk=claims[0].pk).actors.all()
    # The failed attempts left nothing behind: one alias per name, not one per attempt.
    assert sorted(rubio.aliases.values_list("alias", flat=True)) == [
        "Sen. Marco Rubio",
        "Senator Rubio",
    ]


def test_merge_that_keeps_hitting_deadlocks_says_so_and_changes_nothing(
    client, duplicates, editor, monkeypatch
):
    client.force_login(editor)
    rubio, dup = duplicates["rubio"], duplicates["dup"]
    calls = fail_deletes(monkeypatch, times=editing.MERGE_ATTEMPTS)
    done = post_action(client, "actor", "merge_actors", [rubio, dup], apply="1", keep=rubio.pk)
    assert done.status_code == 302  # back to the list with a message, not a 500
    assert len(calls) == editing.MERGE_ATTEMPTS  # bounded
    page = client.get(done["Location"]).content.decode()
    assert "The merge could not be saved" in page and "Nothing was changed" in page
    # Every attempt was rolled back: the duplicate and everything pointing at it are intact.
    dup.refresh_from_db()
    assert dup.wikidata_id == "Q324546"
    claims = duplicates["claims"]
    assert Claim.objects.get(pk=claims[2].pk).speaker == dup
    assert list(Claim.objects.get(pk=claims[0].pk).actors.all()) == [dup]
    assert list(duplicates["event"].participants.all()) == [dup]
    assert list(dup.aliases.values_list("alias", flat=True)) == ["Senator Rubio"]
    assert not rubio.aliases.exists()
    assert_nothing_points_at_a_deleted_actor()


def test_merge_needs_two_actors(client, duplicates, editor):
    client.force_login(editor)
    done = post_action(client, "actor", "merge_actors", [duplicates["dup"]], index=0)
    assert done.status_code == 302
    assert Actor.objects.filter(pk=duplicates["dup"].pk).exists()


def test_staff_reader_cannot_merge_actors(client, duplicates, staff_reader):
    client.force_login(staff_reader)
    rubio, dup = duplicates["rubio"], duplicates["dup"]
    for extra in [{"index": 0}, {"apply": "1", "keep": rubio.pk}]:
        assert (
            post_action(client, "actor", "merge_actors", [rubio, dup], **extra).status_code == 403
        )
    assert Actor.objects.filter(pk=dup.pk).exists()


def actor_form(actor: Actor, **overrides) -> dict:
    data = {
        "name": actor.name,
        "kind": actor.kind,
        "description": actor.description,
        "wikidata_id": actor.wikidata_id,
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        "aliases-MIN_NUM_FORMS": 0,
        "aliases-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("q324546", "Q324546"),
        (" Q324546 ", "Q324546"),
        ("https://www.wikidata.org/wiki/Q324546", "Q324546"),
    ],
)
def test_wikidata_id_is_normalised(client, duplicates, editor, typed, stored):
    client.force_login(editor)
    rubio = duplicates["rubio"]
    url = reverse("admin:claims_actor_change", args=[rubio.pk])
    Actor.objects.filter(pk=duplicates["dup"].pk).update(wikidata_id="")
    assert client.post(url, actor_form(rubio, wikidata_id=typed)).status_code == 302
    rubio.refresh_from_db()
    assert rubio.wikidata_id == stored


@pytest.mark.parametrize(
    ("typed", "error"),
    [("X12", "Enter a Wikidata item ID"), ("Q0", "Enter a Wikidata item ID"), ("Q324546", "")],
)
def test_wikidata_id_is_validated(client, duplicates, editor, typed, error):
    client.force_login(editor)
    rubio = duplicates["rubio"]
    url = reverse("admin:claims_actor_change", args=[rubio.pk])
    response = client.post(url, actor_form(rubio, wikidata_id=typed))
    assert response.status_code == 200  # the form again
    html = response.content.decode()
    assert (error or "already") in html  # Q324546 belongs to the duplicate
    rubio.refresh_from_db()
    assert rubio.wikidata_id == ""


def test_actor_page_shows_aliases_and_wikidata_link(client, duplicates, editor):
    client.force_login(editor)
    listing = client.get(reverse("admin:claims_actor_changelist") + "?q=Rubio").content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q324546"' in listing


# --- 7. Events -------------------------------------------------------------------------------


@pytest.fixture
def events(claims, editor):
    suggested = Event.objects.create(
        title="Budapest summit", date=dt.date(2025, 10, 30), status="suggested"
    )
    older = Event.objects.create(title="Riyadh talks", date=dt.date(2025, 2, 18))
    undated = Event.objects.create(title="Some meeting", status="suggested")
    for claim in claims:
        claim.events.add(older)
    give_verdict(claims[0], verdict="corroborated", editor=editor)
    give_verdict(claims[1], verdict="contradicted", editor=editor)
    return {"suggested": suggested, "older": older, "undated": undated, "claims": claims}


def test_event_list_is_ordered_by_date(client, events, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:claims_event_changelist")).content.decode()
    titles = re.findall(r'field-title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Riyadh talks", "Budapest summit", "Some meeting"]


def test_confirm_and_dismiss_suggested_events(client, events, editor):
    client.force_login(editor)
    assert (
        post_action(client, "event", "confirm_events", [events["suggested"]], index=0).status_code
        == 302
    )
    assert (
        post_action(client, "event", "dismiss_events", [events["undated"]], index=0).status_code
        == 302
    )
    statuses = dict(Event.objects.values_list("title", "status"))
    assert statuses == {
        "Budapest summit": "confirmed",
        "Some meeting": "dismissed",
        "Riyadh talks": "confirmed",
    }


def test_staff_reader_cannot_confirm_or_dismiss(client, events, staff_reader):
    client.force_login(staff_reader)
    for action in ["confirm_events", "dismiss_events"]:
        response = post_action(client, "event", action, [events["suggested"]], index=0)
        assert response.status_code == 403
    assert Event.objects.get(pk=events["suggested"].pk).status == "suggested"


@pytest.mark.parametrize("who", ["editor", "staff_reader"])
def test_event_page_groups_claims_by_verdict(client, events, request, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("admin:claims_event_change", args=[events["older"].pk])
    html = client.get(url).content.decode()
    section = html[html.index("field-claims_by_verdict") :]
    groups = re.findall(
        r'<h4><span class="verdict-badge verdict-(\w+)".*?</span> (\d+)</h4>', section
    )
    assert groups == [("unverified", "1"), ("corroborated", "1"), ("contradicted", "1")]
    for claim in events["claims"]:
        assert claim.text in section


def test_claims_are_linked_to_an_event_with_autocomplete(client, events, editor):
    client.force_login(editor)
    event = events["suggested"]
    url = reverse("admin:claims_event_change", args=[event.pk])
    html = client.get(url).content.decode()
    group = html[html.index('id="Claim_events-group"') :]
    select = re.search(r'<select name="Claim_events-__prefix__-claim"[^>]*>', group).group(0)
    assert 'class="admin-autocomplete"' in select
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "claims",
            "model_name": "claim_events",
            "field_name": "claim",
            "term": "Analysts",
        },
    ).json()
    assert [r["id"] for r in found["results"]] == [str(events["claims"][2].pk)]
    claim = events["claims"][2]
    data = {
        "title": event.title,
        "status": event.status,
        "date": "2025-10-30",
        "date_precision": "day",
        "end_date": "",
        "location": "",
        "description": "",
        "aliases": "[]",
        "participants": [],
        "Claim_events-TOTAL_FORMS": 1,
        "Claim_events-INITIAL_FORMS": 0,
        "Claim_events-MIN_NUM_FORMS": 0,
        "Claim_events-MAX_NUM_FORMS": 1000,
        "Claim_events-0-claim": claim.pk,
        "Claim_events-0-event": event.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert event in claim.events.all()


# --- 5. Re-import an article -----------------------------------------------------------------


S1 = "Donald Trump met Vladimir Putin in Budapest on March 3, 2025."
S2 = "Prices rose 5% in March."
S3 = "Analysts expected a deal by April 1, 2025."


@pytest.fixture
def imported(monkeypatch, editor):
    from claims.importer.service import import_article

    use_fake_pipeline(monkeypatch)
    result = import_article(text=article_text(S1, S2), source_name="budapest.txt")
    assert result.ok, result.error
    article = Article.objects.get(pk=result.article_id)
    reviewed = article.claims.get(text=S1)
    give_verdict(reviewed, verdict="contradicted", editor=editor, note="never met")
    return article, reviewed


def test_reimport_button_keeps_reviewed_claims_and_shows_the_result(client, imported, editor):
    article, reviewed = imported
    # The stored raw text was corrected (say, a paragraph the feed had dropped).
    Article.objects.filter(pk=article.pk).update(raw_text=article_text(S1, S2, S3))
    client.force_login(editor)
    page = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    button = reverse("admin:claims_article_reimport", args=[article.pk])
    assert f'action="{button}"' in page
    response = client.post(button)
    assert response.status_code == 302
    texts = list(article.claims.order_by("position").values_list("text", flat=True))
    assert texts == [S1, S2, S3]
    kept = Claim.objects.get(pk=reviewed.pk)
    assert (kept.verdict, kept.reviews.count()) == ("contradicted", 1)
    shown = client.get(response["Location"]).content.decode()
    assert "updated — 3 claims, 1 reviewed claim(s) kept" in shown


def test_reimport_of_unchanged_raw_text_says_so(client, imported, editor):
    article, _ = imported
    client.force_login(editor)
    response = client.post(reverse("admin:claims_article_reimport", args=[article.pk]))
    assert "unchanged" in client.get(response["Location"]).content.decode()


def test_reimport_action_on_the_article_list(client, imported, editor):
    article, reviewed = imported
    Article.objects.filter(pk=article.pk).update(raw_text=article_text(S1, S3))
    client.force_login(editor)
    response = post_action(client, "article", "reimport_articles", [article], index=0)
    assert response.status_code == 302
    assert list(article.claims.order_by("position").values_list("text", flat=True)) == [S1, S3]
    assert Claim.objects.filter(pk=reviewed.pk).exists()


def test_reimport_failure_is_reported_and_changes_nothing(client, imported, editor):
    article, reviewed = imported
    Article.objects.filter(pk=article.pk).update(raw_text=article_text(S2, S3))  # S1 gone
    client.force_login(editor)
    response = client.post(reverse("admin:claims_article_reimport", args=[article.pk]))
    html = client.get(response["Location"]).content.decode()
    assert "re-import failed" in html and str(reviewed.pk) in html
    assert list(article.claims.order_by("position").values_list("text", flat=True)) == [S1, S2]


def test_staff_reader_cannot_reimport(client, imported, staff_reader):
    article, _ = imported
    Article.objects.filter(pk=article.pk).update(raw_text=article_text(S1, S2, S3))
    client.force_login(staff_reader)
    page = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert reverse("admin:claims_article_reimport", args=[article.pk]) not in page
    assert (
        client.post(reverse("admin:claims_article_reimport", args=[article.pk])).status_code == 403
    )
    assert (
        post_action(client, "article", "reimport_articles", [article], index=0).status_code == 403
    )
    assert article.claims.count() == 2
