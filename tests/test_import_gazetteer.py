"""The gazetteer data migration: countries and organisations as actors, idempotent and
reversible without touching actors that claims use."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps

from claims.models import Actor, ActorAlias, Claim
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

gazetteer = importlib.import_module("claims.migrations.0004_gazetteer")
ENTRIES = json.loads(
    (Path(gazetteer.__file__).parent.parent / "data" / "gazetteer.json").read_text("utf-8")
)["actors"]


def test_rows_exist_after_migrate():
    assert Actor.objects.filter(name__in=[e["name"] for e in ENTRIES]).count() == len(ENTRIES)
    us = Actor.objects.get(name="United States")
    assert us.kind == Actor.Kind.COUNTRY and us.wikidata_id == "Q30"
    for alias in ["U.S.", "US", "USA", "America", "United States of America"]:
        assert list(Actor.objects.matching(alias)) == [us], alias
    assert Actor.objects.matching("Russian Federation").get().name == "Russia"
    assert Actor.objects.matching("EU").get().name == "European Union"
    assert Actor.objects.matching("Britain").get().name == "United Kingdom"
    for name in ["Kremlin", "White House", "NATO", "Rosneft", "Lukoil", "Goldman Sachs", "G7"]:
        assert Actor.objects.get(name=name).kind == Actor.Kind.ORGANIZATION
    assert not Actor.objects.filter(name__in=["Kyiv", "Moscow", "Washington"]).exists()


def test_load_again_changes_nothing():
    before = (Actor.objects.count(), ActorAlias.objects.count())
    gazetteer.load(apps, None)
    assert (Actor.objects.count(), ActorAlias.objects.count()) == before


def test_editor_version_wins_on_reload():
    Actor.objects.filter(name="Russia").delete()
    Actor.objects.create(name="Russian Federation", kind=Actor.Kind.COUNTRY, wikidata_id="Q159")
    gazetteer.load(apps, None)
    assert not Actor.objects.filter(name="Russia").exists()


def test_reverse_deletes_only_unused_gazetteer_actors(article):
    russia = Actor.objects.get(name="Russia")
    claim = make_claim(article, "US and Russian officials met in Riyadh on February 18, 2025.", 0)
    claim.actors.add(russia)
    kremlin = Actor.objects.get(name="Kremlin")
    Claim.objects.filter(pk=claim.pk).update(speaker=kremlin)
    mine = Actor.objects.create(name="Marco Rubio")
    gazetteer.unload(apps, None)
    remaining = set(Actor.objects.values_list("name", flat=True))
    assert remaining == {"Russia", "Kremlin", "Marco Rubio"}
    assert Actor.objects.matching("Russian Federation").get() == russia  # its alias kept
    gazetteer.load(apps, None)
    assert Actor.objects.count() == len(ENTRIES) + 1
    assert Actor.objects.get(pk=mine.pk)
