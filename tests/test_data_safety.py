"""Fact-check data is never lost silently.

* Deleting an article whose claims carry editors' work (a verdict, a review, evidence, a
  relation) is refused by the admin with a page that says why (never a 500), for its delete
  page and its bulk action alike; ``manage.py delete_article --force`` is the one way past,
  for holders of ``claims.force_delete_article``: it lists everything it removes and does it
  in one transaction.
* ``dumpdata`` / ``loaddata`` of a populated database reproduces it exactly.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Sum
from django.urls import reverse
from rest_framework.authtoken.models import Token

from claims.importer.service import import_paths
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    Review,
)
from tests.factories import World, build_world, give_verdict

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in [Article, Claim, Review, Evidence, ClaimRelation, Actor, Event]
    }


# --- The admin refuses ----------------------------------------------------------------------


def work_review(w: World, editor: User) -> Article:
    give_verdict(w.quote, verdict="contradicted", editor=editor, note="checked")
    return w.riyadh_article


def work_verdict_only(w: World, editor: User) -> Article:
    # A verdict without history rows, as a bulk load or a fixture may leave it.
    Claim.objects.filter(pk=w.rain.pk).update(verdict="corroborated")
    return w.lisbon_article


def work_evidence(w: World, editor: User) -> Article:
    Evidence.objects.create(claim=w.sanctions, url="https://example.org/e", added_by=editor)
    return w.saudi_article


def work_incoming_relation(w: World, editor: User) -> Article:
    # Only the *other* article's claim points here: still editors' work on this article.
    ClaimRelation.objects.create(from_claim=w.met, to_claim=w.runners, relation="contradicts")
    return w.lisbon_article


WORK = {
    "review": work_review,
    "verdict only": work_verdict_only,
    "evidence": work_evidence,
    "incoming relation": work_incoming_relation,
}


@pytest.mark.parametrize("work", list(WORK))
def test_admin_refuses_to_delete_an_article_with_editors_work(client, superuser, editor, work):
    world = build_world()
    article = WORK[work](world, editor)
    client.force_login(superuser)
    before = counts()
    url = reverse("admin:claims_article_delete", args=[article.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cannot delete article" in html
    assert "Reviewed claim of" in html and f"delete_article --force {article.pk}" in html
    assert "Yes, I’m sure" not in html  # no confirm button
    confirmed = client.post(url, {"post": "yes"})
    assert confirmed.status_code == 200  # the same refusal, not a deletion and not a 500
    assert "Cannot delete article" in confirmed.content.decode()
    bulk = client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [article.pk], "post": "yes"},
    )
    assert bulk.status_code == 200 and "Cannot delete article" in bulk.content.decode()
    assert counts() == before
    assert Article.objects.filter(pk=article.pk).exists()


def test_admin_deletes_an_untouched_article_with_its_claims(client, superuser):
    world = build_world()
    client.force_login(superuser)
    url = reverse("admin:claims_article_delete", args=[world.lisbon_article.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=world.lisbon_article.pk).exists()
    assert not Claim.objects.filter(pk__in=[world.rain.pk, world.runners.pk]).exists()


def test_editors_cannot_delete_articles_at_all(client, editor):
    world = build_world()
    client.force_login(editor)
    url = reverse("admin:claims_article_delete", args=[world.lisbon_article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403


# --- manage.py delete_article ----------------------------------------------------------------


def delete_article(*args: str) -> str:
    out = io.StringIO()
    call_command("delete_article", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def worked(editor) -> World:
    """Every kind of editor work on the Riyadh article, one relation to another article."""
    world = build_world()
    give_verdict(
        world.quote,
        verdict="contradicted",
        editor=editor,
        note="Rubio said no such thing",
        evidence=[{"url": "https://example.org/transcript", "stance": "refutes"}],
    )
    give_verdict(world.quote, verdict="mixed", editor=editor, note="partly")
    Evidence.objects.create(claim=world.met, excerpt="A readout.", added_by=editor)
    ClaimRelation.objects.create(
        from_claim=world.rubio_lavrov_met, to_claim=world.met, relation="corroborates"
    )
    ClaimRelation.objects.create(
        from_claim=world.met, to_claim=world.analysts, relation="duplicates"
    )
    return world


def test_without_force_an_article_with_work_is_refused(worked, superuser):
    before = counts()
    with pytest.raises(CommandError, match="has reviewed claims; nothing was deleted"):
        delete_article(str(worked.riyadh_article.pk), "--user", "root")
    assert counts() == before


def test_force_needs_the_permission(worked, editor):
    before = counts()
    with pytest.raises(CommandError, match=r"lacks the claims\.force_delete_article permission"):
        delete_article(str(worked.riyadh_article.pk), "--user", "editor", "--force")
    with pytest.raises(CommandError, match=r"lacks the claims\.delete_article permission"):
        delete_article(str(worked.lisbon_article.pk), "--user", "editor")
    with pytest.raises(CommandError, match="no active user 'nobody'"):
        delete_article(str(worked.lisbon_article.pk), "--user", "nobody", "--force")
    assert counts() == before


def test_dry_run_lists_everything_and_deletes_nothing(worked, superuser):
    before = counts()
    out = delete_article(str(worked.riyadh_article.pk), "--user", "root", "--force", "--dry-run")
    assert "3 claims (1 with a verdict), 2 reviews, 2 evidence, 2 relations" in out
    assert out.count("  review ") == 2 and out.count("  evidence ") == 2
    assert f"claim {worked.rubio_lavrov_met.pk} of article {worked.saudi_article.pk} stays" in out
    assert "dry run: nothing deleted" in out
    assert counts() == before


def test_force_deletes_exactly_what_it_lists_in_one_transaction(worked, superuser):
    article = worked.riyadh_article
    before = counts()
    out = delete_article(str(article.pk), "--user", "root", "--force")
    assert f"deleted article {article.pk}" in out
    after = counts()
    assert before["Article"] - after["Article"] == 1
    assert before["Claim"] - after["Claim"] == 3
    assert (before["Review"] - after["Review"], before["Evidence"] - after["Evidence"]) == (2, 2)
    assert before["ClaimRelation"] - after["ClaimRelation"] == 2
    # The other article's claim, the actors and the events stay.
    assert Claim.objects.filter(pk=worked.rubio_lavrov_met.pk).exists()
    assert (after["Actor"], after["Event"]) == (before["Actor"], before["Event"])
    entry = LogEntry.objects.get(action_flag=DELETION, object_id=str(article.pk))
    assert entry.user.username == "root" and "2 reviews" in entry.get_change_message()


def test_a_holder_of_the_permission_may_force_too(worked, editor):
    editor.user_permissions.add(Permission.objects.get(codename="force_delete_article"))
    editor = User.objects.get(pk=editor.pk)  # fresh permission cache
    delete_article(str(worked.riyadh_article.pk), "--user", "editor", "--force")
    assert not Article.objects.filter(pk=worked.riyadh_article.pk).exists()


def test_several_ids_are_all_or_nothing(worked, superuser):
    """The untouched article is not deleted when the next one is refused."""
    before = counts()
    ids = [str(worked.lisbon_article.pk), str(worked.riyadh_article.pk)]
    with pytest.raises(CommandError):
        delete_article(*ids, "--user", "root")
    assert counts() == before
    with pytest.raises(CommandError, match="no article with id 999999"):
        delete_article(str(worked.lisbon_article.pk), "999999", "--user", "root", "--force")
    assert counts() == before


def test_plain_delete_of_an_untouched_article(worked, superuser):
    out = delete_article(str(worked.lisbon_article.pk), "--user", "root")
    assert "2 claims (0 with a verdict), 0 reviews, 0 evidence, 0 relations" in out
    assert not Article.objects.filter(pk=worked.lisbon_article.pk).exists()


# --- dumpdata / loaddata round trip ----------------------------------------------------------

# Content types and permissions are re-created by migrate/flush with their own ids; fixtures
# refer to them by natural key. Sessions are not data. ClaimCount is derived: database
# triggers rebuild it as the claims are loaded (loading it too would count them twice).
DUMP_ARGS = ["--natural-foreign", "-e", "contenttypes", "-e", "auth.permission", "-e", "sessions"]
DERIVED = ["claims.claimcount"]


def dump() -> list[dict]:
    out = io.StringIO()
    derived = [arg for model in DERIVED if model_exists(model) for arg in ("-e", model)]
    call_command("dumpdata", *DUMP_ARGS, *derived, "--indent", "1", stdout=out)
    # Django's JSON encoder keeps milliseconds: a time with under 1 ms of microseconds dumps
    # as "…:18.000Z", loads as a whole second and re-dumps as "…:18Z" — the same instant.
    return json.loads(re.sub(r'(T\d\d:\d\d:\d\d)\.000Z"', r'\1Z"', out.getvalue()))


def model_exists(label: str) -> bool:
    app, model = label.split(".")
    return model in apps.all_models[app]


@pytest.fixture
def populated(editor, superuser, monkeypatch) -> None:
    """The seeds imported, then verdicts with evidence, relations, aliases, events."""
    monkeypatch.chdir(ROOT)
    results = import_paths([ROOT / "seeds"])
    assert [r.status for r in results] == ["created"] * len(results)
    claims = list(Claim.objects.order_by("pk"))
    for i, claim in enumerate(claims[:6]):
        give_verdict(
            claim,
            verdict=["corroborated", "contradicted", "mixed"][i % 3],
            editor=editor if i % 2 else superuser,
            note=f"note {i} “quoted” — ünïcode",
            evidence=[{"url": f"https://example.org/{i}", "title": "Source", "stance": "supports"}],
        )
    give_verdict(claims[0], verdict="unverifiable", editor=editor, note="second thoughts")
    other = Claim.objects.exclude(article=claims[0].article).first()
    ClaimRelation.objects.create(
        from_claim=claims[0], to_claim=other, relation="contradicts", created_by=editor
    )
    actor = Actor.objects.get(name="Vladimir Putin")
    ActorAlias.objects.get_or_create(actor=actor, alias="the Kremlin leader")
    event = Event.objects.create(title="Budapest summit (cancelled)", aliases=["Budapest talks"])
    event.participants.add(actor)
    claims[1].events.add(event)
    Token.objects.create(user=editor)
    assert Review.objects.count() == 7 and Evidence.objects.count() == 6


def test_dumpdata_loaddata_round_trip_is_exact(populated, tmp_path):
    first = dump()
    models = {row["model"] for row in first}
    assert {"claims.claim", "claims.review", "claims.evidence", "claims.claimrelation"} <= models
    assert {"claims.actoralias", "claims.event", "auth.group", "authtoken.token"} <= models
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(first), encoding="utf-8")

    if connection.vendor == "postgresql":
        # The test runs in a transaction: run the deferred foreign-key checks now, or
        # PostgreSQL refuses to TRUNCATE tables with pending trigger events.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", "--noinput", verbosity=0)
    if model_exists("claims.claimcount"):
        # On SQLite flush DELETEs table by table in no fixed order: when claims_claimcount
        # is emptied before claims_claim, the delete triggers leave negative counters
        # behind. A restore starts from an empty (or freshly migrated) database; make it so.
        apps.get_model("claims", "ClaimCount").objects.all().delete()
    assert not Claim.objects.exists() and not Group.objects.exists()
    call_command("loaddata", str(path), verbosity=0)

    second = dump()
    assert second == first
    if model_exists("claims.claimcount"):
        # The triggers counted the loaded claims: the derived table agrees with them.
        ClaimCount = apps.get_model("claims", "ClaimCount")
        counted = {
            (row["speaker_id"], row["verdict"]): row["total"]
            for row in ClaimCount.objects.values("speaker_id", "verdict").annotate(total=Sum("n"))
            if row["total"]
        }
        actual = {
            (row["speaker_id"], row["verdict"]): row["total"]
            for row in Claim.objects.values("speaker_id", "verdict").annotate(total=Count("pk"))
        }
        assert counted == actual
    # And the database says the same: every claim still points into its article's body.
    for claim in Claim.objects.select_related("article"):
        assert claim.article.body[claim.start : claim.end] == claim.text
    if connection.vendor == "postgresql":
        # Sequences moved past the loaded ids: the next row does not collide.
        Article.objects.create(title="new", body="x", raw_text="x", content_hash="f" * 64)


@pytest.fixture(autouse=True)
def _content_type_cache():
    yield
    # flush re-created content types with new ids inside this test's transaction.
    ContentType.objects.clear_cache()
