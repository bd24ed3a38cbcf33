"""fixtures/demo.json: what it holds once loaded into a fresh database (SQLite or PostgreSQL,
whichever DATABASE_URL names), and that rebuilding it from seeds/ and the curation file gives
the very same bytes."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction

from claims.devtools.demo_fixture import (
    CURATION,
    FIXTURE,
    ClaimRef,
    article_for_seed,
    claim_refs,
    load_curation,
    matching_claims,
)
from claims.importer.service import import_paths
from claims.models import Actor, ActorAlias, Article, Claim, ClaimRelation, Event, Evidence, Review

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(path.name for path in SEEDS.glob("*.txt"))
ALLOWED_MODELS = {
    "auth.user",
    "claims.actor",
    "claims.actoralias",
    "claims.article",
    "claims.claim",
    "claims.claimrelation",
    "claims.event",
    "claims.evidence",
    "claims.review",
}
CURATED_EVENTS = {
    # title: (date, precision)
    "US–Russia talks in Riyadh": (dt.date(2025, 2, 18), "day"),
    "Trump’s remarks aboard Air Force One": (dt.date(2025, 2, 19), "day"),
    "JD Vance defends talking to Russia": (dt.date(2025, 2, 20), "day"),
    "Witkoff’s trip to Moscow and the release of Marc Fogel": (dt.date(2025, 2, 1), "month"),
    "US sanctions on Rosneft and Lukoil": (dt.date(2025, 10, 1), "month"),
    "Trump–Putin summit in Budapest cancelled": (dt.date(2025, 10, 1), "month"),
    "Kirill Dmitriev’s visit to Washington": (dt.date(2025, 10, 1), "month"),
}


@pytest.fixture(scope="module")
def curation() -> dict:
    return load_curation(CURATION)


@pytest.fixture
def fresh_import_counts(db) -> dict[str, int]:
    """Claims per seed file when the seeds are imported into this (empty) database, rolled
    back afterwards so the fixture then loads into the same fresh state."""
    with transaction.atomic():
        results = import_paths([SEEDS])
        counts = {Path(r.source_name).name: r.claim_count for r in results if r.ok}
        transaction.set_rollback(True)
    assert sorted(counts) == SEED_FILES
    return counts


@pytest.fixture
def demo(db) -> None:
    assert not Article.objects.exists()
    call_command("loaddata", str(FIXTURE), verbosity=0)


def _curator() -> User:
    return User.objects.get(username="demo-curator")


def test_loaddata_finds_the_demo_by_name(db):
    # fixtures/ is in FIXTURE_DIRS: Django's convention, no path needed.
    call_command("loaddata", "demo", verbosity=0)
    assert Article.objects.count() == 3 and Claim.objects.exists()


def test_three_seed_articles_with_the_claims_a_fresh_import_makes(fresh_import_counts, demo):
    assert Article.objects.count() == 3
    loaded = {
        Path(article.source_name).name: article.claims.count() for article in Article.objects.all()
    }
    assert loaded == fresh_import_counts
    for article in Article.objects.all():
        assert article.source_name == f"seeds/{Path(article.source_name).name}"
        assert article.raw_text == (SEEDS / Path(article.source_name).name).read_text("utf-8")


def test_every_claim_keeps_the_offsets_invariant(demo):
    claims = list(Claim.objects.select_related("article"))
    assert len(claims) > 100
    for claim in claims:
        assert claim.article.body[claim.start : claim.end] == claim.text, claim.pk
        claim.validate_offsets()


def test_at_least_eight_relations_across_articles(demo, curation):
    relations = ClaimRelation.objects.select_related("from_claim", "to_claim")
    across = [r for r in relations if r.from_claim.article_id != r.to_claim.article_id]
    assert len(across) >= 8
    assert len(across) == relations.count() == len(curation["relations"])
    assert all(r.note and r.created_by == _curator() for r in relations)
    assert {r.relation for r in relations} == {"corroborates", "contradicts", "duplicates"}


def test_curated_events_with_their_dates_and_claims(demo):
    confirmed = {e.title: e for e in Event.objects.filter(status=Event.Status.CONFIRMED)}
    assert set(confirmed) == set(CURATED_EVENTS)
    for title, (date, precision) in CURATED_EVENTS.items():
        event = confirmed[title]
        assert (event.date, event.date_precision) == (date, precision), title
        assert event.description and event.participants.exists(), title
        assert event.claims.exists(), title
        if precision == "month":
            assert "month precision" in event.description, title
    riyadh = confirmed["US–Russia talks in Riyadh"]
    assert "Riyadh" in riyadh.location
    assert set(riyadh.participants.values_list("name", flat=True)) >= {"Marco Rubio"}
    assert riyadh.claims.filter(text__contains="Diriyah Palace").exists()
    # The importer's suggestions the curation adopted are confirmed now, not duplicated.
    assert (
        not Event.objects.filter(status=Event.Status.SUGGESTED)
        .filter(date__in=[dt.date(2025, 2, 18)])
        .exists()
    )


def test_actors_roles_and_only_vouched_for_wikidata_ids(demo, curation):
    assert Actor.objects.get(name="Vladimir Putin").wikidata_id == "Q7747"
    included = curation["wikidata"]["included"]
    for entry in curation["actors"]:
        actor = Actor.objects.get(name=entry["name"])
        assert actor.description == entry["description"]
        assert actor.kind == entry["kind"]
        assert actor.wikidata_id == entry["wikidata_id"]
        if actor.wikidata_id:
            assert actor.wikidata_id in included, f"{actor}: say how the ID was verified"
        for alias in entry["aliases"]:
            assert Actor.objects.matching(alias).get() == actor
    # Importer-made people get no ID the curation did not give them.
    people_with_ids = set(
        Actor.objects.filter(kind=Actor.Kind.PERSON)
        .exclude(wikidata_id="")
        .values_list("wikidata_id", flat=True)
    )
    assert people_with_ids == set(included)
    assert Actor.objects.get(name="Kirill Dmitriev").wikidata_id == ""


def test_verdicts_have_notes_evidence_and_history(demo, curation):
    reviewed = list(Claim.objects.reviewed().select_related("reviewed_by"))
    assert len(reviewed) == len(curation["verdicts"])
    assert {c.verdict for c in reviewed} == {
        "corroborated",
        "contradicted",
        "mixed",
        "unverifiable",
    }
    claim_texts = set(Claim.objects.values_list("text", flat=True))
    for claim in reviewed:
        assert claim.verdict_note.strip(), claim.pk
        assert claim.reviewed_by == _curator() and claim.reviewed_at is not None
        review = Review.objects.get(claim=claim)
        assert (review.verdict, review.note, review.editor) == (
            claim.verdict,
            claim.verdict_note,
            claim.reviewed_by,
        )
        for item in Evidence.objects.filter(claim=claim):
            assert item.review == review and item.stance in Evidence.Stance.values
            # Evidence quotes another seed claim word for word.
            assert item.excerpt in claim_texts and item.excerpt != claim.text
    assert Evidence.objects.count() == sum(len(v["evidence"]) for v in curation["verdicts"])


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def test_notes_quote_the_articles_verbatim(demo, curation):
    """Every “quoted” passage in a verdict note or event description is in a seed article, so
    the demo's verdicts are defensible from the articles themselves."""
    bodies = _normalise(" ".join(Article.objects.values_list("body", flat=True)))
    texts = [v["note"] for v in curation["verdicts"]]
    texts += [e["description"] for e in curation["events"]]
    quotes = [q for text in texts for q in re.findall(r"“([^”]+)”", text)]
    assert len(quotes) > 20
    missing = [q for q in quotes if _normalise(q).rstrip(".,") not in bodies]
    assert not missing


def test_each_curated_snippet_names_exactly_one_claim(demo, curation):
    refs = list(claim_refs(curation))
    assert len(refs) > 50
    for ref in set(refs):
        assert len(matching_claims(ref)) == 1, ref
    # Verdict and relation claims exist in every seed, named by file, not by id.
    assert {ref.seed for ref in refs} == set(SEED_FILES)
    assert isinstance(refs[0], ClaimRef)
    assert article_for_seed(SEED_FILES[0]).claims.exists()


def test_only_the_non_login_curator_and_no_other_tables(demo):
    curator = _curator()
    assert list(User.objects.values_list("username", flat=True)) == ["demo-curator"]
    assert not curator.has_usable_password()
    assert not curator.is_active and not curator.is_staff and not curator.is_superuser
    assert not curator.groups.exists()
    labels = {item["model"] for item in json.loads(FIXTURE.read_text("utf-8"))}
    assert labels <= ALLOWED_MODELS


def test_stats_counters_are_rebuilt_from_the_loaded_claims(demo, client):
    """The fixture holds no claims.ClaimCount rows: the database triggers count the claims as
    they load, so /api/stats/ (which reads those counters) agrees with the claims."""
    client.force_login(User.objects.create_user("desk"))  # the desk: every claim counts
    by_verdict = client.get("/api/stats/", {"group_by": "verdict"}).json()
    assert {row["key"]: row["total"] for row in by_verdict["results"]} == {
        verdict: Claim.objects.filter(verdict=verdict).count() for verdict in Claim.Verdict.values
    }
    by_speaker = client.get("/api/stats/", {"group_by": "speaker", "limit": 500}).json()
    for row in by_speaker["results"]:
        assert row["total"] == Claim.objects.filter(speaker_id=row["key"]).count(), row


def test_loads_when_gazetteer_actors_have_other_ids(db):
    """Actors and aliases are loaded by natural key (name / normalised alias): the gazetteer
    rows migration 0004 made may sit at any id in the target database."""
    russia = Actor.objects.get(name="Russia")
    aliases = list(russia.aliases.values_list("alias", flat=True))
    russia.delete()
    moved = Actor.objects.create(name="Russia", kind=Actor.Kind.COUNTRY)
    for alias in aliases:
        ActorAlias.objects.create(actor=moved, alias=alias)
    Actor.objects.create(name="Someone an editor added first")

    call_command("loaddata", str(FIXTURE), verbosity=0)

    assert Actor.objects.filter(name="Russia").get() == moved
    moved.refresh_from_db()
    assert moved.wikidata_id == "Q159"
    assert moved.mentioned_in.count() > 10
    assert Actor.objects.filter(name="Someone an editor added first").exists()


def test_demo_setup_loads_it_into_an_empty_database(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_setup", "--no-user", stdout=out)
    assert "Loaded fixtures/demo.json" in out.getvalue()
    assert Article.objects.count() == 3 and ClaimRelation.objects.count() >= 8


@pytest.mark.slow
def test_rebuilding_gives_the_committed_file_byte_for_byte(tmp_path):
    """The fixture never drifts from the importer, the models or the curation: a fresh build
    (in a child process, on its own in-memory database) is identical to the committed file.
    If this fails after an importer change, run `python manage.py build_demo_fixture`."""
    out = tmp_path / "demo.json"
    call_command("build_demo_fixture", "--output", str(out), stdout=StringIO())
    assert out.read_bytes() == FIXTURE.read_bytes()
